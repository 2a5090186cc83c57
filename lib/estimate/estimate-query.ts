/**
 * The estimator's inputs live in the URL query (issue 3): no personal data, so a
 * result can be shared. This module maps query ⇄ form values ⇄ engine request; it
 * computes nothing itself — every amount comes from lib/settlement.
 */
import { CATEGORY_CODES, HOSPITAL_LEVELS, LOCATIONS, REFERRALS, VISIT_KINDS, type CategoryCode } from "@/lib/policy/types";
import { YEAR_TO_DATE_FIELDS, type YearToDateField } from "@/lib/settlement";

export type QueryInput = Record<string, string | string[] | undefined>;

/** "unknown" is the citizen's honest answer; the page then compares the outcomes. */
export const UNKNOWN = "unknown";

export interface EstimateForm {
  policy: string; // a set code, or "auto" (by region and date)
  region: string;
  date: string;
  categories: CategoryCode[];
  categoryUnknown: boolean;
  tier: string;
  kind: string;
  level: string;
  location: string;
  referral: string; // a Referral or "unknown"
  specialDisease: boolean;
  transferFromLevel: string; // "" = none
  totalCost: string;
  outOfCatalogCost: string;
  selfPayFirstCost: string;
  yearToDate: Partial<Record<YearToDateField, string>>;
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)?.trim();
const all = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T =>
  value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

export function defaultForm(today: string): EstimateForm {
  return {
    policy: "pengshui-2023",
    region: "500243",
    date: today,
    categories: [],
    categoryUnknown: false,
    tier: "1",
    kind: "inpatient",
    level: "2",
    location: "county",
    referral: "not_required",
    specialDisease: false,
    transferFromLevel: "",
    totalCost: "",
    outOfCatalogCost: "",
    selfPayFirstCost: "",
    yearToDate: {},
  };
}

/** Reads the query leniently into form values; the engine does the strict validation. */
export function parseEstimateQuery(query: QueryInput, today: string): EstimateForm {
  const d = defaultForm(today);
  const levels = HOSPITAL_LEVELS.map(String);
  const cats = all(query.cat);
  const yearToDate: EstimateForm["yearToDate"] = {};
  for (const field of YEAR_TO_DATE_FIELDS) {
    const v = first(query[`ytd.${field}`]);
    if (v) yearToDate[field] = v;
  }
  return {
    policy: first(query.policy) || d.policy,
    region: first(query.region) || d.region,
    date: first(query.date) || d.date,
    categories: cats.filter((c): c is CategoryCode => (CATEGORY_CODES as readonly string[]).includes(c) && c !== "NONE"),
    categoryUnknown: cats.includes(UNKNOWN),
    tier: oneOf(first(query.tier), ["1", "2"], "1"),
    kind: oneOf(first(query.kind), VISIT_KINDS, "inpatient"),
    level: oneOf(first(query.level), levels, "2"),
    location: oneOf(first(query.loc), LOCATIONS, "county"),
    referral: oneOf(first(query.ref), [...REFERRALS, UNKNOWN], "not_required"),
    specialDisease: first(query.sd) === "1",
    transferFromLevel: oneOf(first(query.from), ["", ...levels], ""),
    totalCost: first(query.total) ?? "",
    outOfCatalogCost: first(query.ooc) ?? "",
    selfPayFirstCost: first(query.spf) ?? "",
    yearToDate,
  };
}

/** The query string that reproduces a form (the share link). */
export function toQueryString(form: EstimateForm, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  q.set("policy", form.policy);
  if (form.policy === "auto") q.set("region", form.region);
  q.set("date", form.date);
  for (const c of form.categories) q.append("cat", c);
  if (form.categoryUnknown) q.append("cat", UNKNOWN);
  q.set("tier", form.tier);
  q.set("kind", form.kind);
  q.set("level", form.level);
  q.set("loc", form.location);
  q.set("ref", form.referral);
  if (form.specialDisease) q.set("sd", "1");
  if (form.transferFromLevel) q.set("from", form.transferFromLevel);
  if (form.totalCost) q.set("total", form.totalCost);
  if (form.outOfCatalogCost) q.set("ooc", form.outOfCatalogCost);
  if (form.selfPayFirstCost) q.set("spf", form.selfPayFirstCost);
  for (const [field, value] of Object.entries(form.yearToDate)) if (value) q.set(`ytd.${field}`, value);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

/**
 * The engine request for a form. Money stays a string exactly as typed (the engine
 * refuses anything that is not a contract amount, naming the field).
 */
export function toSettlementRequest(form: EstimateForm, choice: { categories?: CategoryCode[]; referral?: string } = {}) {
  const referral = choice.referral ?? form.referral;
  const yearToDate: Record<string, string> = {};
  for (const [field, value] of Object.entries(form.yearToDate)) if (value) yearToDate[field] = value;
  return {
    ...(form.policy === "auto" ? { region: form.region } : { policy: form.policy }),
    date: form.date,
    person: { categories: choice.categories ?? form.categories, insuranceTier: Number(form.tier) },
    visit: {
      kind: form.kind,
      hospitalLevel: Number(form.level),
      location: form.location,
      referral,
      specialDisease: form.specialDisease,
      transferFromLevel: form.transferFromLevel === "" ? null : Number(form.transferFromLevel),
      totalCost: form.totalCost,
      outOfCatalogCost: form.outOfCatalogCost || undefined,
      selfPayFirstCost: form.selfPayFirstCost || undefined,
    },
    yearToDate,
  };
}

export function toSubsidyRequest(form: EstimateForm, categories: CategoryCode[] = form.categories) {
  return {
    ...(form.policy === "auto" ? { region: form.region } : { policy: form.policy }),
    date: form.date,
    person: { categories, insuranceTier: Number(form.tier) },
  };
}

/** Engine error fields (visit.totalCost) → the form's input names (total). */
export const FIELD_INPUT: Record<string, string> = {
  policy: "policy",
  region: "region",
  date: "date",
  "person.categories": "cat",
  "person.insuranceTier": "tier",
  "visit.kind": "kind",
  "visit.hospitalLevel": "level",
  "visit.location": "loc",
  "visit.referral": "ref",
  "visit.transferFromLevel": "from",
  "visit.totalCost": "total",
  "visit.outOfCatalogCost": "ooc",
  "visit.selfPayFirstCost": "spf",
};
