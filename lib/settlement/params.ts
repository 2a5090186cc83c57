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

/** One key as the live catalogue gives it for a set and date, with the request's override on top. */
function catalogueEntry(code: string, date: string, overrides: Record<string, ParamValue>, key: string): SnapshotEntry {
  if (Object.prototype.hasOwnProperty.call(overrides, key)) {
    const set = getPolicySet(code);
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
}

function catalogueRule(code: string, ruleId: string): Citation {
  const set = getPolicySet(code);
  return ruleCitations(code).get(ruleId) ?? { document: set.document, clause: "—", seed: set.seed, quote: "" };
}

/** The live catalogue for one set and date, with the request's overrides on top. */
export function catalogueSource(code: string, date: string, overrides: Record<string, ParamValue>): ParamSource {
  return {
    read: (key) => catalogueEntry(code, date, overrides, key),
    rule: (ruleId) => catalogueRule(code, ruleId),
  };
}

// ---------------------------------------------------------------------------------------------
// Resolved parameter snapshots (performance): one immutable snapshot per policy code + parameter
// version (the versions in force on the date, catalogue.ts parameterVersion) + overrides. The
// catalogue forbids overlapping versions of a key, so one parameter version names one entry per
// key. A snapshot resolves each key once; a failed read (a key with no version on the date) is not
// cached and is re-read with the request's own date, so its error message is unchanged.
//
// Every settlement still records the keys it read, in order (the receipt's `parameters`). The
// records are shared: the reads of one settlement walk a trie of read sequences whose nodes hold
// the frozen record read so far, so the same path of reads yields the same record object, with
// its receipt digest, hash prefix and warnings computed once.

/** One point in a sequence of reads: the parameters and rule citations read so far, in order. */
export class ReadNode {
  readonly params: Readonly<Record<string, SnapshotEntry>>;
  readonly rules: Readonly<Record<string, Citation>>;
  private readonly nextParam = new Map<string, ReadNode>();
  private readonly nextRule = new Map<string, ReadNode>();
  /** lazily filled by the receipt and the warnings (settle.ts, engine.ts) */
  memo: Record<string, unknown> = {};

  constructor(
    readonly snapshot: ParamSnapshot,
    params: Record<string, SnapshotEntry>,
    rules: Record<string, Citation>,
  ) {
    this.params = Object.freeze(params);
    this.rules = Object.freeze(rules);
  }

  afterParam(key: string, date: string): ReadNode {
    let n = this.nextParam.get(key);
    if (!n) {
      const e = this.snapshot.read(key, date);
      n = new ReadNode(this.snapshot, { ...this.params, [key]: e }, this.rules);
      if (this.snapshot.grow()) this.nextParam.set(key, n);
    }
    return n;
  }

  afterRule(ruleId: string): ReadNode {
    let n = this.nextRule.get(ruleId);
    if (!n) {
      const c = this.snapshot.rule(ruleId);
      n = new ReadNode(this.snapshot, this.params, { ...this.rules, [ruleId]: c });
      if (this.snapshot.grow()) this.nextRule.set(ruleId, n);
    }
    return n;
  }
}

/** Nodes one snapshot keeps at most (distinct read paths are a few hundred in practice). */
const MAX_NODES = 20_000;

export class ParamSnapshot {
  private readonly entries = new Map<string, SnapshotEntry>();
  private readonly citations = new Map<string, Citation>();
  private nodes = 0;
  readonly root: ReadNode;
  /** lazily filled by settle.ts (e.g. the parameter version with the overrides' hash) */
  memo: Record<string, unknown> = {};

  constructor(
    readonly code: string,
    readonly overrides: Readonly<Record<string, ParamValue>>,
  ) {
    this.root = new ReadNode(this, {}, {});
  }

  read(key: string, date: string): SnapshotEntry {
    let e = this.entries.get(key);
    if (!e) {
      e = catalogueEntry(this.code, date, this.overrides as Record<string, ParamValue>, key);
      this.entries.set(key, e);
    }
    return e;
  }

  rule(ruleId: string): Citation {
    let c = this.citations.get(ruleId);
    if (!c) {
      c = catalogueRule(this.code, ruleId);
      this.citations.set(ruleId, c);
    }
    return c;
  }

  /** Counts a new node; false once the snapshot is full (the node is then used once, not kept). */
  grow(): boolean {
    if (this.nodes >= MAX_NODES) return false;
    this.nodes++;
    return true;
  }
}

const SNAPSHOTS = new Map<string, ParamSnapshot>();
const MAX_SNAPSHOTS = 2_000;

/**
 * The snapshot of a set's parameters in force under `version` (parameterVersion of the date)
 * with `overrides` on top. `overridesKey` is the overrides' canonical JSON ("" for none): the
 * whole text, not a hash, so that two different what-ifs can never share a snapshot.
 */
export function parameterSnapshot(code: string, version: string, overridesKey: string, overrides: Record<string, ParamValue>): ParamSnapshot {
  const id = overridesKey === "" ? version : `${version}\u0000${overridesKey}`;
  let s = SNAPSHOTS.get(id);
  if (!s) {
    if (SNAPSHOTS.size >= MAX_SNAPSHOTS) SNAPSHOTS.clear();
    s = new ParamSnapshot(code, Object.freeze({ ...overrides }));
    SNAPSHOTS.set(id, s);
  }
  return s;
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

/**
 * Records every parameter and rule citation read during one settlement. With a snapshot the
 * record is a shared, frozen trie node (no per-settlement copy); with a plain source (replay, a
 * receipt's id) it is a fresh object.
 */
export class ParamReader {
  private node: ReadNode | null;
  private readonly ownParams: Record<string, SnapshotEntry> | null;
  private readonly ownRules: Record<string, Citation> | null;
  private readonly source: ParamSource | null;

  constructor(source: ParamSource | ParamSnapshot, private readonly date = "") {
    if (source instanceof ParamSnapshot) {
      this.node = source.root;
      this.source = null;
      this.ownParams = null;
      this.ownRules = null;
    } else {
      this.node = null;
      this.source = source;
      this.ownParams = {};
      this.ownRules = {};
    }
  }

  /** The parameters read so far, in the order read (frozen when shared). */
  get parameters(): Readonly<Record<string, SnapshotEntry>> {
    return this.node ? this.node.params : (this.ownParams as Record<string, SnapshotEntry>);
  }

  get rules(): Readonly<Record<string, Citation>> {
    return this.node ? this.node.rules : (this.ownRules as Record<string, Citation>);
  }

  /** The shared record of this read sequence (null for a plain source). */
  get readNode(): ReadNode | null {
    return this.node;
  }

  entry(key: string): SnapshotEntry {
    const node = this.node;
    if (node) {
      const hit = node.params[key];
      if (hit) return hit;
      const next = node.afterParam(key, this.date);
      this.node = next;
      return next.params[key] as SnapshotEntry;
    }
    const own = this.ownParams as Record<string, SnapshotEntry>;
    let e = own[key];
    if (!e) {
      e = (this.source as ParamSource).read(key);
      own[key] = e;
    }
    return e;
  }

  rule(ruleId: string): Citation {
    const node = this.node;
    if (node) {
      const hit = node.rules[ruleId];
      if (hit) return hit;
      const next = node.afterRule(ruleId);
      this.node = next;
      return next.rules[ruleId] as Citation;
    }
    const own = this.ownRules as Record<string, Citation>;
    let c = own[ruleId];
    if (!c) {
      c = (this.source as ParamSource).rule(ruleId);
      own[ruleId] = c;
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
