/**
 * Orchestration: validate → pick the policy set → compute with recorded parameter reads →
 * attach the decision receipt. Also the premium subsidy (P-PS) and replay.
 */
import { assertPolicyInForce, getPolicySet, parameterVersion, policySetForRegion } from "@/lib/policy/catalogue";
import { EngineError } from "@/lib/policy/errors";
import type { CategoryCode, Citation, ParamValue, PolicySet } from "@/lib/policy/types";
import { ZERO, dmin, money, pct, round2 } from "./decimal";
import { computeSettlement, resolveCategory, type PolicyMeta } from "./engine";
import { CATEGORY_LABELS, INSURANCE_TIER_LABELS } from "./labels";
import { ParamReader, parameterSnapshot, snapshotSource, type ParamSnapshot, type ParamSource, type ReadNode } from "./params";
import { canonicalJson, canonicalRequestJson, digestOf, sha256 } from "./receipt";
import { createHash, type Hash } from "node:crypto";
import type {
  Receipt,
  SettleOptions,
  SettlementRequest,
  SettlementResult,
  SnapshotEntry,
  Step,
  SubsidyRequest,
  SubsidyResult,
  Warning,
} from "./types";
import { parseSettlementRequest, parseSubsidyRequest } from "./validate";

/** Bumped whenever a formula changes: it is part of every receipt id. */
export const ENGINE_VERSION = "sanchong-engine/1.0.0";

function pickSet(req: { policy?: string; region?: string; date: string }, given?: PolicySet | string): PolicySet {
  if (given !== undefined) return getPolicySet(typeof given === "string" ? given : given.code);
  if (req.policy) return getPolicySet(req.policy);
  if (!req.region) throw new EngineError("INVALID_REQUEST", "请填写政策代码（policy）或行政区划代码（region）", "region");
  return policySetForRegion(req.region, req.date);
}

function versionWithOverrides(base: string, overrides: Record<string, ParamValue>): string {
  const keys = Object.keys(overrides);
  return keys.length === 0 ? base : `${base}+overrides.${sha256(canonicalJson(overrides)).slice(0, 8)}`;
}

function hasOwnKeys(o: object): boolean {
  for (const _k in o) return true;
  return false;
}

/** The cached parameter snapshot for a set on a date with a request's overrides, and its parameter version. */
function snapshotFor(code: string, date: string, overrides: Record<string, ParamValue>): { snapshot: ParamSnapshot; pv: string } {
  const base = parameterVersion(code, date);
  const overridesKey = hasOwnKeys(overrides) ? canonicalJson(overrides) : "";
  const snapshot = parameterSnapshot(code, base, overridesKey, overrides);
  let pv = snapshot.memo.pv as string | undefined;
  if (pv === undefined) {
    pv = versionWithOverrides(base, overrides);
    snapshot.memo.pv = pv;
  }
  return { snapshot, pv };
}

/** `{"key":"<digest of the entry>",…}` with sorted keys. */
function digestRecord(rec: Record<string, object>): string {
  const keys = Object.keys(rec).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:"${digestOf(rec[k] as object)}"`).join(",")}}`;
}

function makeReceipt(
  meta: PolicyMeta,
  pv: string,
  reader: ParamReader,
  request: SettlementRequest | SubsidyRequest,
): Receipt {
  const node = reader.readNode;
  if (node) return sharedReceipt(meta, pv, node, request);
  const body =
    `{"engineVersion":${JSON.stringify(ENGINE_VERSION)},"knownCategories":${canonicalJson(meta.categories)}` +
    `,"parameterVersion":${JSON.stringify(pv)},"parameters":${digestRecord(reader.parameters)}` +
    `,"policyCode":${JSON.stringify(meta.code)},"policyDocument":${JSON.stringify(meta.document)}` +
    `,"request":${canonicalJson(request)},"rules":${digestRecord(reader.rules)}}`;
  return {
    id: sha256(body),
    engineVersion: ENGINE_VERSION,
    policyCode: meta.code,
    policyDocument: meta.document,
    parameterVersion: pv,
    knownCategories: [...meta.categories],
    parameters: reader.parameters,
    rules: reader.rules,
    request,
  };
}

