import { parameterEntry, policySetForRegion } from "@/lib/policy";
import { D, money, round2, ZERO, type Dec } from "./decimal";

/**
 * High-expense early warning (P-MON-1, P-MON-2), pure like the rest of the engine.
 *
 * The burden is the year's policy-range self-pay after basic, critical-illness and
 * supplementary insurance (Σ policyRangeCost − basic − critical − supplementary over the
 * person-year's ledger, reversals included). Level 1 (预警) opens above
 * `monitoring.alert.incomeRatio` × `monitoring.priorYearRuralIncome`; level 2 (重点预警) above
 * twice that — a portal choice, so a burden that keeps growing is raised again, once.
 * No income figure (null or 0) means the county has not set the threshold: no alert.
 */
export interface YearBurdenInput {
  region: string;
  date: string;
  /** The person-year's sums of the ledger's columns (decimal strings). */
  policyRangeCost: string;
  basicInsurance: string;
  criticalIllnessInsurance: string;
  supplementaryInsurance: string;
}

export interface AlertLevel {
  level: 1 | 2;
  threshold: string;
  crossed: boolean;
}

export interface BurdenAssessment {
  policyCode: string;
  burden: string;
  income: string | null;
  ratio: string;
  levels: AlertLevel[];
  explanation: string;
}

/**
 * Self-pay inside the policy range after basic, critical-illness and supplementary insurance
 * (the base of assistance, P-ASSIST-1; the burden of P-MON-2): the one definition the alerts,
 * the dispatch report and the dashboard share. Exact, not rounded.
 */
export function selfPayAfterInsurance(a: { policyRangeCost: string; basicInsurance: string; criticalIllnessInsurance: string; supplementaryInsurance: string }): Dec {
  return new D(a.policyRangeCost).minus(a.basicInsurance).minus(a.criticalIllnessInsurance).minus(a.supplementaryInsurance);
}

export const ALERT_LEVEL_LABELS: Record<AlertLevel["level"], string> = { 1: "预警", 2: "重点预警" };

export function assessYearBurden(input: YearBurdenInput): BurdenAssessment {
  const set = policySetForRegion(input.region, input.date);
  const burden = selfPayAfterInsurance(input);
  const ratio = new D(String(parameterEntry(set.code, "monitoring.alert.incomeRatio", input.date).value ?? "0"));
  const incomeValue = parameterEntry(set.code, "monitoring.priorYearRuralIncome", input.date).value;
  const income = incomeValue === null ? null : new D(String(incomeValue));
  const base = { policyCode: set.code, burden: money(burden), income: income ? money(income) : null, ratio: ratio.toString() };
  if (!income || income.lte(ZERO) || ratio.lte(ZERO)) {
    return { ...base, levels: [], explanation: "本县未设置高额费用预警标准（上年农村居民人均可支配收入），不作预警。" };
  }
  const first = round2(income.times(ratio));
  const levels: AlertLevel[] = [
    { level: 1, threshold: money(first), crossed: burden.gt(first) },
    { level: 2, threshold: money(first.times(2)), crossed: burden.gt(first.times(2)) },
  ];
  const crossed = levels.filter((l) => l.crossed);
  return {
    ...base,
    levels,
    explanation:
      `年度经基本医保、大病保险等支付后的政策范围内个人自付${money(burden)}元；预警线为上年农村居民人均可支配收入${money(income)}元 × ${ratio.times(100).toString()}% = ${money(first)}元` +
      (crossed.length > 0 ? `，已超过${ALERT_LEVEL_LABELS[crossed[crossed.length - 1]!.level]}标准。` : "，未超过。"),
  };
}
