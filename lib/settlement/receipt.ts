/**
 * Decision receipts: canonical JSON (sorted keys) and its sha256 id. The id covers the policy
 * set version, the parameter snapshot, the normalised request and the engine version, so the
 * same request under the same parameters always gets the same id.
 */
import { createHash } from "node:crypto";
import { YEAR_TO_DATE_FIELDS, type SettlementRequest, type SubsidyRequest } from "./types";

/** JSON with object keys sorted at every level; stable across runs. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  let out: string;
  if (Array.isArray(value)) out = `[${value.map(canonicalJson).join(",")}]`;
  else {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    out = `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
  }
  return out;
}

const q = JSON.stringify;

/**
 * canonicalJson of a request, fast for the one shape the validator produces for settlements
 * (keys written in sorted order by hand; leaves through JSON.stringify, like canonicalJson).
 * Anything else — a subsidy request, or an object of another shape — goes through canonicalJson.
 */
export function canonicalRequestJson(r: SettlementRequest | SubsidyRequest): string {
  if (!("visit" in r) || !isSettlementShape(r)) return canonicalJson(r);
  const v = r.visit;
  const y = r.yearToDate;
  const o = r.overrides;
  let overrides = "{}";
  for (const _k in o) {
    overrides = canonicalJson(o);
    break;
  }
  return (
    `{"date":${q(r.date)},"overrides":${overrides}` +
    `,"person":{"categories":${canonicalJson(r.person.categories)},"insuranceTier":${q(r.person.insuranceTier)}}` +
    (r.policy !== undefined ? `,"policy":${q(r.policy)}` : "") +
    (r.region !== undefined ? `,"region":${q(r.region)}` : "") +
    `,"visit":{"hospitalLevel":${q(v.hospitalLevel)},"kind":${q(v.kind)},"location":${q(v.location)}` +
    `,"outOfCatalogCost":${q(v.outOfCatalogCost)},"referral":${q(v.referral)},"selfPayFirstCost":${q(v.selfPayFirstCost)}` +
    `,"specialDisease":${q(v.specialDisease)},"totalCost":${q(v.totalCost)},"transferFromLevel":${q(v.transferFromLevel)}}` +
    `,"yearToDate":{"assistanceDeductibleMet":${q(y.assistanceDeductibleMet)},"assistanceOtherDiseasePaid":${q(y.assistanceOtherDiseasePaid)}` +
    `,"assistancePaid":${q(y.assistancePaid)},"basicPaid":${q(y.basicPaid)},"criticalBase":${q(y.criticalBase)}` +
    `,"criticalPaid":${q(y.criticalPaid)},"supplementaryPaid":${q(y.supplementaryPaid)},"tiltedPaid":${q(y.tiltedPaid)}}}`
  );
}

const REQUEST_KEYS: Record<string, true> = { date: true, overrides: true, person: true, policy: true, region: true, visit: true, yearToDate: true };
const VISIT_FIELDS = ["hospitalLevel", "kind", "location", "outOfCatalogCost", "referral", "selfPayFirstCost", "specialDisease", "totalCost", "transferFromLevel"] as const;

function keyCount(o: object): number {
  let n = 0;
  for (const _k in o) n++;
  return n;
}

/** Exactly the validator's settlement shape (every field present, nothing else): then the hand-written order is the sorted one. */
function isSettlementShape(r: SettlementRequest): boolean {
  for (const k in r) if (REQUEST_KEYS[k] !== true) return false;
  const v = r.visit;
  const y = r.yearToDate;
  const p = r.person;
  if (typeof r.date !== "string" || !p || !v || !y || !r.overrides || typeof r.overrides !== "object") return false;
  if (!Array.isArray(p.categories) || p.insuranceTier === undefined || keyCount(p) !== 2) return false;
  if (keyCount(v) !== VISIT_FIELDS.length || keyCount(y) !== YEAR_TO_DATE_FIELDS.length) return false;
  for (const f of VISIT_FIELDS) if (v[f] === undefined) return false;
  for (const f of YEAR_TO_DATE_FIELDS) if (y[f] === undefined) return false;
  return true;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

const DIGEST_CACHE = new WeakMap<object, string>();

/**
 * A fingerprint (first 32 hex digits of sha256) of one object's canonical JSON, remembered for
 * objects that never change (catalogue entries). The receipt id hashes these fingerprints, so it
 * still commits to every stored parameter and citation while hashing far fewer bytes.
 */
export function digestOf(value: object): string {
  const hit = DIGEST_CACHE.get(value);
  if (hit !== undefined) return hit;
  const d = sha256(canonicalJson(value)).slice(0, 32);
  DIGEST_CACHE.set(value, d);
  return d;
}
