/**
 * The bundled catalogue: lookup, inheritance (a child overrides single keys of its
 * parent, all versions of a key at once), dated resolution and descriptions.
 */
import { EngineError } from "./errors";
import { ALL_KEYS, PARAMETER_KEYS } from "./keys";
import { cq2018 } from "./sets/cq-2018";
import { jilin2019 } from "./sets/jilin-2019";
import { national2021 } from "./sets/national-2021";
import { pengshui2023 } from "./sets/pengshui-2023";
import { wenzhou2019 } from "./sets/wenzhou-2019";
import type { ParamValue, ParameterEntry, PolicySet, RuleEntry } from "./types";

export const POLICY_SETS: readonly PolicySet[] = [cq2018, jilin2019, wenzhou2019, national2021, pengshui2023];
const BY_CODE = new Map(POLICY_SETS.map((s) => [s.code, s]));

/** Seed files the catalogue may cite (shared/seeds). */
export const SEED_FILES = [
  "000_702d69c3f02c385f.txt",
  "001_6788618cbefcc47f.txt",
  "002_f9469e3115be5feb.txt",
  "003_13f170797cca596c.txt",
  "004_2d9d9368fe56a4ab.txt",
] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2024-03-15" → "2024年3月15日" */
export function chineseDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${String(Number(m[2]))}月${String(Number(m[3]))}日`;
}

export function isInRange(date: string, from: string, to: string | null): boolean {
  return date >= from && (to === null || date <= to);
}

export function findPolicySet(code: string): PolicySet | undefined {
  return BY_CODE.get(code);
}

/** One set by code; UNKNOWN_POLICY when there is none. */
export function getPolicySet(code: string): PolicySet {
  const s = BY_CODE.get(code);
  if (!s) throw new EngineError("UNKNOWN_POLICY", `没有代码为“${code}”的政策`, "policy");
  return s;
}

export function assertPolicyInForce(set: PolicySet, date: string): void {
  if (!isInRange(date, set.effectiveFrom, set.effectiveTo)) {
    const period = `${chineseDate(set.effectiveFrom)}${set.effectiveTo ? `至${chineseDate(set.effectiveTo)}` : "起"}`;
    throw new EngineError(
      "POLICY_NOT_IN_FORCE",
      `${set.document}的施行期为${period}，${chineseDate(date)}不在其施行期内`,
      "date",
    );
  }
}

/** Where each key's versions come from for a set (own entries, else the nearest ancestor's). */
export interface KeySource {
  entries: ParameterEntry[];
  /** set code that defines the key */
  origin: string;
}

const SOURCES = new Map<string, Map<string, KeySource>>();

export function keySources(code: string): Map<string, KeySource> {
  const cached = SOURCES.get(code);
  if (cached) return cached;
  const set = getPolicySet(code);
  const out = new Map<string, KeySource>();
  if (set.parent) for (const [k, v] of keySources(set.parent)) out.set(k, v);
  const own = new Map<string, ParameterEntry[]>();
  for (const e of set.parameters) {
    const list = own.get(e.key);
    if (list) list.push(e);
    else own.set(e.key, [e]);
  }
  for (const [k, entries] of own) out.set(k, { entries, origin: code });
  SOURCES.set(code, out);
  return out;
}

/** The version of one key in force on a date; PARAMETER_NOT_IN_FORCE when none is. */
export function parameterEntry(code: string, key: string, date: string): ParameterEntry {
  const src = keySources(code).get(key);
  if (!src) {
    throw new EngineError("PARAMETER_NOT_IN_FORCE", `政策 ${code} 没有参数 ${key}`, key);
  }
  for (const e of src.entries) if (isInRange(date, e.effectiveFrom, e.effectiveTo)) return e;
  const label = PARAMETER_KEYS[key]?.label ?? key;
  throw new EngineError(
    "PARAMETER_NOT_IN_FORCE",
    `参数“${label}”（${key}）在${chineseDate(date)}没有生效的数值：该参数尚无${date.slice(0, 4)}年数值，请管理员录入`,
    key,
  );
}

export interface ResolvedParameter {
  key: string;
  value: ParamValue;
  entry: ParameterEntry;
  /** the set whose entry is used (differs from the set asked for when inherited) */
  origin: string;
}

/** Every parameter of a set on a date. POLICY_NOT_IN_FORCE / PARAMETER_NOT_IN_FORCE on gaps. */
export function resolveParameters(code: string, date: string): Record<string, ResolvedParameter> {
  const set = getPolicySet(code);
  assertPolicyInForce(set, date);
  const out: Record<string, ResolvedParameter> = {};
  const sources = keySources(code);
  for (const key of ALL_KEYS) {
    const entry = parameterEntry(code, key, date);
    out[key] = { key, value: entry.value, entry, origin: sources.get(key)?.origin ?? code };
  }
  return out;
}

function jurisdictionPrefix(regionCode: string): string {
  let p = regionCode;
  while (p.length >= 2 && p.endsWith("00")) p = p.slice(0, -2);
  return p;
}

/** The set in force on `date` whose jurisdiction is the most specific prefix of `regionCode`. */
export function policySetForRegion(regionCode: string, date: string): PolicySet {
  let best: PolicySet | undefined;
  let bestLen = -1;
  for (const s of POLICY_SETS) {
    const prefix = jurisdictionPrefix(s.regionCode);
    if (!regionCode.startsWith(prefix)) continue;
    if (!isInRange(date, s.effectiveFrom, s.effectiveTo)) continue;
    if (prefix.length > bestLen || (prefix.length === bestLen && best && s.effectiveFrom > best.effectiveFrom)) {
      best = s;
      bestLen = prefix.length;
    }
  }
  if (!best) {
    throw new EngineError("NO_POLICY_FOR_REGION", `行政区划${regionCode}在${chineseDate(date)}没有施行中的政策`, "region");
  }
  return best;
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

const VERSION_CACHE = new Map<string, string>();

/**
 * A stable name of the parameter versions in force: `<code>@<latest effectiveFrom>.<fingerprint>`,
 * where the fingerprint covers every key's origin set and version start. Keys without a
 * version on the date are listed as missing, so the name never silently hides a gap.
 */
export function parameterVersion(code: string, date: string): string {
  const cacheKey = `${code}|${date}`;
  const hit = VERSION_CACHE.get(cacheKey);
  if (hit) return hit;
  const parts: string[] = [];
  let latest = getPolicySet(code).effectiveFrom;
  for (const [key, src] of keySources(code)) {
    const e = src.entries.find((x) => isInRange(date, x.effectiveFrom, x.effectiveTo));
    parts.push(`${key}=${src.origin}@${e ? e.effectiveFrom : "missing"}`);
    if (e && e.effectiveFrom > latest && e.effectiveFrom <= date) latest = e.effectiveFrom;
  }
  const v = `${code}@${latest}.${fnv1a(parts.join("|"))}`;
  VERSION_CACHE.set(cacheKey, v);
  return v;
}

const RULE_ORDER = new Intl.Collator("en", { numeric: true });
const RULES_CACHE = new Map<string, readonly (RuleEntry & { origin: string })[]>();

/**
 * Rules a set applies: its parent's (minus superseded and re-stated ones) and its own.
 * Cached: sets are fixed at build time, and every explained step links to its rule.
 */
export function effectiveRules(code: string): readonly (RuleEntry & { origin: string })[] {
  const hit = RULES_CACHE.get(code);
  if (hit) return hit;
  const set = getPolicySet(code);
  let rules = set.rules.map((r) => ({ ...r, origin: code }));
  if (set.parent) {
    const ownIds = new Set(set.rules.map((r) => r.ruleId));
    const inherited = effectiveRules(set.parent).filter((r) => !ownIds.has(r.ruleId) && !set.supersedes.includes(r.ruleId));
    rules = [...inherited, ...rules].sort((a, b) => RULE_ORDER.compare(a.ruleId, b.ruleId));
  }
  Object.freeze(rules);
  RULES_CACHE.set(code, rules);
  return rules;
}
