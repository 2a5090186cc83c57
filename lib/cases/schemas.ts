import { z } from "zod";
import Decimal from "decimal.js";
import { APPLICATION_STATES, type ApplicationState } from "@/db/schema/cases";
import { parseIdNumber } from "@/lib/registry/id-number";
import { shanghaiDate } from "@/lib/registry/deadline";

/**
 * W6 forms as they arrive (FormData → strings). Money stays a string checked exactly
 * (≤ 2 decimals, ≥ 0, ≤ 1,000,000,000: quality.md "Money"); every message names its field.
 */

export { STATE_LABELS, SOURCE_LABELS, type ApplicationSource } from "./labels";
export { APPLICATION_STATES };

/** States in which a case still waits for a decision (the reminder applies to these). */
export const OPEN_STATES: readonly ApplicationState[] = ["SUBMITTED", "ACCEPTED", "UNDER_REVIEW", "RETURNED", "PROPOSED"];

export const MAX_BILLS = 20;
const MONEY_RE = /^\d+(\.\d{1,2})?$/;
const MAX_MONEY = new Decimal("1000000000");

/** A money string for a named field: "请填写…", "…不能为负数", "…最多保留两位小数". */
export function moneyField(name: string) {
  return z
    .string({ error: `请填写${name}` })
    .trim()
    .min(1, `请填写${name}`)
    .superRefine((v, ctx) => {
      if (/^-\d/.test(v)) ctx.addIssue({ code: "custom", message: `${name}不能为负数` });
      else if (/^\d+\.\d{3,}$/.test(v)) ctx.addIssue({ code: "custom", message: `${name}最多保留两位小数（到分）` });
      else if (!MONEY_RE.test(v)) ctx.addIssue({ code: "custom", message: `${name}须为金额数字，例如 1200.00` });
      else if (new Decimal(v).gt(MAX_MONEY)) ctx.addIssue({ code: "custom", message: `${name}不能超过1,000,000,000元` });
    })
    .transform((v) => new Decimal(v).toFixed(2));
}

const BILL_FIELDS = ["hospitalName", "visitDate", "totalCost", "insurancePaid", "selfPay"] as const;

/**
 * FormData sends bills as flat fields `bills.<n>.<field>`; callers in code may pass a `bills`
 * array. Blank rows (every field empty) are dropped: the form shows a few empty rows.
 */
function nestBills(input: unknown): unknown {
  if (typeof input !== "object" || input === null) return input;
  const flat = input as Record<string, unknown>;
  const rows = new Map<number, Record<string, unknown>>();
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const m = /^bills\.(\d{1,2})\.(\w+)$/.exec(key);
    if (m) {
      const i = Number(m[1]);
      if (!rows.has(i)) rows.set(i, {});
      rows.get(i)![m[2]!] = value;
    } else rest[key] = value;
  }
  if (rows.size === 0) return rest;
  const bills = [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, row]) => row)
    .filter((row) => BILL_FIELDS.some((f) => typeof row[f] === "string" && (row[f] as string).trim() !== ""));
  return { ...rest, bills };
}

const billSchema = z
  .object({
    hospitalName: z.string({ error: "请填写医院名称" }).trim().min(2, "请填写医院名称").max(80, "医院名称不超过 80 个字"),
    visitDate: z
      .string({ error: "请填写就诊日期" })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "请填写就诊日期（年-月-日）")
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v, "就诊日期不存在")
      .refine((v) => v >= "2000-01-01", "就诊日期不能早于2000年")
      .refine((v) => v <= shanghaiDate(new Date()), "就诊日期不能晚于今天"),
    totalCost: moneyField("医疗总费用"),
    insurancePaid: moneyField("医保已支付（基本医保和大病保险）"),
    selfPay: moneyField("政策范围内个人自付"),
  })
  .superRefine((b, ctx) => {
    if (new Decimal(b.insurancePaid).plus(b.selfPay).gt(b.totalCost)) {
      ctx.addIssue({ code: "custom", path: ["selfPay"], message: "医保已支付与个人自付之和不能超过医疗总费用" });
    }
  });

