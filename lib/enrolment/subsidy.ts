import "server-only";
import type { CategoryCode } from "@/db/schema/enums";
import { UserFacingError } from "@/lib/errors";
import { EngineError, parameterEntry, policySetForRegion, type InsuranceTier } from "@/lib/policy";
import { settleSubsidy } from "@/lib/settlement";
import { COVERAGE_RULE_EXPLANATIONS, type CoverageRule } from "./coverage";

/** What an enrolment stores of the engine's premium-subsidy result (P-PS). */
export interface SubsidyFigures {
  resolvedCategory: CategoryCode;
  individualContribution: string;
  subsidy: string;
  personPays: string;
  policyCode: string;
  parameterVersion: string;
}

/** An engine or catalogue refusal, shown on the form field that caused it. */
function refusal(error: unknown, field: string): never {
  if (error instanceof EngineError) throw new UserFacingError("SUBSIDY_REFUSED", error.message, { [field]: error.message });
  throw error;
}

/**
 * The engine's premium subsidy for a county on a date, memoised per (categories, tier):
 * `settleSubsidy` is pure, so a roster of 100,000 people needs only as many engine calls as
 * it has distinct category sets. Every amount comes from the engine (P-PS-3/P-PS-5).
 */
export function subsidyCalculator(regionCode: string, policyDate: string, field: string) {
  let policy: string;
  try {
    policy = policySetForRegion(regionCode, policyDate).code;
  } catch (error) {
    refusal(error, field);
  }
  const cache = new Map<string, SubsidyFigures>();
  return (categories: readonly CategoryCode[], insuranceTier: InsuranceTier): SubsidyFigures => {
    const sorted = [...new Set(categories)].filter((c) => c !== "NONE").sort();
    const key = `${sorted.join(",")}|${insuranceTier}`;
    const hit = cache.get(key);
    if (hit) return hit;
    try {
      const r = settleSubsidy({ policy, date: policyDate, person: { categories: sorted, insuranceTier } });
      const figures: SubsidyFigures = {
        resolvedCategory: r.resolvedCategory,
        individualContribution: r.individualContribution,
        subsidy: r.subsidy,
        personPays: r.personPays,
        policyCode: r.policy.code,
        parameterVersion: r.policy.parameterVersion,
      };
      cache.set(key, figures);
      return figures;
    } catch (error) {
      refusal(error, field);
    }
  };
}

/** `basic.coverageStart` of the county's policy set on a date (P-BASIC-6); null where the document is silent. */
export function coverageRuleOn(regionCode: string, date: string, field: string): CoverageRule {
  try {
    const set = policySetForRegion(regionCode, date);
    return parameterEntry(set.code, "basic.coverageStart", date).value as CoverageRule;
  } catch (error) {
    refusal(error, field);
  }
}

/** How cover starts in a county for a cover year, in Chinese for the UI (P-BASIC-6); [] when no policy is in force. */
export function coverageExplanation(regionCode: string, year: number): string[] {
  try {
    const rule = coverageRuleOn(regionCode, `${year}-01-01`, "year");
    return [COVERAGE_RULE_EXPLANATIONS.onTime, COVERAGE_RULE_EXPLANATIONS[rule ?? "null"]];
  } catch {
    return [];
  }
}
