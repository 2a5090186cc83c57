/**
 * Consistency check of a catalogue (used by the schema test and usable at start-up):
 * every problem is reported as one Chinese-free technical line.
 */
import { checkParamValue, PARAMETER_KEYS, ALL_KEYS } from "./keys";
import { CATEGORY_CODES, type PolicySet } from "./types";

/** Every rule id of policy-book.md (grep -oE 'P-[A-Z]+-I?[0-9]+'). */
export const POLICY_BOOK_RULE_IDS = [
  "P-BASIC-1", "P-BASIC-2", "P-BASIC-3", "P-BASIC-4", "P-BASIC-5", "P-BASIC-6",
  "P-CRIT-1", "P-CRIT-2", "P-CRIT-3", "P-CRIT-4", "P-CRIT-5", "P-CRIT-6", "P-CRIT-I1", "P-CRIT-I2",
  "P-SUPP-1", "P-SUPP-2",
  "P-ASSIST-1", "P-ASSIST-2", "P-ASSIST-3", "P-ASSIST-4", "P-ASSIST-5", "P-ASSIST-6", "P-ASSIST-7",
  "P-ASSIST-8", "P-ASSIST-9", "P-ASSIST-10", "P-ASSIST-I1", "P-ASSIST-I2", "P-ASSIST-I3",
  "P-TILT-1", "P-TILT-2", "P-TILT-I1",
  "P-PS-1", "P-PS-2", "P-PS-3", "P-PS-4", "P-PS-5",
  "P-ID-1", "P-ID-2", "P-ID-3", "P-ID-4", "P-ID-I1",
  "P-MON-1", "P-MON-2", "P-MON-3", "P-MON-4",
  "P-APP-1", "P-APP-2", "P-APP-3",
  "P-SVC-1", "P-SVC-2", "P-SVC-3",
] as const;

export function validateCatalogue(sets: readonly PolicySet[], seedFiles: readonly string[]): string[] {
  const problems: string[] = [];
  const byCode = new Map(sets.map((s) => [s.code, s]));
  const ruleIds = new Set<string>(POLICY_BOOK_RULE_IDS);
  const keysOf = (code: string, seen = new Set<string>()): Set<string> => {
    const s = byCode.get(code);
    if (!s || seen.has(code)) return new Set();
    seen.add(code);
    const ks = s.parent ? keysOf(s.parent, seen) : new Set<string>();
    for (const e of s.parameters) ks.add(e.key);
    return ks;
  };
  for (const s of sets) {
    const at = `${s.code}`;
    if (s.parent && !byCode.has(s.parent)) problems.push(`${at}: parent ${s.parent} missing`);
    if (s.previous && !byCode.has(s.previous)) problems.push(`${at}: previous ${s.previous} missing`);
    if (!seedFiles.includes(s.seed)) problems.push(`${at}: seed ${s.seed} missing`);
    if (!/^\d{6}$/.test(s.regionCode)) problems.push(`${at}: region code ${s.regionCode} invalid`);
    for (const c of s.categories) if (!s.categoryPriority.includes(c)) problems.push(`${at}: category ${c} has no priority`);
    for (const c of s.categoryPriority) if (!CATEGORY_CODES.includes(c)) problems.push(`${at}: unknown category ${c}`);
    const byKey = new Map<string, { from: string; to: string | null }[]>();
    for (const e of s.parameters) {
      const where = `${at} ${e.key}@${e.effectiveFrom}`;
      if (!PARAMETER_KEYS[e.key]) problems.push(`${where}: unknown key`);
      else {
        const bad = checkParamValue(e.key, e.value);
        if (bad) problems.push(`${where}: bad value (${bad})`);
      }
      if (!ruleIds.has(e.ruleId)) problems.push(`${where}: ruleId ${e.ruleId} not in policy book`);
      if (!seedFiles.includes(e.citation.seed)) problems.push(`${where}: seed ${e.citation.seed} missing`);
      if (e.citation.document !== s.document) problems.push(`${where}: citation names ${e.citation.document}`);
      if (e.provenance === "document" && e.citation.quote.trim() === "") problems.push(`${where}: document provenance without quote`);
      if ((e.provenance === "local") !== (e.exampleValue !== undefined)) problems.push(`${where}: example-value flag must match local provenance`);
      if (e.effectiveTo !== null && e.effectiveTo < e.effectiveFrom) problems.push(`${where}: empty date range`);
      const ranges = byKey.get(e.key) ?? [];
      for (const r of ranges) {
        const overlap = e.effectiveFrom <= (r.to ?? "9999-12-31") && r.from <= (e.effectiveTo ?? "9999-12-31");
        if (overlap) problems.push(`${where}: overlaps version from ${r.from}`);
      }
      ranges.push({ from: e.effectiveFrom, to: e.effectiveTo });
      byKey.set(e.key, ranges);
    }
    const have = keysOf(s.code);
    for (const k of ALL_KEYS) if (!have.has(k)) problems.push(`${at}: missing key ${k}`);
    for (const r of s.rules) {
      if (!ruleIds.has(r.ruleId)) problems.push(`${at} rule ${r.ruleId}: not in policy book`);
      if (!seedFiles.includes(r.seed)) problems.push(`${at} rule ${r.ruleId}: seed ${r.seed} missing`);
      for (const k of r.parameterKeys) if (!have.has(k)) problems.push(`${at} rule ${r.ruleId}: unknown parameter ${k}`);
    }
    for (const id of s.supersedes) if (!ruleIds.has(id)) problems.push(`${at}: supersedes unknown rule ${id}`);
  }
  return problems;
}