export const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export const applicationInputSchema = z.preprocess(
  nestBills,
  z.object({
    applicantName: z.string({ error: "请填写申请人姓名" }).trim().min(2, "请填写申请人姓名").max(40, "姓名不超过 40 个字"),
    idNumber: z
      .string({ error: "请填写公民身份号码" })
      .trim()
      .transform((v, ctx) => {
        const parsed = parseIdNumber(v, shanghaiDate(new Date()));
        if (!parsed.ok) {
          ctx.addIssue({ code: "custom", message: parsed.message });
          return z.NEVER;
        }
        return parsed.idNumber;
      }),
    phone: z
      .string({ error: "请填写联系电话" })
      .trim()
      .transform((v) => v.replace(/[\s]/g, ""))
      .refine((v) => PHONE_RE.test(v), "联系电话须为11位手机号码或带区号的固定电话"),
    householdSize: z.preprocess(
      (v) => (typeof v === "number" ? String(v) : v),
      z
        .string({ error: "请填写家庭人口数" })
        .trim()
        .regex(/^\d{1,2}$/, "家庭人口数须为1到20之间的整数")
        .transform(Number)
        .refine((n) => n >= 1 && n <= 20, "家庭人口数须为1到20之间的整数"),
    ),
    householdAnnualIncome: moneyField("家庭年收入"),
    incomeStatement: z.string({ error: "请说明家庭收入情况" }).trim().min(2, "请说明家庭收入情况").max(1000, "收入情况说明不超过 1000 字"),
    reason: z.string({ error: "请填写申请理由" }).trim().min(2, "请填写申请理由").max(2000, "申请理由不超过 2000 字"),
    bills: z
      .array(billSchema, { error: "请至少填写一张已经医保结算的票据" })
      .min(1, "请至少填写一张已经医保结算的票据")
      .max(MAX_BILLS, `票据最多 ${MAX_BILLS} 张`),
  }),
);
export type ApplicationInput = z.infer<typeof applicationInputSchema>;

/** The public form also names the county (区县) the application goes to. */
export const regionSchema = z.object({ regionCode: z.string({ error: "请选择申请的区县" }).regex(/^\d{6}$/, "请选择申请的区县") });

const applicationId = z.string({ error: "缺少申请编号" }).uuid("申请编号无效");
const reason = (what: string) => z.string({ error: `请填写${what}` }).trim().min(2, `请填写${what}`).max(500, `${what}不超过 500 字`);
const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what}不超过 ${max} 字`)
    .optional()
    .transform((v) => v || null);

export const caseIdSchema = z.object({ applicationId });
export const refuseSchema = z.object({ applicationId, reason: reason("不予受理的理由") });
export const returnSchema = z.object({
  applicationId,
  missingDocuments: z
    .string({ error: "请列出需要补充的材料" })
    .transform((v) => v.split(/[\n；;]/).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(100, "每项材料不超过 100 字")).min(1, "请列出需要补充的材料").max(20, "需要补充的材料最多 20 项")),
  note: optionalText(500, "说明"),
});
export const resumeSchema = z.object({ applicationId, note: optionalText(500, "说明") });
export const proposeSchema = z.object({ applicationId, amount: moneyField("拟救助金额"), reason: optionalText(500, "调整理由") });
export const approveSchema = z.object({ applicationId, decision: optionalText(500, "审批意见") });
export const rejectSchema = z.object({ applicationId, reason: reason("驳回理由") });
export const paySchema = z.object({
  applicationId,
  paymentReference: z.string({ error: "请填写发放凭证号" }).trim().min(2, "请填写发放凭证号").max(64, "发放凭证号不超过 64 个字符"),
});

export const statusQuerySchema = z.object({
  number: z
    .string({ error: "请填写申请编号" })
    .trim()
    .transform((v) => v.toUpperCase())
    .refine((v) => /^[0-9A-Z]{6,20}$/.test(v), "请填写申请编号（提交申请时显示的编号）"),
  last4: z
    .string({ error: "请填写身份证号码后4位" })
    .trim()
    .transform((v) => v.toUpperCase())
    .refine((v) => /^\d{3}[\dX]$/.test(v), "请填写身份证号码后4位（最后一位可能是X）"),
});
export const citizenResumeSchema = statusQuerySchema.extend({
  note: z.string({ error: "请说明已补充的材料" }).trim().min(2, "请说明已补充的材料").max(500, "说明不超过 500 字"),
});

export const listFilterSchema = z.object({
  state: z.enum(APPLICATION_STATES).optional().catch(undefined),
  source: z.enum(["public", "window", "alert"]).optional().catch(undefined),
  q: z.string().trim().max(40).optional().catch(undefined),
});
export type ListFilter = z.infer<typeof listFilterSchema>;
