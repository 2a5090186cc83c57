/** Descriptions for the public policy pages (W9): rules, parameter tables, what changed. */
import { effectiveRules, getPolicySet, keySources } from "./catalogue";
import { ALL_KEYS, PARAMETER_KEYS } from "./keys";
import type { ParamValue, ParameterEntry, PolicySet, RuleEntry } from "./types";

export interface ParameterRow {
  key: string;
  label: string;
  /** own: only this set defines it; inherited: taken from `origin`; overridden: this set replaces its parent's */
  status: "own" | "inherited" | "overridden";
  origin: string;
  versions: ParameterEntry[];
}

export interface ParameterChange {
  key: string;
  label: string;
  before: ParamValue | undefined;
  after: ParamValue;
}

export interface PolicyChanges {
  /** the set compared against: the parent, else the previous set of the lineage, else null */
  against: string | null;
  parameters: ParameterChange[];
  rulesAdded: string[];
  rulesRemoved: string[];
}

export interface PolicyDescription {
  set: Omit<PolicySet, "parameters" | "rules">;
  rules: readonly (RuleEntry & { origin: string })[];
  parameters: ParameterRow[];
  changes: PolicyChanges;
}

function latest(entries: ParameterEntry[]): ParameterEntry {
  let best = entries[0] as ParameterEntry;
  for (const e of entries) if (e.effectiveFrom > best.effectiveFrom) best = e;
  return best;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What changed in `code` against its parent (or the previous set of its lineage). */
export function listChanges(code: string, against?: string): PolicyChanges {
  const set = getPolicySet(code);
  const base = against ?? set.parent ?? set.previous;
  if (!base) return { against: null, parameters: [], rulesAdded: [], rulesRemoved: [] };
  const mine = keySources(code);
  const theirs = keySources(base);
  const parameters: ParameterChange[] = [];
  for (const key of ALL_KEYS) {
    const m = mine.get(key);
    const t = theirs.get(key);
    if (!m) continue;
    const after = latest(m.entries).value;
    const before = t ? latest(t.entries).value : undefined;
    if (!same(after, before)) parameters.push({ key, label: PARAMETER_KEYS[key]?.label ?? key, before, after });
  }
  const myRules = new Set(effectiveRules(code).map((r) => r.ruleId));
  const theirRules = new Set(effectiveRules(base).map((r) => r.ruleId));
  return {
    against: base,
    parameters,
    rulesAdded: [...myRules].filter((r) => !theirRules.has(r)),
    rulesRemoved: [...theirRules].filter((r) => !myRules.has(r)),
  };
}

/** Everything a policy page shows about one set. */
export function describePolicySet(code: string): PolicyDescription {
  const set = getPolicySet(code);
  const { parameters: _p, rules: _r, ...summary } = set;
  const parentSources = set.parent ? keySources(set.parent) : undefined;
  const rows: ParameterRow[] = [];
  for (const [key, src] of keySources(code)) {
    const status: ParameterRow["status"] =
      src.origin !== code ? "inherited" : parentSources?.has(key) ? "overridden" : "own";
    rows.push({ key, label: PARAMETER_KEYS[key]?.label ?? key, status, origin: src.origin, versions: src.entries });
  }
  return { set: summary, rules: effectiveRules(code), parameters: rows, changes: listChanges(code) };
}
