/**
 * Types of the policy catalogue (policy-book.md: "The code keeps policy as data").
 * A policy set is one source document; every number it applies is a dated parameter.
 */

export const CATEGORY_CODES = [
  "TEKUN",
  "DIBAO",
  "DIBIAN",
  "YINBING",
  "FANPIN",
  "JIANCE",
  "YOUFU",
  "ZHONGCAN",
  "JIANDANG",
  "NONE",
] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

export const VISIT_KINDS = ["inpatient", "outpatient_special", "outpatient_general"] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export const LOCATIONS = ["county", "city", "province", "out_of_province"] as const;
export type Location = (typeof LOCATIONS)[number];

export const REFERRALS = ["not_required", "referred", "unreferred"] as const;
export type Referral = (typeof REFERRALS)[number];

export const HOSPITAL_LEVELS = [0, 1, 2, 3] as const;
export type HospitalLevel = (typeof HOSPITAL_LEVELS)[number];

export const INSURANCE_TIERS = [1, 2] as const;
export type InsuranceTier = (typeof INSURANCE_TIERS)[number];

/** document: written in the seed; interpretation: the portal's default reading; local: 示例值 the county replaces. */
export type Provenance = "document" | "interpretation" | "local";

/** The label every local example value carries (policy-book.md, provenance `local`). */
export const EXAMPLE_VALUE_LABEL = "示例值，非文件规定" as const;

/** One band of the cumulative critical-illness base; `upTo: null` is the open top band. */
export interface Band {
  upTo: string | null;
  payRatio: string;
}

export type ParamValue = string | null | boolean | number | string[] | number[] | Band[];

export interface Citation {
  /** document number, e.g. 彭水府办发〔2023〕52号 */
  document: string;
  /** section, e.g. §二(三)2 */
  clause: string;
  /** seed file name under shared/seeds */
  seed: string;
  /** short verbatim quote from the seed ("" when the document is silent: interpretation or local) */
  quote: string;
}

/** One dated version of one parameter. Several entries with the same key are its versions. */
export interface ParameterEntry {
  key: string;
  value: ParamValue;
  ruleId: string;
  provenance: Provenance;
  citation: Citation;
  /** ISO date, inclusive */
  effectiveFrom: string;
  /** ISO date, inclusive; null = open */
  effectiveTo: string | null;
  publishedOn: string;
  /** present (and only present) on local example values */
  exampleValue?: typeof EXAMPLE_VALUE_LABEL;
  note?: string;
}

/** A rule of the policy book as one set applies it, for the public policy pages. */
export interface RuleEntry {
  ruleId: string;
  /** plain Chinese statement a citizen understands */
  statement: string;
  clause: string;
  quote: string;
  seed: string;
  /** parameter keys that implement the rule (empty for rules the engine does not compute) */
  parameterKeys: string[];
  provenance: Provenance;
  /** structured facts for later features (deadline days, departments, targets) */
  data?: Record<string, unknown>;
}

export interface PolicySet {
  code: string;
  document: string;
  title: string;
  regionCode: string;
  regionName: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  publishedOn: string;
  /** parent set whose parameters and rules this set inherits and overrides */
  parent: string | null;
  /** previous set of the same lineage (for "what changed"), when there is no parent */
  previous: string | null;
  seed: string;
  /** categories this set knows; others are ignored with a warning */
  categories: CategoryCode[];
  /** P-ID-I1: most favourable first */
  categoryPriority: CategoryCode[];
  /** own parameter entries (a child lists only what it overrides) */
  parameters: ParameterEntry[];
  /** own rules (a child inherits its parent's rules except those it supersedes) */
  rules: RuleEntry[];
  /** rule ids of the parent this set replaces */
  supersedes: string[];
  note?: string;
}
