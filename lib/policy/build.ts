/**
 * Small builders that keep the five set files readable: one line per parameter,
 * the citation and dates filled in from the set's metadata.
 */
import { PARAMETER_KEYS } from "./keys";
import {
  EXAMPLE_VALUE_LABEL,
  type CategoryCode,
  type ParamValue,
  type ParameterEntry,
  type Provenance,
  type RuleEntry,
} from "./types";

export interface SetMeta {
  document: string;
  seed: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  publishedOn: string;
}

export interface EntryOptions {
  from?: string;
  to?: string | null;
  note?: string;
  publishedOn?: string;
}

/** Returns `p(key, value, ruleId, provenance, clause, quote, options)`. */
export function entryBuilder(meta: SetMeta) {
  return function p(
    key: string,
    value: ParamValue,
    ruleId: string,
    provenance: Provenance,
    clause: string,
    quote = "",
    options: EntryOptions = {},
  ): ParameterEntry {
    const e: ParameterEntry = {
      key,
      value,
      ruleId,
      provenance,
      citation: { document: meta.document, clause, seed: meta.seed, quote },
      effectiveFrom: options.from ?? meta.effectiveFrom,
      effectiveTo: options.to === undefined ? meta.effectiveTo : options.to,
      publishedOn: options.publishedOn ?? meta.publishedOn,
    };
    if (provenance === "local") e.exampleValue = EXAMPLE_VALUE_LABEL;
    if (options.note) e.note = options.note;
    return e;
  };
}

/** Returns `r(ruleId, statement, clause, quote, parameterKeys, provenance, data)`. */
export function ruleBuilder(meta: SetMeta) {
  return function r(
    ruleId: string,
    statement: string,
    clause: string,
    quote: string,
    parameterKeys: string[],
    provenance: Provenance = "document",
    data?: Record<string, unknown>,
  ): RuleEntry {
    const e: RuleEntry = { ruleId, statement, clause, quote, seed: meta.seed, parameterKeys, provenance };
    if (data) e.data = data;
    return e;
  };
}

const NEUTRAL_NOTE = "本文件无此项规定，取中性值（不适用）";

/** The policy-book rule a key belongs to when nothing more specific is known. */
export function defaultRuleForKey(key: string): string {
  if (key.startsWith("basic.tilt.")) return "P-BASIC-3";
  if (key.startsWith("basic.referralContinuity")) return "P-BASIC-5";
  if (key === "basic.coverageStart") return "P-BASIC-6";
  if (key.startsWith("basic.")) return "P-BASIC-2";
  if (key === "critical.baseIncludesBasicDeductible") return "P-CRIT-I1";
  if (key === "critical.includesKinds") return "P-CRIT-I2";
  if (key.startsWith("critical.")) return "P-CRIT-6";
  if (key.startsWith("supplementary.")) return "P-SUPP-2";
  if (key === "assistance.otherDiseaseLimitIsSubLimit") return "P-ASSIST-I1";
  if (key.startsWith("assistance.otherDisease.")) return "P-ASSIST-4";
  if (key.startsWith("assistance.")) return "P-ASSIST-10";
  if (key === "tilted.ratioAppliesTo") return "P-TILT-I1";
  if (key === "tilted.locations") return "P-TILT-1";
  if (key.startsWith("tilted.")) return "P-TILT-2";
  if (key === "subsidy.tier2.basis") return "P-PS-3";
  if (key.startsWith("subsidy.")) return "P-PS-5";
  if (key === "categoryPriority") return "P-ID-I1";
  if (key === "registry.submissionDeadlineDay") return "P-ID-1";
  if (key === "registry.reconcileWithinWorkingDays") return "P-ID-2";
  if (key.startsWith("monitoring.")) return "P-MON-2";
  if (key.startsWith("application.")) return "P-APP-3";
  return "P-BASIC-2";
}