interface ReceiptMemo {
  /** sha256 state after the body's constant part up to `"request":` */
  head: Hash;
  /** the body's constant part after the request */
  tail: string;
  knownCategories: CategoryCode[];
}

/**
 * The same receipt (and id) as the general path, for a read sequence of a cached snapshot: the
 * parameter and rule digests and the hash of the body's constant head are computed once per
 * sequence; each settlement hashes only its own request. The snapshot records are shared (frozen).
 */
function sharedReceipt(meta: PolicyMeta, pv: string, node: ReadNode, request: SettlementRequest | SubsidyRequest): Receipt {
  let m = node.memo.receipt as ReceiptMemo | undefined;
  if (!m || (node.memo.receiptPv as string) !== pv || (node.memo.receiptCode as string) !== meta.code) {
    const head =
      `{"engineVersion":${JSON.stringify(ENGINE_VERSION)},"knownCategories":${canonicalJson(meta.categories)}` +
      `,"parameterVersion":${JSON.stringify(pv)},"parameters":${digestRecord(node.params)}` +
      `,"policyCode":${JSON.stringify(meta.code)},"policyDocument":${JSON.stringify(meta.document)}` +
      `,"request":`;
    m = {
      head: createHash("sha256").update(head),
      tail: `,"rules":${digestRecord(node.rules)}}`,
      knownCategories: Object.freeze([...meta.categories]) as CategoryCode[],
    };
    node.memo.receipt = m;
    node.memo.receiptPv = pv;
    node.memo.receiptCode = meta.code;
  }
  const id = m.head.copy().update(canonicalRequestJson(request)).update(m.tail).digest("hex");
  return {
    id,
    engineVersion: ENGINE_VERSION,
    policyCode: meta.code,
    policyDocument: meta.document,
    parameterVersion: pv,
    knownCategories: m.knownCategories,
    parameters: node.params as Record<string, SnapshotEntry>,
    rules: node.rules as Record<string, Citation>,
    request,
  };
}

function runSettlement(req: SettlementRequest, meta: PolicyMeta, source: ParamSource | ParamSnapshot, pv: string, trace: boolean): SettlementResult {
  const reader = new ParamReader(source, req.date);
  const c = computeSettlement(req, meta, reader, trace);
  return {
    policy: { code: meta.code, document: meta.document, parameterVersion: pv },
    date: req.date,
    resolvedCategory: c.resolvedCategory,
    amounts: c.amounts,
    yearToDateAfter: c.yearToDateAfter,
    steps: c.steps,
    warnings: c.warnings,
    receipt: makeReceipt(meta, pv, reader, req),
  };
}

const METAS = new WeakMap<PolicySet, PolicyMeta>();

function metaOf(set: PolicySet): PolicyMeta {
  let m = METAS.get(set);
  if (!m) {
    m = { code: set.code, document: set.document, categories: set.categories };
    METAS.set(set, m);
  }
  return m;
}

/**
 * Settles one visit. `policySet` (a set or its code) takes precedence over `request.policy`
 * (staff settlement passes the certifying region's set, P-ASSIST-6); without either the set in
 * force for `request.region` on `request.date` is used. Throws EngineError.
 */
export function settle(request: unknown, policySet?: PolicySet | string, options: SettleOptions = {}): SettlementResult {
  const req = parseSettlementRequest(request);
  const set = pickSet(req, policySet);
  assertPolicyInForce(set, req.date);
  const { snapshot, pv } = snapshotFor(set.code, req.date, req.overrides);
  return runSettlement(req, metaOf(set), snapshot, pv, options.trace !== false);
}

/** The public estimator's entry: the policy comes from the bundled catalogue (by code, or region + date). */
export function simulate(request: unknown, options: SettleOptions = {}): SettlementResult {
  return settle(request, undefined, options);
}

