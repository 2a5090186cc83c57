/**
 * The settlement computation (settlement-contract.md "Order and formulas"). Pure: reads
 * parameters only through a ParamReader, no clock, no I/O, all money in decimal.js.
 */
import { CATEGORY_CODES, type CategoryCode, type Citation } from "@/lib/policy/types";
import { EngineError } from "@/lib/policy/errors";
import { D, ONE, ZERO, decOf, dmax, dmin, dminLimit, exact, money, pct, points as pointsText, ratioText, round2, type Dec } from "./decimal";
import { checkSettlementInvariants } from "./invariants";
import { CATEGORY_LABELS, HOSPITAL_LEVEL_LABELS, LOCATION_LABELS, VISIT_KIND_LABELS, type Tier } from "./labels";
import type { ParamReader, ReadNode } from "./params";
import type { Amounts, SettlementRequest, SnapshotEntry, Step, Warning, YearToDate } from "./types";

export interface PolicyMeta {
  code: string;
  document: string;
  categories: readonly CategoryCode[];
}

export interface Computation {
  resolvedCategory: CategoryCode;
  amounts: Amounts;
  yearToDateAfter: YearToDate;
  steps: Step[];
  warnings: Warning[];
}

const EXAMPLE_NOTE = "（本步骤使用了示例值，非文件规定，以当地实际标准为准）";

// Parameter keys built once (no per-settlement string building).
type BasicSuffix = "level0" | "level1" | "level2" | "level3" | "outpatientSpecial" | "outpatientGeneral";
const LEVEL_SUFFIX: readonly BasicSuffix[] = ["level0", "level1", "level2", "level3"];
const DED_KEY: Record<string, string> = {};
const RATIO_KEY: Record<string, string> = {};
for (const sfx of [...LEVEL_SUFFIX, "outpatientSpecial", "outpatientGeneral"]) {
  DED_KEY[sfx] = `basic.deductible.${sfx}`;
  for (const t of [1, 2]) RATIO_KEY[`${t}${sfx}`] = `basic.payRatio.tier${t}.${sfx}`;
}
const CAP_KEY: Record<number, string> = { 1: "basic.annualCap.tier1", 2: "basic.annualCap.tier2" };
const CUT_KEY: Record<string, string> = {
  city: "basic.locationRatioCut.city",
  province: "basic.locationRatioCut.province",
  out_of_province: "basic.locationRatioCut.out_of_province",
};
const perCategory = (prefix: string): Record<string, string> => Object.fromEntries(CATEGORY_CODES.map((c) => [c, `${prefix}${c}`]));
const ASSIST_RATIO_KEY = perCategory("assistance.ratio.");
const ASSIST_DED_KEY = perCategory("assistance.deductible.");
const TILT_THRESHOLD_KEY = perCategory("tilted.threshold.");

interface Band {
  upTo: Dec | null;
  ratio: Dec;
}

/** critical.bands as decimals with the tilt's points added (capped at 1), per snapshot entry and points. */
const BANDS = new WeakMap<SnapshotEntry, Map<string, Band[]>>();
function bandsOf(e: SnapshotEntry, points: Dec): Band[] {
  let byPoints = BANDS.get(e);
  if (!byPoints) {
    byPoints = new Map();
    BANDS.set(e, byPoints);
  }
  const k = points.toString();
  let bands = byPoints.get(k);
  if (!bands) {
    const raw = e.value as { upTo: string | null; payRatio: string }[];
    bands = raw.map((b) => {
      const r = new D(b.payRatio).plus(points);
      return { upTo: b.upTo === null ? null : new D(b.upTo), ratio: r.gt(ONE) ? ONE : r };
    });
    Object.freeze(bands);
    byPoints.set(k, bands);
  }
  return bands;
}

class Tracer {
  readonly steps: Step[] = [];
  constructor(
    readonly on: boolean,
    private readonly p: ParamReader,
  ) {}

  add(
    tier: Tier,
    ruleId: string,
    keys: readonly string[],
    mainKeys: readonly string[],
    citation: Citation,
    formula: string,
    inputs: Record<string, string>,
    result: string,
    explanation: string,
  ): void {
    const related = this.p.ruleIdsOf(keys);
    if (!related.includes(ruleId)) related.unshift(ruleId);
    const usesExample = keys.some((k) => this.p.parameters[k]?.example);
    this.steps.push({
      tier,
      ruleId,
      relatedRules: related,
      formula,
      inputs,
      result,
      provenance: mainKeys.length ? this.p.provenance(mainKeys) : "document",
      citation,
      explanation: usesExample ? explanation + EXAMPLE_NOTE : explanation,
      parameters: keys as string[], // every caller passes a fresh array it does not touch again
    });
  }
}

