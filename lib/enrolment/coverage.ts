/**
 * When cover starts for a year's enrolment (P-BASIC-6). Pure calendar arithmetic on
 * "YYYY-MM-DD" strings, in UTC; never reads the clock.
 *
 * Public surface:
 *  - `isLateEnrolment(year, paidOn)`: paid on or after 1 January of the cover year, i.e.
 *    outside the collection period (补缴/新增)
 *  - `coverageFrom({ year, paidOn, late, rule })` → "YYYY-MM-DD"
 *  - `subsidyPolicyDate(year, date)`: the day whose policy and contribution apply (the cover
 *    year's 1 January for a payment in the collection period, else the day itself)
 *  - `COVERAGE_RULE_EXPLANATIONS`: the Chinese explanation of each rule, for the UI
 */

/** `basic.coverageStart` as lib/policy resolves it; null where the document is silent. */
export type CoverageRule = "nextDay" | "nextMonth" | null;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(date: string): Date {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`日期格式应为 YYYY-MM-DD：${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function yearStart(year: number): string {
  return `${String(year).padStart(4, "0")}-01-01`;
}

/** Enrolled after the year's collection period: paid on or after 1 January of the cover year. */
export function isLateEnrolment(year: number, paidOn: string): boolean {
  return paidOn >= yearStart(year);
}

/**
 * The first day of cover. On time (paid in the collection period, before 1 January of the
 * cover year) → 1 January of the year. Late → per `basic.coverageStart`:
 *  - "nextDay" (cq-2018 P-BASIC-6): the day after payment;
 *  - "nextMonth" (wenzhou-2019 P-BASIC-6 / P-PS-4): the first day of the month after payment;
 *  - null: the document in force is silent (national-2021, pengshui-2023). The portal then
 *    follows the Chongqing rule of cq-2018 P-BASIC-6 — the day after payment — and says so
 *    in the UI (COVERAGE_RULE_EXPLANATIONS.null).
 */
export function coverageFrom({ year, paidOn, late, rule }: { year: number; paidOn: string; late: boolean; rule: CoverageRule }): string {
  const paid = toUtc(paidOn);
  if (!late) return yearStart(year);
  if (rule === "nextMonth") return iso(new Date(Date.UTC(paid.getUTCFullYear(), paid.getUTCMonth() + 1, 1)));
  // "nextDay", and null (document silent → the Chongqing rule of cq-2018).
  return iso(new Date(paid.getTime() + 86_400_000));
}

/**
 * The date whose policy set and contribution standards decide the subsidy: the cover year's
 * 1 January when the premium is paid in the collection period, else the payment day.
 */
export function subsidyPolicyDate(year: number, date: string): string {
  return isLateEnrolment(year, date) ? date : yearStart(year);
}

export const COVERAGE_RULE_EXPLANATIONS: Record<"onTime" | "nextDay" | "nextMonth" | "null", string> = {
  onTime: "在集中缴费期内（参保年度1月1日前）缴费的，自参保年度1月1日起享受待遇。",
  nextDay: "超过缴费期补缴或新增的，从缴费后的次日起享受待遇（P-BASIC-6）。",
  nextMonth: "新增资助参保对象，从资助参保的次月1日起享受待遇（P-BASIC-6、P-PS-4）。",
  null: "现行政策文件未规定补缴或新增人员的待遇起始日期，本系统按重庆市渝医保发〔2018〕23号文件（cq-2018 P-BASIC-6）的规定，从缴费后的次日起享受待遇。",
};