function subsidyStep(
  reader: ParamReader,
  ruleId: string,
  keys: string[],
  citation: Citation,
  formula: string,
  inputs: Record<string, string>,
  result: string,
  explanation: string,
  tier: Step["tier"] = "premiumSubsidy",
): Step {
  const usesExample = keys.some((k) => reader.parameters[k]?.example);
  return {
    tier,
    ruleId,
    relatedRules: reader.ruleIdsOf(keys).includes(ruleId) ? reader.ruleIdsOf(keys) : [ruleId, ...reader.ruleIdsOf(keys)],
    formula,
    inputs,
    result,
    provenance: reader.provenance(keys),
    citation,
    explanation: usesExample ? `${explanation}（使用了示例值，非文件规定）` : explanation,
    parameters: keys,
  };
}

function runSubsidy(req: SubsidyRequest, meta: PolicyMeta, source: ParamSource | ParamSnapshot, pv: string): SubsidyResult {
  const p = new ParamReader(source, req.date);
  const warnings: Warning[] = [];
  const cat: CategoryCode = resolveCategory(req.person.categories, meta.categories, p.list<CategoryCode>("categoryPriority"), warnings);
  const tier = req.person.insuranceTier;
  const c1 = p.dec("subsidy.individualContribution.tier1");
  const rKey = `subsidy.ratio.tier1.${cat}`;
  const fKey = `subsidy.fixedAmount.${cat}`;
  const r = p.dec(rKey);
  const f = p.dec(fKey);
  const s1 = round2(dmin(c1, c1.times(r).plus(f)));
  const steps: Step[] = [
    subsidyStep(p, "P-ID-2", ["categoryPriority"], p.rule("P-ID-2"), `就高不重复(${req.person.categories.join("、") || "无"}) = ${cat}`,
      { categories: req.person.categories.join(",") }, cat, `按“${CATEGORY_LABELS[cat]}”确定资助，多种身份只资助一次。`, "category"),
  ];
  let contribution = c1;
  let subsidy = s1;
  const ruleId = p.entry(rKey).ruleId;
  const baseKeys = ["subsidy.individualContribution.tier1", rKey, fKey];
  if (tier === 1) {
    steps.push(subsidyStep(p, ruleId, baseKeys, p.entry(rKey).citation, `min(${money(c1)}, ${money(c1)} × ${pct(r)} + ${money(f)})`,
      { individualContribution: money(c1), ratio: r.toString(), fixedAmount: money(f) }, money(s1),
      s1.isZero() ? `“${CATEGORY_LABELS[cat]}”不享受资助参保。` : `一档个人缴费${money(c1)}元，资助${money(s1)}元。`));
  } else {
    const c2 = p.dec("subsidy.individualContribution.tier2");
    contribution = c2;
    const eligible = r.gt(ZERO) || f.gt(ZERO);
    const keys = [...baseKeys, "subsidy.individualContribution.tier2", "subsidy.tier2.basis"];
    const basis = p.str("subsidy.tier2.basis");
    const cap = basis === "tier1Contribution" ? c1 : s1;
    subsidy = eligible ? round2(dmin(c2, cap)) : ZERO;
    steps.push(subsidyStep(p, p.entry("subsidy.tier2.basis").ruleId === "P-PS-3" ? "P-PS-3" : ruleId, keys, p.entry("subsidy.tier2.basis").citation,
      eligible ? `min(${money(c2)}, ${basis === "tier1Contribution" ? `一档个人缴费${money(c1)}` : `一档资助额${money(s1)}`})` : "一档资助比例为0 → 0.00",
      { tier2Contribution: money(c2), tier1Contribution: money(c1), tier1Subsidy: money(s1), basis }, money(subsidy),
      eligible
        ? `自愿参加二档，个人缴费${money(c2)}元，按${basis === "tier1Contribution" ? "一档个人缴费标准" : "一档资助额"}资助${money(subsidy)}元，本人只付差额。`
        : `“${CATEGORY_LABELS[cat]}”不享受资助参保。`));
  }
  const personPays = contribution.minus(subsidy);
  if (personPays.lt(ZERO) || subsidy.gt(contribution)) throw new EngineError("INTERNAL_INVARIANT", "资助金额超过个人缴费，结算结果自检失败");
  steps.push(subsidyStep(p, "P-PS-5", [`subsidy.individualContribution.tier${tier}`], p.entry(`subsidy.individualContribution.tier${tier}`).citation,
    `${money(contribution)} − ${money(subsidy)} = ${money(personPays)}`, { individualContribution: money(contribution), subsidy: money(subsidy) }, money(personPays),
    `${INSURANCE_TIER_LABELS[tier]}个人缴费${money(contribution)}元，资助${money(subsidy)}元，本人缴纳${money(personPays)}元。`));
  for (const [key, e] of Object.entries(p.parameters)) {
    if (e.example) warnings.push({ code: "EXAMPLE_PARAMETER", key, message: `参数 ${key} 使用示例参数${String(e.value)}，示例值，非文件规定，请以当地实际标准为准` });
    else if (e.provenance === "override") warnings.push({ code: "OVERRIDE_USED", key, message: `参数 ${key} 使用了本次测算的调整值` });
  }
  return {
    policy: { code: meta.code, document: meta.document, parameterVersion: pv },
    date: req.date,
    resolvedCategory: cat,
    insuranceTier: tier,
    individualContribution: money(contribution),
    subsidy: money(subsidy),
    personPays: money(personPays),
    steps,
    warnings,
    receipt: makeReceipt(meta, pv, p, req),
  };
}

