/**
 * Where the engine reads parameters from: the live catalogue (with per-request overrides)
 * or a receipt's snapshot (replay). Every read is recorded; the record is the receipt's snapshot.
 */
import { defaultRuleForKey } from "@/lib/policy/build";
import { effectiveRules, getPolicySet, parameterEntry } from "@/lib/policy/catalogue";
import { EngineError } from "@/lib/policy/errors";
import type { Citation, ParamValue, ParameterEntry, Provenance } from "@/lib/policy/types";
import { D, type Dec } from "./decimal";
import type { SnapshotEntry, StepProvenance } from "./types";

export interface ParamSource {
  read(key: string): SnapshotEntry;
  rule(ruleId: string): Citation;
}

const FROM_ENTRY = new WeakMap<ParameterEntry, SnapshotEntry>();

function snapshotOf(e: ParameterEntry): SnapshotEntry {
  let s = FROM_ENTRY.get(e);
  if (!s) {
    s = {
      value: e.value,
      provenance: e.provenance,
      ruleId: e.ruleId,
      citation: e.citation,
      effectiveFrom: e.effectiveFrom,
      example: e.exampleValue !== undefined,
    };
    FROM_ENTRY.set(e, s);
  }
  return s;
}

const RULE_CITATIONS = new Map<string, Map<string, Citation>>();

function ruleCitations(code: string): Map<string, Citation> {
  let m = RULE_CITATIONS.get(code);
  if (!m) {
    m = new Map();
    for (const r of effectiveRules(code)) {
      m.set(r.ruleId, { document: getPolicySet(r.origin).document, clause: r.clause, seed: r.seed, quote: r.quote });
    }
    RULE_CITATIONS.set(code, m);
  }
  return m;
}

/** The live catalogue for one set and date, with the request's overrides on top. */
export function catalogueSource(code: string, date: string, overrides: Record<string, ParamValue>): ParamSource {
  const set = getPolicySet(code);
  const rules = ruleCitations(code);
  return {
    read(key) {
      if (Object.prototype.hasOwnProperty.call(overrides, key)) {
        let base: ParameterEntry | undefined;
        try {
          base = parameterEntry(code, key, date);
        } catch {
          base = undefined;
        }
        return {
          value: overrides[key] as ParamValue,
          provenance: "override",
          ruleId: base?.ruleId ?? defaultRuleForKey(key),
          citation: base?.citation ?? { document: set.document, clause: "（本次测算调整）", seed: set.seed, quote: "" },
          effectiveFrom: null,
          example: false,
        };
      }
      return snapshotOf(parameterEntry(code, key, date));
    },
    rule(ruleId) {
      return rules.get(ruleId) ?? { document: set.document, clause: "—", seed: set.seed, quote: "" };
    },
  };
}

/** A receipt's snapshot: replay reads only what the original settlement read. */
export function snapshotSource(parameters: Record<string, SnapshotEntry>, rules: Record<string, Citation>): ParamSource {
  return {
    read(key) {
      const e = parameters[key];
      if (!e) throw new EngineError("INVALID_RECEIPT", `收据缺少参数 ${key}，无法重算`, `receipt.parameters.${key}`);
      return e;
    },
    rule(ruleId) {
      const c = rules[ruleId];
      if (!c) throw new EngineError("INVALID_RECEIPT", `收据缺少规则 ${ruleId} 的出处，无法重算`, `receipt.rules.${ruleId}`);
      return c;
    },
  };
}

const DEC_CACHE = new WeakMap<SnapshotEntry, Dec>();

const WEAKNESS: Record<StepProvenance, number> = { document: 0, interpretation: 1, local: 2, override: 3 };

/** Records every parameter and rule citation read during one settlement. */
export class ParamReader {
  readonly parameters: Record<string, SnapshotEntry> = {};
  readonly rules: Record<string, Citation> = {};
  constructor(private readonly source: ParamSource) {}

  entry(key: string): SnapshotEntry {
    let e = this.parameters[key];
    if (!e) {
      e = this.source.read(key);
      this.parameters[key] = e;
    }
    return e;
  }

  rule(ruleId: string): Citation {
    let c = this.rules[ruleId];
    if (!c) {
      c = this.source.rule(ruleId);
      this.rules[ruleId] = c;
    }
    return c;
  }

  /** A money or ratio value as a decimal (null stays null). */
  decOrNull(key: string): Dec | null {
    const e = this.entry(key);
    if (e.value === null) return null;
    let d = DEC_CACHE.get(e);
    if (!d) {
      if (typeof e.value !== "string") throw new EngineError("INTERNAL_INVARIANT", `参数 ${key} 不是数值`, key);
      d = new D(e.value);
      DEC_CACHE.set(e, d);
    }
    return d;
  }

  dec(key: string): Dec {
    const d = this.decOrNull(key);
    if (d === null) throw new EngineError("INTERNAL_INVARIANT", `参数 ${key} 没有数值`, key);
    return d;
  }

  list<T extends string | number>(key: string): readonly T[] {
    const v = this.entry(key).value;
    if (!Array.isArray(v)) throw new EngineError("INTERNAL_INVARIANT", `参数 ${key} 不是列表`, key);
    return v as unknown as readonly T[];
  }

  bool(key: string): boolean {
    return this.entry(key).value === true;
  }

  int(key: string): number {
    const v = this.entry(key).value;
    if (typeof v !== "number") throw new EngineError("INTERNAL_INVARIANT", `参数 ${key} 不是整数`, key);
    return v;
  }

  str(key: string): string {
    const v = this.entry(key).value;
    if (typeof v !== "string") throw new EngineError("INTERNAL_INVARIANT", `参数 ${key} 不是文字`, key);
    return v;
  }

  /** The weakest provenance among some keys already read (document < interpretation < local < override). */
  provenance(keys: readonly string[]): StepProvenance {
    let worst: StepProvenance = "document";
    for (const k of keys) {
      const p = this.parameters[k]?.provenance;
      if (p && WEAKNESS[p] > WEAKNESS[worst]) worst = p;
    }
    return worst;
  }

  ruleIdsOf(keys: readonly string[]): string[] {
    const out: string[] = [];
    for (const k of keys) {
      const r = this.parameters[k]?.ruleId;
      if (r && !out.includes(r)) out.push(r);
    }
    return out;
  }
}

export type { Provenance };
