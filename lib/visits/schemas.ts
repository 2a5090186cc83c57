import { z } from "zod";
import { LOCATIONS, REFERRALS, VISIT_KINDS } from "@/lib/policy/types";

/**
 * A visit as the clerk's form sends it (strings). The insurance tier is not asked: it is the
 * person's enrolment for the year (W4). Money stays a string: the engine checks
 * it exactly (two decimals, not negative, out-of-catalogue within the total) and names the field.
 */
export const visitInputSchema = z.object({
  personId: z.string({ error: "缺少人员" }).uuid("人员编号无效"),
  visitDate: z.string({ error: "请填写出院（就诊）日期" }).regex(/^\d{4}-\d{2}-\d{2}$/, "请填写出院（就诊）日期"),
  kind: z.enum(VISIT_KINDS, { error: "请选择就诊类型" }),
  hospitalLevel: z.enum(["0", "1", "2", "3"], { error: "请选择医院等级" }).transform(Number),
  location: z.enum(LOCATIONS, { error: "请选择就医地点" }),
  referral: z.enum(REFERRALS, { error: "请选择转诊情况" }),
  specialDisease: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  transferFromLevel: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.enum(["0", "1", "2", "3"]).nullable()).transform((v) => (v === null ? null : Number(v))),
  totalCost: z.string({ error: "请填写医疗总费用" }).trim().min(1, "请填写医疗总费用"),
  outOfCatalogCost: z.string().trim().optional().transform((v) => v || "0"),
  selfPayFirstCost: z.string().trim().optional().transform((v) => v || "0"),
  externalVisitNumber: z.string().trim().max(64, "结算单号不超过 64 个字符").optional().transform((v) => v || null),
  hospitalName: z.string().trim().max(80, "医院名称不超过 80 个字").optional().transform((v) => v || null),
});
export type VisitInput = z.infer<typeof visitInputSchema>;

/** Engine request fields → the form's input names, for field-named errors. */
export const ENGINE_FIELD_TO_INPUT: Record<string, string> = {
  date: "visitDate",
  "visit.kind": "kind",
  "visit.hospitalLevel": "hospitalLevel",
  "visit.location": "location",
  "visit.referral": "referral",
  "visit.transferFromLevel": "transferFromLevel",
  "visit.totalCost": "totalCost",
  "visit.outOfCatalogCost": "outOfCatalogCost",
  "visit.selfPayFirstCost": "selfPayFirstCost",
};