function neutralValue(key: string, priority: CategoryCode[]): ParamValue {
  switch (key) {
    case "critical.baseIncludesBasicDeductible":
    case "assistance.otherDiseaseLimitIsSubLimit":
      return true;
    case "critical.includesKinds":
      return ["inpatient", "outpatient_special"];
    case "basic.tilt.deductibleFactor":
    case "critical.tilt.deductibleFactor":
      return "1";
    case "categoryPriority":
      return priority;
    case "assistance.otherDisease.annualLimit":
    case "assistance.otherDisease.minPolicyRangeCost":
      return null;
  }
  if (key.startsWith("tilted.threshold.")) return null;
  const info = PARAMETER_KEYS[key];
  switch (info?.kind) {
    case "money":
    case "moneyOrNull":
      return "0.00";
    case "ratio":
      return "0";
    case "ratioOrNull":
      return null;
    case "bands":
      return [{ upTo: null, payRatio: "0" }];
    case "boolean":
      return false;
    case "level":
      return 0;
    case "ratioAppliesTo":
      return "excess";
    case "tier2Basis":
      return "tier1Subsidy";
    case "dayOrNull":
    case "coverageStart":
      return null;
    default:
      return [];
  }
}

/**
 * A root set starts from a neutral value for every key (the rule does not apply)
 * and replaces them with its own entries. P-CRIT-I1, P-CRIT-I2 and P-ASSIST-I1 are
 * interpretations every set shares, so their neutral value is the interpretation's default.
 */
export function withNeutralDefaults(meta: SetMeta, priority: CategoryCode[], own: ParameterEntry[]): ParameterEntry[] {
  const p = entryBuilder(meta);
  const ownKeys = new Set(own.map((e) => e.key));
  const neutral: ParameterEntry[] = [];
  for (const key of Object.keys(PARAMETER_KEYS)) {
    if (ownKeys.has(key)) continue;
    const ruleId = defaultRuleForKey(key);
    const interp = ruleId.includes("-I");
    neutral.push(
      p(key, neutralValue(key, priority), ruleId, "interpretation", "（文件未规定）", "", {
        note: interp ? "门户的解释口径（默认值），可按参数调整" : NEUTRAL_NOTE,
      }),
    );
  }
  return [...own, ...neutral];
}

/**
 * The example values of policy-book.md "Example values for the local parameters"
 * (figures seen in public secondary sources, not verified: 示例值).
 */
export function exampleLocalValues(meta: SetMeta, clauseNote: string, omit: string[] = []): ParameterEntry[] {
  const p = entryBuilder(meta);
  const L = (key: string, value: ParamValue, ruleId: string) => p(key, value, ruleId, "local", clauseNote);
  const out: ParameterEntry[] = [];
  const ded = ["100.00", "100.00", "300.00", "800.00"];
  const ratio1 = ["0.80", "0.80", "0.70", "0.50"];
  const ratio2 = ["0.85", "0.85", "0.75", "0.55"];
  ded.forEach((v, l) => out.push(L(`basic.deductible.level${l}`, v, "P-BASIC-2")));
  out.push(L("basic.deductible.outpatientSpecial", "0.00", "P-BASIC-2"));
  out.push(L("basic.deductible.outpatientGeneral", "0.00", "P-BASIC-2"));
  ratio1.forEach((v, l) => out.push(L(`basic.payRatio.tier1.level${l}`, v, "P-BASIC-2")));
  ratio2.forEach((v, l) => out.push(L(`basic.payRatio.tier2.level${l}`, v, "P-BASIC-2")));
  out.push(L("basic.payRatio.tier1.outpatientSpecial", "0.70", "P-BASIC-2"));
  out.push(L("basic.payRatio.tier1.outpatientGeneral", "0.50", "P-BASIC-2"));
  out.push(L("basic.payRatio.tier2.outpatientSpecial", "0.75", "P-BASIC-2"));
  out.push(L("basic.payRatio.tier2.outpatientGeneral", "0.55", "P-BASIC-2"));
  out.push(L("basic.locationRatioCut.city", "0.00", "P-BASIC-2"));
  out.push(L("basic.locationRatioCut.province", "0.10", "P-BASIC-2"));
  out.push(L("basic.locationRatioCut.out_of_province", "0.20", "P-BASIC-2"));
  out.push(L("basic.annualCap.tier1", "80000.00", "P-BASIC-2"));
  out.push(L("basic.annualCap.tier2", "120000.00", "P-BASIC-2"));
  out.push(L("critical.deductible", "18000.00", "P-CRIT-6"));
  out.push(L("critical.annualCap", "400000.00", "P-CRIT-6"));
  out.push(L("monitoring.alert.incomeRatio", "0.50", "P-MON-2"));
  out.push(L("application.targetDays", 20, "P-APP-3"));
  out.push(L("monitoring.priorYearRuralIncome", "20820.00", "P-MON-2"));
  return out.filter((e) => !omit.includes(e.key));
}
