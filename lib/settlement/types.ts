/** The JSON contract of settlement-contract.md as TypeScript types. */
import type {
  CategoryCode,
  Citation,
  HospitalLevel,
  InsuranceTier,
  Location,
  ParamValue,
  Provenance,
  Referral,
  VisitKind,
} from "@/lib/policy/types";
import type { Tier } from "./labels";

export const YEAR_TO_DATE_FIELDS = [
  "basicPaid",
  "criticalBase",
  "criticalPaid",
  "supplementaryPaid",
  "assistancePaid",
  "assistanceOtherDiseasePaid",
  "tiltedPaid",
  "assistanceDeductibleMet",
] as const;
export type YearToDateField = (typeof YEAR_TO_DATE_FIELDS)[number];
export type YearToDate = Record<YearToDateField, string>;

/** A validated, normalised request: defaults filled in, money as two-decimal strings. */
export interface SettlementRequest {
  policy?: string;
  region?: string;
  date: string;
  person: { categories: CategoryCode[]; insuranceTier: InsuranceTier };
  visit: {
    kind: VisitKind;
    hospitalLevel: HospitalLevel;
    location: Location;
    referral: Referral;
    specialDisease: boolean;
    transferFromLevel: HospitalLevel | null;
    totalCost: string;
    outOfCatalogCost: string;
    selfPayFirstCost: string;
  };
  yearToDate: YearToDate;
  overrides: Record<string, ParamValue>;
}

export type StepProvenance = Provenance | "override";

export interface Step {
  tier: Tier;
  /** the most specific policy-book rule that decided this step */
  ruleId: string;
  /** every rule whose parameters this step read */
  relatedRules: string[];
  formula: string;
  inputs: Record<string, string>;
  result: string;
  provenance: StepProvenance;
  citation: Citation;
  explanation: string;
  /** parameter keys read for this step */
  parameters: string[];
}

export interface Warning {
  code: "EXAMPLE_PARAMETER" | "CATEGORY_NOT_IN_POLICY" | "OVERRIDE_USED";
  message: string;
  key?: string;
}

export interface Amounts {
  totalCost: string;
  outOfCatalogCost: string;
  selfPayFirstCost: string;
  policyRangeCost: string;
  basicInsurance: string;
  criticalIllnessInsurance: string;
  supplementaryInsurance: string;
  medicalAssistance: string;
  tiltedAssistance: string;
  outOfPocket: string;
}

/** One parameter as the engine read it: the receipt stores these, replay reads only these. */
export interface SnapshotEntry {
  value: ParamValue;
  provenance: StepProvenance;
  ruleId: string;
  citation: Citation;
  effectiveFrom: string | null;
  example: boolean;
}

export interface Receipt {
  id: string;
  engineVersion: string;
  policyCode: string;
  policyDocument: string;
  parameterVersion: string;
  knownCategories: CategoryCode[];
  parameters: Record<string, SnapshotEntry>;
  rules: Record<string, Citation>;
  request: SettlementRequest | SubsidyRequest;
}

export interface PolicyRef {
  code: string;
  document: string;
  parameterVersion: string;
}

export interface SettlementResult {
  policy: PolicyRef;
  date: string;
  resolvedCategory: CategoryCode;
  amounts: Amounts;
  yearToDateAfter: YearToDate;
  steps: Step[];
  warnings: Warning[];
  receipt: Receipt;
}

export interface SubsidyRequest {
  policy?: string;
  region?: string;
  date: string;
  person: { categories: CategoryCode[]; insuranceTier: InsuranceTier };
  overrides: Record<string, ParamValue>;
}

export interface SubsidyResult {
  policy: PolicyRef;
  date: string;
  resolvedCategory: CategoryCode;
  insuranceTier: InsuranceTier;
  individualContribution: string;
  subsidy: string;
  personPays: string;
  steps: Step[];
  warnings: Warning[];
  receipt: Receipt;
}

export interface SettleOptions {
  /** false skips building the explanation steps (batch throughput); default true */
  trace?: boolean;
}