/** Premium subsidy (资助参保, P-PS) for one person and year. */
export function settleSubsidy(request: unknown, policySet?: PolicySet | string): SubsidyResult {
  const req = parseSubsidyRequest(request);
  const set = pickSet(req, policySet);
  assertPolicyInForce(set, req.date);
  const { snapshot, pv } = snapshotFor(set.code, req.date, req.overrides);
  return runSubsidy(req, metaOf(set), snapshot, pv);
}

/**
 * Recomputes a stored decision from its receipt's parameter snapshot (never the live
 * catalogue). The receipt's id is checked first; a tampered receipt is INVALID_RECEIPT.
 */
export function replay(receipt: Receipt): SettlementResult | SubsidyResult {
  if (!receipt || typeof receipt !== "object" || !receipt.request || !receipt.parameters) {
    throw new EngineError("INVALID_RECEIPT", "收据格式不正确，无法重算", "receipt");
  }
  const meta: PolicyMeta = { code: receipt.policyCode, document: receipt.policyDocument, categories: receipt.knownCategories };
  const source = snapshotSource(receipt.parameters as Record<string, SnapshotEntry>, receipt.rules);
  if (receiptIdOf(receipt) !== receipt.id) {
    throw new EngineError("INVALID_RECEIPT", "收据内容与其编号不符（可能被修改），无法重算", "receipt.id");
  }
  if ("visit" in receipt.request) {
    const req = parseSettlementRequest(receipt.request);
    return runSettlement(req, meta, source, receipt.parameterVersion, true);
  }
  return runSubsidy(parseSubsidyRequest(receipt.request), meta, source, receipt.parameterVersion);
}

/** The id a receipt's content hashes to (equal to `receipt.id` unless it was altered). */
export function receiptIdOf(receipt: Receipt): string {
  const meta: PolicyMeta = { code: receipt.policyCode, document: receipt.policyDocument, categories: receipt.knownCategories };
  const r = new ParamReader(snapshotSource(receipt.parameters, receipt.rules));
  for (const k of Object.keys(receipt.parameters)) r.entry(k);
  for (const k of Object.keys(receipt.rules)) r.rule(k);
  return makeReceipt(meta, receipt.parameterVersion, r, receipt.request).id;
}
