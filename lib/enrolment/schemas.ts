import { z } from "zod";
import { UserFacingError } from "@/lib/errors";
import { shanghaiDate } from "@/lib/registry/deadline";
import { daysInMonth } from "@/lib/registry/id-number";

/**
 * W4 inputs, as forms send them (strings) or as code passes them (numbers): the server
 * actions and the use cases parse with the same schemas, so a refusal names the field
 * either way and nothing is written.
 */

function realDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

const dateField = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .refine(realDate, "日期无效，应为有效的年月日");

export const yearField = z.coerce
  .number({ error: "请选择参保年度" })
  .int("参保年度无效")
  .min(2018, "参保年度不能早于2018年")
  .max(2100, "参保年度无效");

const tierField = z.preprocess((v) => (typeof v === "string" ? Number(v) : v), z.union([z.literal(1), z.literal(2)], { error: "请选择参保档次（一档或二档）" }));

/**
 * A payment (or subsidy) date for a cover year: from 1 January of the year before (the
 * collection period) to 31 December of the year, and not in the future.
 */
function withinYear(field: string, label: string) {
  return (value: { year: number } & Record<string, unknown>, ctx: z.RefinementCtx) => {
    const date = value[field] as string;
    if (date < `${value.year - 1}-01-01` || date > `${value.year}-12-31`) {
      ctx.addIssue({ code: "custom", path: [field], message: `${label}应在${value.year - 1}年1月1日至${value.year}年12月31日之间` });
    } else if (date > shanghaiDate(new Date())) {
      ctx.addIssue({ code: "custom", path: [field], message: `${label}不能晚于今天` });
    }
  };
}

export const enrolPersonSchema = z
  .object({
    personId: z.string({ error: "缺少人员" }).uuid("人员编号无效"),
    year: yearField,
    insuranceTier: tierField,
    paidOn: dateField("请填写缴费日期"),
  })
  .superRefine(withinYear("paidOn", "缴费日期"));
export type EnrolPersonInput = z.input<typeof enrolPersonSchema>;

export const buildRosterSchema = z
  .object({
    year: yearField,
    subsidyDate: dateField("请填写资助认定日期"),
  })
  .superRefine(withinYear("subsidyDate", "资助认定日期"));
export type BuildRosterInput = z.input<typeof buildRosterSchema>;

export const setEnrolmentTierSchema = z.object({
  enrolmentId: z.string({ error: "缺少参保记录" }).uuid("参保记录编号无效"),
  insuranceTier: tierField,
});
export type SetEnrolmentTierInput = z.input<typeof setEnrolmentTierSchema>;

export const recordRosterPaymentSchema = z.object({
  rosterId: z.string({ error: "缺少资助名单" }).uuid("资助名单编号无效"),
  paymentReference: z
    .string({ error: "请填写拨付凭证号" })
    .trim()
    .min(2, "请填写拨付凭证号")
    .max(64, "拨付凭证号不超过 64 个字符"),
});
export type RecordRosterPaymentInput = z.input<typeof recordRosterPaymentSchema>;

/** Parses a use case's input; a refusal names each field in Chinese (code INVALID_INPUT). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "_"] ??= issue.message;
  throw new UserFacingError("INVALID_INPUT", Object.values(fieldErrors)[0] ?? "输入有误", fieldErrors);
}