/** Resolves the single category (P-ID-2 就高不重复, P-ID-I1 explicit priority). */
export function resolveCategory(
  requested: readonly CategoryCode[],
  known: readonly CategoryCode[],
  priority: readonly CategoryCode[],
  warnings: Warning[] | null,
): CategoryCode {
  let best: CategoryCode = "NONE";
  let bestRank = priority.indexOf("NONE");
  if (bestRank < 0) bestRank = priority.length;
  for (const c of requested) {
    if (!known.includes(c)) {
      warnings?.push({
        code: "CATEGORY_NOT_IN_POLICY",
        message: `本政策不认定“${CATEGORY_LABELS[c]}”（${c}）类别，计算时不予考虑`,
      });
      continue;
    }
    const rank = priority.indexOf(c);
    if (rank >= 0 && rank < bestRank) {
      best = c;
      bestRank = rank;
    }
  }
  return best;
}

/** Σ_b ratio_b × max(0, min(x, upTo_b) − max(D, upTo_(b−1))) */
function payable(x: Dec, deductible: Dec, bands: readonly Band[]): Dec {
  let sum = ZERO;
  let lower = ZERO;
  for (const b of bands) {
    const top = b.upTo === null ? x : dmin(x, b.upTo);
    const bottom = dmax(deductible, lower);
    if (top.gt(bottom)) sum = sum.plus(top.minus(bottom).times(b.ratio));
    if (b.upTo === null) break;
    lower = b.upTo;
  }
  return sum;
}

function payableText(x: Dec, deductible: Dec, bands: readonly Band[]): string {
  const parts: string[] = [];
  let lower = ZERO;
  for (const b of bands) {
    const top = b.upTo === null ? x : dmin(x, b.upTo);
    const bottom = dmax(deductible, lower);
    if (top.gt(bottom)) parts.push(`(${money(top)} − ${exact(bottom)}) × ${pct(b.ratio)}`);
    if (b.upTo === null) break;
    lower = b.upTo;
  }
  return parts.length ? parts.join(" + ") : "0";
}

/** A year-to-date total after this visit; a validated total is already money(), so a tier that paid nothing leaves it as it was. */
function grown(before: string, paid: Dec): string {
  return paid.isZero() ? before : money(decOf(before).plus(paid));
}

/** a − b, without a temporary when b is 0 */
function less(a: Dec, b: Dec): Dec {
  return b.isZero() ? a : a.minus(b);
}

/** What is left of a limit (null = no limit); stops at 0. */
function remainingOf(limit: Dec | null, used: Dec): Dec | null {
  if (limit === null) return null;
  return used.isZero() ? limit : dmax(ZERO, limit.minus(used));
}

function minRemaining(a: Dec | null, b: Dec | null): Dec | null {
  return a === null ? b : b === null ? a : dmin(a, b);
}

function limitText(d: Dec | null): string {
  return d === null ? "不设限额" : money(d);
}

