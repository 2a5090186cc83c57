/**
 * Runs the estimator's form through the engine. Where the citizen answered
 * "不清楚" (category not yet certified, referral unclear), it settles each possible
 * answer and returns the comparison instead of guessing (issue 3).
 */
import Decimal from "decimal.js";
import { getPolicySet, policySetForRegion, type CategoryCode, type PolicySet } from "@/lib/policy";
import {
  CATEGORY_LABELS,
  errorBody,
  REFERRAL_LABELS,
  settleSubsidy,
  simulate,
  type SettlementResult,
  type SubsidyResult,
} from "@/lib/settlement";
import { FIELD_INPUT, toQueryString, toSettlementRequest, toSubsidyRequest, UNKNOWN, type EstimateForm } from "./estimate-query";

export interface EstimateError {
  field: string | null; // the form input the error belongs to
  message: string;
}

export interface ComparisonRow {
  label: string;
  href: string;
  result: SettlementResult;
  /** what all tiers together paid: totalCost − outOfPocket */
  covered: string;
}

function row(label: string, href: string, result: SettlementResult): ComparisonRow {
  return { label, href, result, covered: new Decimal(result.amounts.totalCost).minus(result.amounts.outOfPocket).toFixed(2) };
}

export type EstimateOutcome =
  | { kind: "empty" }
  | { kind: "error"; error: EstimateError }
  | { kind: "result"; result: SettlementResult }
  | { kind: "compare"; question: string; rows: ComparisonRow[] };

function toError(e: unknown): EstimateError {
  const body = errorBody(e);
  const field = body.field ? (FIELD_INPUT[body.field] ?? (body.field.startsWith("yearToDate.") ? `ytd.${body.field.slice(10)}` : null)) : null;
  return { field, message: body.message };
}

export function policySetOfForm(form: EstimateForm): PolicySet {
  return form.policy === "auto" ? policySetForRegion(form.region, form.date) : getPolicySet(form.policy);
}

/** The categories a citizen could turn out to hold under the form's policy, most favourable first. */
function possibleCategories(form: EstimateForm): CategoryCode[] {
  const set = policySetOfForm(form);
  return set.categoryPriority.filter((c) => c !== "NONE");
}

export function runEstimate(form: EstimateForm): EstimateOutcome {
  if (!form.totalCost) return { kind: "empty" };
  try {
    if (form.categoryUnknown) {
      const options: CategoryCode[][] = [...possibleCategories(form).map((c) => [c]), []];
      return {
        kind: "compare",
        question: "尚未认定救助身份：下表列出认定为各类人员时的结果",
        rows: options.map((categories) => {
          const next = { ...form, categories, categoryUnknown: false };
          const label = categories.length ? CATEGORY_LABELS[categories[0]!] : CATEGORY_LABELS.NONE;
          return row(label, `/estimate?${toQueryString(next)}`, simulate(toSettlementRequest(next)));
        }),
      };
    }
    if (form.referral === UNKNOWN) {
      const compliant = form.location === "county" ? "not_required" : "referred";
      return {
        kind: "compare",
        question: "不清楚是否按规定转诊：下表列出两种情况的结果",
        rows: [compliant, "unreferred"].map((referral) => {
          const next = { ...form, referral };
          const label = REFERRAL_LABELS[referral as keyof typeof REFERRAL_LABELS];
          return row(label, `/estimate?${toQueryString(next)}`, simulate(toSettlementRequest(next)));
        }),
      };
    }
    return { kind: "result", result: simulate(toSettlementRequest(form)) };
  } catch (e) {
    return { kind: "error", error: toError(e) };
  }
}

export type SubsidyOutcome =
  | { kind: "result"; result: SubsidyResult }
  | { kind: "compare"; rows: { label: string; result: SubsidyResult }[] }
  | { kind: "error"; error: EstimateError };

export function runSubsidyEstimate(form: EstimateForm): SubsidyOutcome {
  try {
    if (form.categoryUnknown) {
      const options: CategoryCode[][] = [...possibleCategories(form).map((c) => [c]), []];
      return {
        kind: "compare",
        rows: options.map((categories) => ({
          label: categories.length ? CATEGORY_LABELS[categories[0]!] : CATEGORY_LABELS.NONE,
          result: settleSubsidy(toSubsidyRequest(form, categories)),
        })),
      };
    }
    return { kind: "result", result: settleSubsidy(toSubsidyRequest(form)) };
  } catch (e) {
    return { kind: "error", error: toError(e) };
  }
}

export { UNKNOWN };