export function computeSettlement(req: SettlementRequest, meta: PolicyMeta, p: ParamReader, trace: boolean): Computation {
  const t = new Tracer(trace, p);
  const warnings: Warning[] = [];
  const v = req.visit;
  const ytd = req.yearToDate;
  const kind = v.kind;
  const L = v.hospitalLevel;
  const inpatient = kind === "inpatient";

  // Citations of the rules the steps may name: read whether or not the trace is built, so the
  // receipt (and its id) is the same with and without the trace.
  const ruleBasic1 = p.rule("P-BASIC-1");
  const ruleId2 = p.rule("P-ID-2");
  const ruleAssist6 = p.rule("P-ASSIST-6");
  const ruleSvc1 = p.rule("P-SVC-1");

  // 1. Policy range (P-BASIC-1)
  const total = new D(v.totalCost);
  const ooc = decOf(v.outOfCatalogCost);
  const spf = decOf(v.selfPayFirstCost);
  const pr = ooc.isZero() && spf.isZero() ? total : total.minus(ooc).minus(spf);
  if (trace) {
    t.add("policyRange", "P-BASIC-1", [], [], ruleBasic1, `${v.totalCost} − ${v.outOfCatalogCost} − ${v.selfPayFirstCost} = ${money(pr)}`,
      { totalCost: v.totalCost, outOfCatalogCost: v.outOfCatalogCost, selfPayFirstCost: v.selfPayFirstCost }, money(pr),
      `医疗总费用${v.totalCost}元，扣除目录外费用${v.outOfCatalogCost}元和先行自付${v.selfPayFirstCost}元，政策范围内费用为${money(pr)}元；目录外和先行自付部分各项保障都不支付。`);
  }

  // Category (P-ID-2, P-ID-I1)
  const priority = p.list<CategoryCode>("categoryPriority");
  const cat = resolveCategory(req.person.categories, meta.categories, priority, warnings);
  if (trace) {
    const asked = req.person.categories.length ? req.person.categories.join("、") : "无";
    t.add("category", "P-ID-2", ["categoryPriority"], ["categoryPriority"], ruleId2, `就高不重复(${asked}) = ${cat}`,
      { categories: asked, priority: priority.join(" > ") }, cat,
      req.person.categories.length > 1
        ? `同时具有多种身份的，只按待遇最高的一种计算：本次按“${CATEGORY_LABELS[cat]}”计算。`
        : `本次按“${CATEGORY_LABELS[cat]}”计算。`);
  }

  // 2. Basic insurance (P-BASIC-2, -3, -5)
  const tier = req.person.insuranceTier;
  const sfx = inpatient ? (LEVEL_SUFFIX[L] as BasicSuffix) : kind === "outpatient_special" ? "outpatientSpecial" : "outpatientGeneral";
  const dedKey = DED_KEY[sfx] as string;
  const ratioKey = RATIO_KEY[`${tier}${sfx}`] as string;
  // the keys and notes of the explanation are collected only when the trace is built
  const bKeys: string[] | null = trace ? [dedKey, ratioKey] : null;
  const baseDed = p.dec(dedKey);
  let ded = baseDed;
  let ratio = p.dec(ratioKey);
  let basicRule = "P-BASIC-2";
  const notes: string[] | null = trace ? [] : null;
  if (inpatient && v.referral === "referred" && v.transferFromLevel !== null && v.location !== "out_of_province") {
    bKeys?.push("basic.referralContinuity.categories");
    if (p.list<CategoryCode>("basic.referralContinuity.categories").includes(cat)) {
      const fromKey = DED_KEY[LEVEL_SUFFIX[v.transferFromLevel] as BasicSuffix] as string;
      bKeys?.push(fromKey);
      const fromDed = p.dec(fromKey);
      ded = dmax(ZERO, ded.minus(fromDed));
      basicRule = "P-BASIC-5";
      notes?.push(`转诊住院起付线连续计算，只收与转出医院（${HOSPITAL_LEVEL_LABELS[v.transferFromLevel]}，起付线${money(fromDed)}元）的差额${money(ded)}元`);
    }
  }
  let tilted = false;
  if (inpatient) {
    bKeys?.push("basic.tilt.categories");
    if (p.list<CategoryCode>("basic.tilt.categories").includes(cat)) {
      bKeys?.push("basic.tilt.hospitalLevels", "basic.tilt.locations");
      if (p.list<number>("basic.tilt.hospitalLevels").includes(L) && p.list<string>("basic.tilt.locations").includes(v.location)) {
        bKeys?.push("basic.tilt.deductibleFactor", "basic.tilt.ratioPoints");
        const factor = p.dec("basic.tilt.deductibleFactor");
        const points = p.dec("basic.tilt.ratioPoints");
        ded = ded.times(factor);
        ratio = ratio.plus(points);
        tilted = true;
        basicRule = "P-BASIC-3";
        notes?.push(`${CATEGORY_LABELS[cat]}倾斜：起付线×${factor.toString()}、比例提高${pointsText(points)}`);
      }
    }
  }
  if (v.location !== "county") {
    const cutKey = CUT_KEY[v.location] as string;
    bKeys?.push(cutKey);
    const cut = p.dec(cutKey);
    if (!cut.isZero()) {
      notes?.push(`${LOCATION_LABELS[v.location]}就医比例降低${pointsText(cut)}`);
      ratio = ratio.minus(cut);
    }
  }
  if (ratio.gt(ONE)) ratio = ONE;
  if (ratio.lt(ZERO)) ratio = ZERO;
  const capKey = CAP_KEY[tier] as string;
  bKeys?.push(capKey);
  const basicCap = p.dec(capKey);
  const basicBefore = decOf(ytd.basicPaid);
  const basicCapRem = basicBefore.isZero() ? basicCap : dmax(ZERO, basicCap.minus(basicBefore));
  const basicRaw = pr.gt(ded) ? pr.minus(ded).times(ratio) : ZERO;
  const basic = round2(dmin(basicRaw, basicCapRem));
  const dedCharged = dmin(ded, pr);
  const borneAfterBasic = basic.isZero() ? pr : pr.minus(basic);
  if (trace && bKeys && notes) {
    let why: string;
    if (pr.lte(ded)) why = `政策范围内费用${money(pr)}元未超过起付线${exact(ded)}元，基本医保本次不支付。`;
    else if (basicCapRem.isZero()) why = `基本医保本年度最高支付限额${money(basicCap)}元已用完，本次不再支付。`;
    else if (basicRaw.gt(basicCapRem)) why = `按比例应付${money(basicRaw)}元，超过本年剩余限额，只支付剩余的${money(basicCapRem)}元。`;
    else why = `政策范围内费用${money(pr)}元，扣除起付线${exact(ded)}元后按${pct(ratio)}报销，基本医保支付${money(basic)}元。`;
    t.add("basicInsurance", basicRule, bKeys, [dedKey, ratioKey, ...(tilted ? ["basic.tilt.ratioPoints"] : [])], p.entry(ratioKey).citation,
      `min((${money(pr)} − ${exact(ded)}) × ${pct(ratio)}, 剩余年度限额${money(basicCapRem)})`,
      { policyRangeCost: money(pr), deductible: exact(ded), payRatio: ratioText(ratio), annualCap: money(basicCap), basicPaidBefore: ytd.basicPaid, capRemaining: money(basicCapRem) },
      money(basic), (notes.length ? `${notes.join("；")}。` : "") + `${VISIT_KIND_LABELS[kind]}，${HOSPITAL_LEVEL_LABELS[L]}医院。` + why);
  }

  // 3. Critical-illness insurance (P-CRIT-*, I1, I2)
  const critBefore = decOf(ytd.criticalBase);
  const critPaidBefore = decOf(ytd.criticalPaid);
  let critBaseAfter = critBefore;
  let critical = ZERO;
  let critCapRem: Dec | null = null;
  const kinds = p.list<string>("critical.includesKinds");
  if (!kinds.includes(kind)) {
    if (trace) {
      t.add("criticalIllnessInsurance", "P-CRIT-I2", ["critical.includesKinds"], ["critical.includesKinds"], p.entry("critical.includesKinds").citation,
        `${VISIT_KIND_LABELS[kind]}不计入大病保险 → 0.00`, { kind }, "0.00",
        `${VISIT_KIND_LABELS[kind]}费用不计入大病保险，大病保险本次不支付，累计费用不变。`);
    }
  } else {
    const cKeys: string[] | null = trace ? ["critical.includesKinds", "critical.baseIncludesBasicDeductible", "critical.deductible", "critical.bands", "critical.tilt.categories"] : null;
    const includeDed = p.bool("critical.baseIncludesBasicDeductible");
    let add = borneAfterBasic;
    if (!includeDed) add = dmax(ZERO, add.minus(round2(dedCharged)));
    critBaseAfter = critBefore.isZero() ? add : critBefore.plus(add);
    const tiltCats = p.list<CategoryCode>("critical.tilt.categories");
    const tilt = tiltCats.includes(cat);
    let D0 = p.dec("critical.deductible");
    let points = ZERO;
    if (tilt) {
      cKeys?.push("critical.tilt.deductibleFactor", "critical.tilt.ratioPoints", "critical.tilt.noCap");
      D0 = D0.times(p.dec("critical.tilt.deductibleFactor"));
      points = p.dec("critical.tilt.ratioPoints");
    }
    const bands = bandsOf(p.entry("critical.bands"), points);
    cKeys?.push("critical.noCap.categories");
    const noCap = (tilt && p.bool("critical.tilt.noCap")) || p.list<CategoryCode>("critical.noCap.categories").includes(cat);
    let cap: Dec | null = null;
    if (!noCap) {
      cKeys?.push("critical.annualCap");
      cap = p.decOrNull("critical.annualCap");
    }
    critCapRem = cap === null ? null : critPaidBefore.isZero() ? cap : dmax(ZERO, cap.minus(critPaidBefore));
    // nothing is payable while the cumulative base stays at or under the deductible
    const after = critBaseAfter.lte(D0) ? ZERO : payable(critBaseAfter, D0, bands);
    const before = critBefore.lte(D0) ? ZERO : payable(critBefore, D0, bands);
    const diff = before.isZero() ? after : after.minus(before);
    critical = round2(dminLimit(diff, critCapRem));
    if (trace && cKeys) {
      const rule = tilt ? p.entry("critical.tilt.categories").ruleId : noCap ? p.entry("critical.noCap.categories").ruleId : "P-CRIT-6";
      const cite = tilt ? p.entry("critical.tilt.categories").citation : noCap ? p.entry("critical.noCap.categories").citation : p.entry("critical.bands").citation;
      let why: string;
      if (critBaseAfter.lte(D0)) why = `本年累计${money(critBaseAfter)}元未超过大病保险起付线${exact(D0)}元，大病保险本次不支付。`;
      else if (critCapRem !== null && critCapRem.isZero()) why = `大病保险本年度封顶线${limitText(cap)}元已用完，本次不再支付。`;
      else why = `本年累计从${money(critBefore)}元增至${money(critBaseAfter)}元，超过起付线${exact(D0)}元的部分按分段比例支付，本次大病保险支付${money(critical)}元。`;
      const tiltText = tilt ? `${CATEGORY_LABELS[cat]}享受倾斜：起付线降低、比例提高${pointsText(points)}${noCap ? "、不设封顶线" : ""}。` : noCap ? "本类别不设大病保险封顶线。" : "";
      t.add("criticalIllnessInsurance", rule, cKeys, ["critical.deductible", "critical.bands", ...(tilt ? ["critical.tilt.ratioPoints"] : [])], cite,
        `min([${payableText(critBaseAfter, D0, bands)}] − [${payableText(critBefore, D0, bands)}], 剩余封顶${limitText(critCapRem)}) = ${money(after)} − ${money(before)}`,
        {
          baseBefore: money(critBefore), baseAfter: money(critBaseAfter), added: money(add), deductible: exact(D0),
          bands: bands.map((b) => `${b.upTo === null ? "∞" : money(b.upTo)}:${ratioText(b.ratio)}`).join(","),
          capRemaining: limitText(critCapRem),
        },
        money(critical), (includeDed ? "" : "基本医保起付线以下费用不计入大病保险累计。") + tiltText + why);
    }
  }

  // 4. Supplementary insurance (P-SUPP)
  const suppBase = critical.isZero() ? borneAfterBasic : borneAfterBasic.minus(critical);
  let supp = ZERO;
  let suppCapRem: Dec | null = null;
  const suppCats = p.list<CategoryCode>("supplementary.categories");
  if (!suppCats.includes(cat)) {
    if (trace) {
      t.add("supplementaryInsurance", p.entry("supplementary.categories").ruleId, ["supplementary.categories"], [], p.entry("supplementary.categories").citation,
        "不适用 → 0.00", { category: cat }, "0.00",
        suppCats.length === 0 ? "本政策没有补充医疗保险，此项为0。" : `“${CATEGORY_LABELS[cat]}”不参加补充医疗保险，此项为0。`);
    }
  } else {
    const sDed = p.dec("supplementary.deductible");
    const sRatio = p.dec("supplementary.payRatio");
    const sCap = p.decOrNull("supplementary.annualCap");
    suppCapRem = sCap === null ? null : dmax(ZERO, sCap.minus(decOf(ytd.supplementaryPaid)));
    supp = round2(dminLimit(dmax(ZERO, suppBase.minus(sDed)).times(sRatio), suppCapRem));
    if (trace) {
      t.add("supplementaryInsurance", "P-SUPP-1", ["supplementary.categories", "supplementary.deductible", "supplementary.payRatio", "supplementary.annualCap"], ["supplementary.deductible", "supplementary.payRatio", "supplementary.annualCap"], p.entry("supplementary.categories").citation,
        `min((${money(suppBase)} − ${money(sDed)}) × ${pct(sRatio)}, 剩余限额${limitText(suppCapRem)})`,
        { base: money(suppBase), deductible: money(sDed), payRatio: ratioText(sRatio), capRemaining: limitText(suppCapRem) },
        money(supp), `经基本医保、大病保险后个人负担${money(suppBase)}元，补充医疗保险支付${money(supp)}元，医疗救助在此之后计算。`);
    }
  }

  // 5. Medical assistance (P-ASSIST-*)
  const aBase = supp.isZero() ? suppBase : suppBase.minus(supp);
  let assistance = ZERO;
  let aRem: Dec | null = null;
  let otherRoute = false;
  let dedApplied = ZERO;
  if (v.referral === "unreferred") {
    if (trace) {
      t.add("medicalAssistance", "P-ASSIST-6", [], [], ruleAssist6, "未按规定转诊 → 0.00", { referral: v.referral }, "0.00",
        "本次就医未按规定转诊，按规定不纳入医疗救助范围，医疗救助不支付（基本医保、大病保险照常支付）。");
    }
  } else {
    const ratioKeyA = ASSIST_RATIO_KEY[cat] as string;
    const aRatio = p.decOrNull(ratioKeyA);
    if (aRatio === null) {
      if (trace) {
        t.add("medicalAssistance", p.entry(ratioKeyA).ruleId, [ratioKeyA], [ratioKeyA], p.entry(ratioKeyA).citation, `${cat}不是救助对象 → 0.00`, { category: cat }, "0.00",
          `“${CATEGORY_LABELS[cat]}”不属于本政策的医疗救助对象，医疗救助不支付。`);
      }
    } else {
      const special = v.specialDisease || kind === "outpatient_special";
      const aKeys: string[] | null = trace ? [ratioKeyA] : null;
      let routeOk = true;
      let routeWhy = "";
      if (!special) {
        otherRoute = true;
        aKeys?.push("assistance.otherDisease.kinds", "assistance.otherDisease.minHospitalLevel", "assistance.otherDisease.minPolicyRangeCost");
        const oKinds = p.list<string>("assistance.otherDisease.kinds");
        const minLevel = p.int("assistance.otherDisease.minHospitalLevel");
        const minCost = p.decOrNull("assistance.otherDisease.minPolicyRangeCost");
        if (!oKinds.includes(kind)) {
          routeOk = false;
          if (trace) routeWhy = `非特殊疾病的${VISIT_KIND_LABELS[kind]}不属于医疗救助范围`;
        } else if (L < minLevel) {
          routeOk = false;
          if (trace) routeWhy = `非特殊疾病住院须在${HOSPITAL_LEVEL_LABELS[minLevel as 0]}及以上医院，本次为${HOSPITAL_LEVEL_LABELS[L]}医院`;
        } else if (minCost !== null && !pr.gt(minCost)) {
          routeOk = false;
          if (trace) routeWhy = `非特殊疾病一次住院政策范围内费用须超过${money(minCost)}元，本次为${money(pr)}元`;
        }
      }
      const routeRule = special ? p.entry(ratioKeyA).ruleId : p.entry("assistance.otherDisease.kinds").ruleId;
      if (!routeOk) {
        if (trace && aKeys) {
          t.add("medicalAssistance", routeRule, aKeys, aKeys, p.entry("assistance.otherDisease.kinds").citation, "未达到救助条件 → 0.00",
            { kind, hospitalLevel: String(L), policyRangeCost: money(pr) }, "0.00", `${routeWhy}，常规医疗救助不支付（如符合条件，可享受倾斜救助）。`);
        }
      } else {
        const dKey = ASSIST_DED_KEY[cat] as string;
        aKeys?.push(dKey, "assistance.annualLimit", "assistance.otherDisease.annualLimit");
        const aDed = p.dec(dKey);
        // the annual assistance deductible (0 in most sets): nothing to take off when it is 0
        if (!aDed.isZero()) {
          const unmet = dmax(ZERO, aDed.minus(decOf(ytd.assistanceDeductibleMet)));
          dedApplied = dmin(aBase, unmet);
        }
        const assisted = dedApplied.isZero() ? aBase : aBase.minus(dedApplied);
        const annual = p.decOrNull("assistance.annualLimit");
        const other = p.decOrNull("assistance.otherDisease.annualLimit");
        const paid = decOf(ytd.assistancePaid);
        const otherPaid = decOf(ytd.assistanceOtherDiseasePaid);
        if (other === null) aRem = remainingOf(annual, paid);
        else {
          aKeys?.push("assistance.otherDiseaseLimitIsSubLimit");
          const sub = p.bool("assistance.otherDiseaseLimitIsSubLimit");
          if (sub) aRem = special ? remainingOf(annual, paid) : minRemaining(remainingOf(annual, paid), remainingOf(other, otherPaid));
          else aRem = special ? remainingOf(annual, paid.minus(otherPaid)) : remainingOf(other, otherPaid);
        }
        assistance = round2(dminLimit(assisted.times(aRatio), aRem));
        if (trace && aKeys) {
          let why: string;
          if (aRem !== null && aRem.isZero()) why = "本年度医疗救助限额已用完，本次不再支付。";
          else if (assisted.isZero() && !dedApplied.isZero()) why = `本次费用全部计入年度救助起付标准（${money(aDed)}元），医疗救助本次不支付。`;
          else why = `按${pct(aRatio)}救助${money(assistance)}元。`;
          t.add("medicalAssistance", routeRule, aKeys, [ratioKeyA, dKey, "assistance.annualLimit"], p.entry(ratioKeyA).citation,
            `min((${money(aBase)} − ${money(dedApplied)}) × ${pct(aRatio)}, 剩余救助限额${limitText(aRem)})`,
            { base: money(aBase), deductibleApplied: money(dedApplied), payRatio: ratioText(aRatio), limitRemaining: limitText(aRem), route: special ? "specialDisease" : "otherDisease" },
            money(assistance),
            `先保险后救助：经各项保险支付后，政策范围内个人负担${money(aBase)}元（含保险起付线以下部分）。` +
              (special ? "按特殊疾病救助。" : "按住院救助。") + why);
        }
      }
    }
  }

  // 6. Tilted assistance (P-TILT-*)
  const remaining = assistance.isZero() ? aBase : aBase.minus(assistance);
  let tiltedPay = ZERO;
  let tRem: Dec | null = null;
  if (v.referral === "unreferred") {
    if (trace) {
      t.add("tiltedAssistance", "P-ASSIST-I3", [], [], ruleAssist6, "未按规定转诊 → 0.00", { referral: v.referral }, "0.00",
        "本次就医未按规定转诊，不享受倾斜救助。");
    }
  } else {
    const thrKey = TILT_THRESHOLD_KEY[cat] as string;
    const thr = p.decOrNull(thrKey);
    if (thr === null) {
      if (trace) {
        t.add("tiltedAssistance", p.entry(thrKey).ruleId, [thrKey], [thrKey], p.entry(thrKey).citation, `${cat}无倾斜救助 → 0.00`, { category: cat }, "0.00",
          `“${CATEGORY_LABELS[cat]}”不享受本政策的倾斜救助。`);
      }
    } else {
      const tKeys: string[] | null = trace ? [thrKey, "tilted.locations"] : null;
      if (!p.list<string>("tilted.locations").includes(v.location)) {
        if (trace && tKeys) {
          t.add("tiltedAssistance", p.entry("tilted.locations").ruleId, tKeys, tKeys, p.entry("tilted.locations").citation, `${LOCATION_LABELS[v.location]}就医 → 0.00`,
            { location: v.location }, "0.00", `倾斜救助只适用于在市内就医，本次在${LOCATION_LABELS[v.location]}就医，不享受倾斜救助。`);
        }
      } else if (remaining.lt(thr)) {
        if (trace && tKeys) {
          t.add("tiltedAssistance", p.entry(thrKey).ruleId, tKeys, tKeys, p.entry(thrKey).citation, `${money(remaining)} < ${money(thr)} → 0.00`,
            { remaining: money(remaining), threshold: money(thr) }, "0.00",
            `经各项保障后个人负担${money(remaining)}元，未达到倾斜救助起付线${money(thr)}元，倾斜救助不支付。`);
        }
      } else {
        tKeys?.push("tilted.payRatio", "tilted.annualLimit", "tilted.ratioAppliesTo");
        const tRatio = p.dec("tilted.payRatio");
        const tLimit = p.decOrNull("tilted.annualLimit");
        const whole = p.str("tilted.ratioAppliesTo") === "whole";
        tRem = remainingOf(tLimit, decOf(ytd.tiltedPaid));
        const basis = whole ? remaining : remaining.minus(thr);
        tiltedPay = round2(dminLimit(basis.times(tRatio), tRem));
        if (trace && tKeys) {
          t.add("tiltedAssistance", whole ? "P-TILT-I1" : p.entry(thrKey).ruleId, tKeys, [thrKey, "tilted.payRatio", "tilted.ratioAppliesTo"], p.entry(thrKey).citation,
            whole ? `min(${money(remaining)} × ${pct(tRatio)}, 剩余限额${limitText(tRem)})` : `min((${money(remaining)} − ${money(thr)}) × ${pct(tRatio)}, 剩余限额${limitText(tRem)})`,
            { remaining: money(remaining), threshold: money(thr), payRatio: ratioText(tRatio), appliesTo: whole ? "whole" : "excess", limitRemaining: limitText(tRem) },
            money(tiltedPay),
            tRem !== null && tRem.isZero()
              ? "倾斜救助本年度限额已用完，本次不再支付。"
              : `经各项保障后个人负担${money(remaining)}元，达到倾斜救助起付线${money(thr)}元，${whole ? "全额" : "超过起付线的部分"}按${pct(tRatio)}倾斜救助${money(tiltedPay)}元。`);
        }
      }
    }
  }

  // 7. Out of pocket (zero parts are not subtracted: the same value without the temporaries)
  const oop = less(less(less(less(less(total, basic), critical), supp), assistance), tiltedPay);
  if (trace) {
    t.add("outOfPocket", "P-SVC-1", [], [], ruleSvc1,
      `${money(total)} − ${money(basic)} − ${money(critical)} − ${money(supp)} − ${money(assistance)} − ${money(tiltedPay)} = ${money(oop)}`,
      { totalCost: money(total) }, money(oop),
      `医疗总费用${money(total)}元，各项保障合计支付${money(total.minus(oop))}元，个人自付${money(oop)}元（含目录外费用和先行自付${money(ooc.plus(spf))}元）。`);
  }

  const after: YearToDate = {
    basicPaid: grown(ytd.basicPaid, basic),
    criticalBase: critBaseAfter === critBefore ? ytd.criticalBase : money(critBaseAfter),
    criticalPaid: grown(ytd.criticalPaid, critical),
    supplementaryPaid: grown(ytd.supplementaryPaid, supp),
    assistancePaid: grown(ytd.assistancePaid, assistance),
    assistanceOtherDiseasePaid: otherRoute ? grown(ytd.assistanceOtherDiseasePaid, assistance) : ytd.assistanceOtherDiseasePaid,
    tiltedPaid: grown(ytd.tiltedPaid, tiltedPay),
    assistanceDeductibleMet: grown(ytd.assistanceDeductibleMet, dedApplied),
  };

  checkSettlementInvariants(
    total, basic, critical, supp, assistance, tiltedPay, oop,
    pr, borneAfterBasic, suppBase, aBase, remaining,
    basicCapRem, critCapRem, suppCapRem, aRem, tRem,
  );

  const paramWarnings = parameterWarnings(p);
  const allWarnings = warnings.length === 0 ? paramWarnings.slice() : warnings.concat(paramWarnings);

  return {
    resolvedCategory: cat,
    amounts: {
      totalCost: money(total),
      outOfCatalogCost: money(ooc),
      selfPayFirstCost: money(spf),
      policyRangeCost: money(pr),
      basicInsurance: money(basic),
      criticalIllnessInsurance: money(critical),
      supplementaryInsurance: money(supp),
      medicalAssistance: money(assistance),
      tiltedAssistance: money(tiltedPay),
      outOfPocket: money(oop),
    },
    yearToDateAfter: after,
    steps: t.steps,
    warnings: allWarnings,
  };
}

function buildParameterWarnings(parameters: Readonly<Record<string, SnapshotEntry>>): Warning[] {
  const out: Warning[] = [];
  for (const key in parameters) {
    const e = parameters[key] as SnapshotEntry;
    if (e.example) {
      const shown = Array.isArray(e.value) || (typeof e.value === "object" && e.value !== null) ? JSON.stringify(e.value) : String(e.value);
      out.push({ code: "EXAMPLE_PARAMETER", key, message: `参数 ${key} 使用示例参数${shown}，示例值，非文件规定，请以当地实际标准为准` });
    } else if (e.provenance === "override") {
      out.push({ code: "OVERRIDE_USED", key, message: `参数 ${key} 使用了本次测算的调整值，结果不是按现行政策计算` });
    }
  }
  return out;
}

/** EXAMPLE_PARAMETER / OVERRIDE_USED for the parameters read, in read order; built once per shared read sequence. */
function parameterWarnings(p: ParamReader): readonly Warning[] {
  const node: ReadNode | null = p.readNode;
  if (!node) return buildParameterWarnings(p.parameters);
  let w = node.memo.warnings as readonly Warning[] | undefined;
  if (!w) {
    w = Object.freeze(buildParameterWarnings(node.params).map((x) => Object.freeze(x)));
    node.memo.warnings = w;
  }
  return w;
}

export { EngineError };
