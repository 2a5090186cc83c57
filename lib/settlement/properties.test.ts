/**
 * Property-based tests (fast-check) over random valid requests of all five policy sets
 * (settlement-contract.md "Money rules", "Order and formulas"; policy-book.md P-ID-I1).
 *
 * Every property runs with a fixed seed, so a failure reproduces: fast-check prints the seed, the
 * path and the shrunk counterexample. Caps, limits and routes are read from the policy parameters
 * (the catalogue, or the request's overrides), never hard-coded here.
 *
 * Narrowed claims (each explained where it is tested):
 *  - P-ASSIST-4 (pengshui-2023): an other-disease stay whose policy-range cost rises across
 *    `assistance.otherDisease.minPolicyRangeCost` (30,000) starts to receive regular assistance, so
 *    its out-of-pocket can fall although the cost rose; across that threshold only the weaker claim
 *    "out-of-pocket falls by at most the regular assistance newly paid" holds.
 *  - P-TILT-I1 "whole" (an override, never a set's value): tilted assistance jumps from 0 to 60% of
 *    the whole remainder at the threshold, the same kind of jump; the monotonicity properties run on
 *    the sets' own parameters (no overrides) and do not meet it.
 *  - P-ID-I1: see the priority property below.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { getPolicySet, parameterEntry } from "@/lib/policy";
import { CATEGORY_CODES, type CategoryCode, type ParamValue } from "@/lib/policy/types";
import { replay, settle, type SettlementResult, type YearToDate } from "@/lib/settlement";
import { D, type Dec } from "./decimal";

const SEED = 20240315;
/** runs per property; the whole file stays well under 20 s on a loaded 2-core machine */
const RUNS = { single: 4000, sequence: 1500, pair: 3000, replay: 500 } as const;

// ---------------------------------------------------------------------------------------------
// Policy sets and their periods. An open-ended set is sampled up to the last date every parameter
// the engine reads has a version for: national-2021's 5-year transition period (2021–2025) and the
// last year pengshui-2023's critical-illness deductible has been entered for (2026).
const OPEN_END: Record<string, string> = { "national-2021": "2025-12-31", "pengshui-2023": "2026-12-31" };
const CODES = ["cq-2018", "national-2021", "pengshui-2023", "wenzhou-2019", "jilin-2019"] as const;
type Code = (typeof CODES)[number];

function period(code: Code): { from: string; to: string } {
  const s = getPolicySet(code);
  const to = s.effectiveTo ?? OPEN_END[code];
  if (!to) throw new Error(`no sampling end for ${code}`);
  return { from: s.effectiveFrom, to };
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** A parameter as the request sees it: the override if any, else the catalogue's version on the date. */
function param(code: string, date: string, overrides: Record<string, ParamValue>, key: string): ParamValue {
  if (Object.prototype.hasOwnProperty.call(overrides, key)) return overrides[key] as ParamValue;
  return parameterEntry(code, key, date).value;
}
const decParam = (code: string, date: string, o: Record<string, ParamValue>, key: string): Dec | null => {
  const v = param(code, date, o, key);
  return v === null ? null : new D(v as string);
};

// ---------------------------------------------------------------------------------------------
// Arbitraries

const cents = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;
const toCents = (s: string) => Math.round(Number(s) * 100); // test-side only, for building requests

/** Policy-range cost in cents: small (around the deductibles), large, and the P-ASSIST-4 boundary. */
const prCents = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 500_000 }) },
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 40_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 2_999_900, max: 3_000_100 }) },
);
/** Out-of-catalogue and self-pay-first amounts in cents (often 0). */
const sideCents = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 8_000_000 }));

const costs = fc.record({ pr: prCents, ooc: sideCents, spf: sideCents });

const visitShape = fc.record({
  kind: fc.constantFrom("inpatient", "inpatient", "outpatient_special", "outpatient_general"),
  hospitalLevel: fc.constantFrom(0, 1, 2, 3),
  location: fc.constantFrom("county", "county", "city", "province", "out_of_province"),
  referral: fc.constantFrom("not_required", "not_required", "referred", "unreferred"),
  specialDisease: fc.boolean(),
  transferFromLevel: fc.oneof(fc.constant(null), fc.constantFrom(0, 1, 2, 3)),
});

type VisitShape = { kind: string; hospitalLevel: number; location: string; referral: string; specialDisease: boolean; transferFromLevel: number | null };
type Costs = { pr: number; ooc: number; spf: number };

function visitOf(v: VisitShape, c: Costs) {
  return { ...v, totalCost: cents(c.pr + c.ooc + c.spf), outOfCatalogCost: cents(c.ooc), selfPayFirstCost: cents(c.spf) };
}

/** A year-to-date amount: often 0, else up to `max` yuan (beyond the caps, to reach "remaining stops at 0"). */
const ytdAmount = (max: number) => fc.oneof(fc.constant(0), fc.integer({ min: 0, max: max * 100 })).map(cents);
const yearToDate = fc.record({
  basicPaid: ytdAmount(150_000),
  criticalBase: ytdAmount(600_000),
  criticalPaid: ytdAmount(450_000),
  supplementaryPaid: ytdAmount(60_000),
  assistancePaid: ytdAmount(120_000),
  assistanceOtherDiseasePaid: ytdAmount(80_000),
  tiltedPaid: ytdAmount(25_000),
  assistanceDeductibleMet: ytdAmount(15_000),
});

const person = fc.record({
  // several at once, in any order, including codes a set does not know (ignored with a warning)
  categories: fc.shuffledSubarray([...CATEGORY_CODES], { maxLength: 4 }),
  insuranceTier: fc.constantFrom(1, 2),
});

/** A set code and a date inside its period. */
const setAndDate = fc.constantFrom(...CODES).chain((code) => {
  const { from, to } = period(code);
  return fc.integer({ min: dayMs(from), max: dayMs(to) }).map((ms) => ({ code, date: isoDay(Math.floor(ms / DAY) * DAY) }));
});

/** What-if overrides that switch the interpretations and limits the sets keep neutral (used by the invariant properties only). */
const what = (o: Record<string, ParamValue>) => fc.constant(o);
const whatIf: fc.Arbitrary<Record<string, ParamValue>> = fc.oneof(
  { weight: 6, arbitrary: what({}) },
  { weight: 1, arbitrary: what({ "assistance.otherDiseaseLimitIsSubLimit": false }) },
  { weight: 1, arbitrary: what({ "tilted.ratioAppliesTo": "whole" }) },
  { weight: 1, arbitrary: what({ "critical.baseIncludesBasicDeductible": false }) },
  { weight: 1, arbitrary: what({ "assistance.annualLimit": "30000.00", "assistance.otherDisease.annualLimit": "20000.00", "tilted.annualLimit": "5000.00", "critical.annualCap": "50000.00" }) },
  { weight: 1, arbitrary: what({ "supplementary.categories": ["TEKUN", "DIBAO", "JIANDANG", "NONE"], "supplementary.payRatio": "0.45", "supplementary.annualCap": "10000.00" }) },
  { weight: 1, arbitrary: what({ "critical.bands": [{ upTo: "50000.00", payRatio: "0.55" }, { upTo: "150000.00", payRatio: "0.75" }, { upTo: null, payRatio: "0.98" }], "critical.tilt.deductibleFactor": "0.3333" }) },
  { weight: 1, arbitrary: what({ "assistance.deductible.DIBAO": "2500.00", "assistance.deductible.TEKUN": "800.00", "assistance.deductible.JIANDANG": "1200.00" }) },
);

const singleRequest = fc.record({ sd: setAndDate, person, visit: visitShape, costs, ytd: yearToDate, overrides: whatIf });
type Single = { sd: { code: Code; date: string }; person: { categories: CategoryCode[]; insuranceTier: number }; visit: VisitShape; costs: Costs; ytd: YearToDate; overrides: Record<string, ParamValue> };

function requestOf(x: Omit<Single, "overrides"> & { overrides?: Record<string, ParamValue> }): Record<string, unknown> {
  const r: Record<string, unknown> = { policy: x.sd.code, date: x.sd.date, person: x.person, visit: visitOf(x.visit, x.costs), yearToDate: x.ytd };
  if (x.overrides && Object.keys(x.overrides).length) r.overrides = x.overrides;
  return r;
}

const fast = (req: Record<string, unknown>): SettlementResult => settle(req, undefined, { trace: false });
const dec = (s: string) => new D(s);
const A = (r: SettlementResult) => {
  const a = r.amounts;
  return {
    total: dec(a.totalCost), ooc: dec(a.outOfCatalogCost), spf: dec(a.selfPayFirstCost), pr: dec(a.policyRangeCost),
    basic: dec(a.basicInsurance), critical: dec(a.criticalIllnessInsurance), supp: dec(a.supplementaryInsurance),
    assistance: dec(a.medicalAssistance), tilted: dec(a.tiltedAssistance), oop: dec(a.outOfPocket),
  };
};

const opts = (numRuns: number) => ({ seed: SEED, numRuns });

// ---------------------------------------------------------------------------------------------

describe("properties: one visit", () => {
  test(`the parts add up to totalCost exactly and none is negative (${RUNS.single} runs)`, () => {
    fc.assert(
      fc.property(singleRequest, (x) => {
        const a = A(fast(requestOf(x as Single)));
        expect(a.total.eq(dec(cents(x.costs.pr + x.costs.ooc + x.costs.spf)))).toBe(true);
        expect(a.pr.eq(a.total.minus(a.ooc).minus(a.spf))).toBe(true);
        const sum = a.basic.plus(a.critical).plus(a.supp).plus(a.assistance).plus(a.tilted).plus(a.oop);
        expect(sum.eq(a.total)).toBe(true);
        for (const v of [a.pr, a.basic, a.critical, a.supp, a.assistance, a.tilted, a.oop]) expect(v.isNegative()).toBe(false);
        // nothing pays out of catalogue or self-pay-first
        expect(a.oop.gte(a.ooc.plus(a.spf))).toBe(true);
        // every amount is whole fen
        for (const v of [a.basic, a.critical, a.supp, a.assistance, a.tilted, a.oop]) expect(v.decimalPlaces()).toBeLessThanOrEqual(2);
      }),
      opts(RUNS.single),
    );
  });

  test(`no tier pays more than the base it was given (${RUNS.single} runs)`, () => {
    fc.assert(
      fc.property(singleRequest, (x) => {
        const a = A(fast(requestOf(x as Single)));
        expect(a.basic.lte(a.pr)).toBe(true); // basic ≤ policy range
        const borne = a.pr.minus(a.basic);
        expect(a.critical.lte(borne)).toBe(true); // critical ≤ borne after basic
        const suppBase = borne.minus(a.critical);
        expect(a.supp.lte(suppBase)).toBe(true);
        const aBase = suppBase.minus(a.supp);
        expect(a.assistance.lte(aBase)).toBe(true); // assistance ≤ its base
        expect(a.tilted.lte(aBase.minus(a.assistance))).toBe(true); // tilted ≤ what remained
      }),
      opts(RUNS.single),
    );
  });

  test(`yearToDateAfter adds exactly this visit's payments (${RUNS.single} runs)`, () => {
    fc.assert(
      fc.property(singleRequest, (x) => {
        const r = fast(requestOf(x as Single));
        const a = A(r);
        const after = r.yearToDateAfter;
        expect(dec(after.basicPaid).eq(dec(x.ytd.basicPaid).plus(a.basic))).toBe(true);
        expect(dec(after.criticalPaid).eq(dec(x.ytd.criticalPaid).plus(a.critical))).toBe(true);
        expect(dec(after.supplementaryPaid).eq(dec(x.ytd.supplementaryPaid).plus(a.supp))).toBe(true);
        expect(dec(after.assistancePaid).eq(dec(x.ytd.assistancePaid).plus(a.assistance))).toBe(true);
        expect(dec(after.tiltedPaid).eq(dec(x.ytd.tiltedPaid).plus(a.tilted))).toBe(true);
        expect(dec(after.criticalBase).gte(dec(x.ytd.criticalBase))).toBe(true);
        const otherGrew = dec(after.assistanceOtherDiseasePaid).minus(dec(x.ytd.assistanceOtherDiseasePaid));
        expect(otherGrew.eq(0) || otherGrew.eq(a.assistance)).toBe(true);
      }),
      opts(RUNS.single),
    );
  });
});

// ---------------------------------------------------------------------------------------------

/** One person's visits in one calendar year of a set's period (dates ascending). */
const yearSequence = fc.constantFrom(...CODES).chain((code) => {
  const { from, to } = period(code);
  const y0 = Number(from.slice(0, 4));
  const y1 = Number(to.slice(0, 4));
  return fc.integer({ min: y0, max: y1 }).chain((year) => {
    const lo = Math.max(dayMs(from), dayMs(`${year}-01-01`));
    const hi = Math.min(dayMs(to), dayMs(`${year}-12-31`));
    const visit = fc.record({ shape: visitShape, costs, day: fc.integer({ min: lo / DAY, max: hi / DAY }) });
    return fc.record({
      code: fc.constant(code),
      person,
      overrides: whatIf,
      visits: fc.array(visit, { minLength: 2, maxLength: 8 }).map((vs) => [...vs].sort((p, q) => p.day - q.day)),
    });
  });
});

describe("properties: a year of visits", () => {
  test(`carrying yearToDateAfter forward never exceeds any annual cap or limit of the set (${RUNS.sequence} sequences)`, () => {
    const reached = new Set<string>(); // caps a sequence ran into exactly: the property is not vacuous
    fc.assert(
      fc.property(yearSequence, (s) => {
        const o = s.overrides;
        let ytd: YearToDate | undefined;
        for (const v of s.visits) {
          const date = isoDay(v.day * DAY);
          const req: Record<string, unknown> = { policy: s.code, date, person: s.person, visit: visitOf(v.shape as VisitShape, v.costs) };
          if (ytd) req.yearToDate = ytd;
          if (Object.keys(o).length) req.overrides = o;
          const r = fast(req);
          ytd = r.yearToDateAfter;
          const cat = r.resolvedCategory;
          const P = (key: string) => param(s.code, date, o, key);
          const limit = (key: string) => decParam(s.code, date, o, key);
          const within = (paid: string, cap: Dec | null, what: string) => {
            if (cap !== null && dec(paid).gt(cap)) throw new Error(`${what}: ${paid} > ${cap.toFixed(2)} (${s.code}, ${cat})`);
            if (cap !== null && !cap.isZero() && dec(paid).eq(cap)) reached.add(what);
          };
          // basic: one cap per tier
          within(ytd.basicPaid, limit(`basic.annualCap.tier${s.person.insuranceTier}`), "basic.annualCap");
          // critical: the general cap unless the category has none (P-CRIT-3/4/5)
          const tiltCats = P("critical.tilt.categories") as string[];
          const noCap = (tiltCats.includes(cat) && P("critical.tilt.noCap") === true) || (P("critical.noCap.categories") as string[]).includes(cat);
          if (!noCap) within(ytd.criticalPaid, limit("critical.annualCap"), "critical.annualCap");
          within(ytd.supplementaryPaid, limit("supplementary.annualCap"), "supplementary.annualCap");
          // assistance: the annual limit and the other-disease limit (sub-limit or separate, P-ASSIST-I1)
          const annual = limit("assistance.annualLimit");
          const other = limit("assistance.otherDisease.annualLimit");
          within(ytd.assistanceOtherDiseasePaid, other, "assistance.otherDisease.annualLimit");
          if (other === null || P("assistance.otherDiseaseLimitIsSubLimit") === true) within(ytd.assistancePaid, annual, "assistance.annualLimit");
          else within(cents(toCents(ytd.assistancePaid) - toCents(ytd.assistanceOtherDiseasePaid)), annual, "assistance.annualLimit (special route)");
          expect(dec(ytd.assistanceOtherDiseasePaid).lte(dec(ytd.assistancePaid))).toBe(true);
          // tilted assistance: its own limit, never counted against assistance (P-TILT-2)
          within(ytd.tiltedPaid, limit("tilted.annualLimit"), "tilted.annualLimit");
          // the annual assistance deductible is never met beyond itself
          expect(dec(ytd.assistanceDeductibleMet).lte(dec(P(`assistance.deductible.${cat}`) as string))).toBe(true);
        }
      }),
      opts(RUNS.sequence),
    );
    expect([...reached].sort()).toEqual([
      "assistance.annualLimit", "assistance.annualLimit (special route)", "assistance.otherDisease.annualLimit",
      "basic.annualCap", "critical.annualCap", "supplementary.annualCap", "tilted.annualLimit",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

/** The sets' own parameters (no overrides): the monotonicity claims are about the policy as written. */
const plainRequest = fc.record({ sd: setAndDate, person, visit: visitShape, costs, ytd: yearToDate });
const raise = fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 10_000_000 }));

describe("properties: monotonicity", () => {
  test(`raising totalCost (out-of-catalogue and self-pay-first fixed) never lowers out-of-pocket, except across the P-ASSIST-4 route threshold (${RUNS.pair} runs)`, () => {
    let crossed = 0;
    fc.assert(
      fc.property(plainRequest, raise, (x, delta) => {
        const lo = fast(requestOf(x as Single));
        const hi = fast(requestOf({ ...(x as Single), costs: { ...x.costs, pr: x.costs.pr + delta } }));
        const a = A(lo);
        const b = A(hi);
        // P-ASSIST-4 (pengshui-2023): a non-special stay whose policy-range cost rises from at most
        // the route minimum to above it starts to receive regular assistance (80%/70%), so the
        // person can pay less for a dearer stay. That is the document's own cliff ("超过3万元"), not a
        // bug. Across it the narrower claim holds: out-of-pocket falls by at most the regular
        // assistance the dearer stay newly receives (the other tiers alone stay monotone).
        const min = decParam(x.sd.code, x.sd.date, {}, "assistance.otherDisease.minPolicyRangeCost");
        const special = x.visit.specialDisease || x.visit.kind === "outpatient_special";
        if (!special && min !== null && a.pr.lte(min) && b.pr.gt(min)) {
          crossed++;
          expect(b.oop.plus(b.assistance).gte(a.oop)).toBe(true);
          return;
        }
        expect(b.oop.gte(a.oop)).toBe(true);
        // and the extra cost is never more than fully passed on
        expect(b.oop.minus(a.oop).lte(b.total.minus(a.total))).toBe(true);
      }),
      opts(RUNS.pair),
    );
    expect(crossed).toBeGreaterThan(0); // the narrowed case is exercised, not just skipped
  });

  test("P-ASSIST-4 the cliff exists: 30,000.00 → 30,000.01 of policy range lowers DIBAO's out-of-pocket", () => {
    const at = (pr: string) =>
      settle({ policy: "pengshui-2023", date: "2024-03-15", person: { categories: ["DIBAO"], insuranceTier: 1 }, visit: { kind: "inpatient", hospitalLevel: 2, location: "county", referral: "not_required", totalCost: pr } });
    const lo = at("30000.00");
    const hi = at("30000.01");
    // 30000.00: basic (30000 − 300) × 0.70 = 20790.00; borne 9210.00; critical (9210 − 9000) × 0.65 = 136.50;
    // base 9073.50, not above 30000 → no regular assistance; tilted (9073.50 − 4000) × 0.60 = 3044.10; oop 6029.40
    expect(lo.amounts).toMatchObject({ medicalAssistance: "0.00", tiltedAssistance: "3044.10", outOfPocket: "6029.40" });
    // 30000.01: basic 20790.01 (20790.007 half-up); critical 136.50; base 9073.50 × 0.80 = 7258.80; remaining 1814.70 < 4000; oop 1814.70
    expect(hi.amounts).toMatchObject({ medicalAssistance: "7258.80", tiltedAssistance: "0.00", outOfPocket: "1814.70" });
  });

  test(`raising out-of-catalogue or self-pay-first (policy range fixed) raises out-of-pocket by exactly that amount (${RUNS.pair} runs)`, () => {
    fc.assert(
      fc.property(plainRequest, raise, fc.boolean(), (x, delta, which) => {
        const c2 = which ? { ...x.costs, ooc: x.costs.ooc + delta } : { ...x.costs, spf: x.costs.spf + delta };
        const a = A(fast(requestOf(x as Single)));
        const b = A(fast(requestOf({ ...(x as Single), costs: c2 })));
        expect(b.oop.minus(a.oop).eq(dec(cents(delta)))).toBe(true);
      }),
      opts(RUNS.pair),
    );
  });

  test(`moving money from the policy range into out-of-catalogue or self-pay-first (total fixed) never lowers out-of-pocket (${RUNS.pair} runs)`, () => {
    fc.assert(
      fc.property(plainRequest, fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (x, m0, which) => {
        const m = Math.min(m0, x.costs.pr);
        fc.pre(m > 0);
        const c2 = which ? { pr: x.costs.pr - m, ooc: x.costs.ooc + m, spf: x.costs.spf } : { pr: x.costs.pr - m, ooc: x.costs.ooc, spf: x.costs.spf + m };
        const a = A(fast(requestOf(x as Single)));
        const b = A(fast(requestOf({ ...(x as Single), costs: c2 })));
        expect(b.total.eq(a.total)).toBe(true);
        expect(b.oop.gte(a.oop)).toBe(true);
      }),
      opts(RUNS.pair),
    );
  });
});

// ---------------------------------------------------------------------------------------------

/** Two categories of one set, the first ranked strictly higher by its categoryPriority (P-ID-I1). */
const rankedPair = fc.record({ sd: setAndDate, person, visit: visitShape, costs, ytd: yearToDate, i: fc.nat(99), k: fc.nat(99) }).map(({ i, k, ...x }) => {
  const priority = param(x.sd.code, x.sd.date, {}, "categoryPriority") as CategoryCode[];
  const hiAt = i % (priority.length - 1);
  const loAt = hiAt + 1 + (k % (priority.length - 1 - hiAt));
  return { x, hi: priority[hiAt] as CategoryCode, lo: priority[loAt] as CategoryCode };
});

/** Whether a category has no critical-illness cap under a set's parameters (P-CRIT-3/4/5). */
function noCriticalCap(code: string, date: string, o: Record<string, ParamValue>, cat: CategoryCode): boolean {
  const P = (key: string) => param(code, date, o, key);
  return ((P("critical.tilt.categories") as string[]).includes(cat) && P("critical.tilt.noCap") === true) || (P("critical.noCap.categories") as string[]).includes(cat);
}

describe("properties: category priority (P-ID-I1)", () => {
  test(`a higher-priority category never pays more out-of-pocket than a lower one on the same visit and year-to-date (${RUNS.pair} runs)`, () => {
    let capCases = 0;
    fc.assert(
      fc.property(rankedPair, ({ x, hi, lo }) => {
        const at = (c: CategoryCode) => fast(requestOf({ ...(x as Single), person: { ...x.person, categories: [c] } }));
        const h = at(hi);
        const l = at(lo);
        expect(h.resolvedCategory).toBe(hi);
        expect(l.resolvedCategory).toBe(lo);
        const a = A(h);
        const b = A(l);
        // wenzhou-2019 P-CRIT-4 removes the critical-illness cap for JIANDANG (建档立卡) only, while
        // TEKUN, DIBAO, DIBIAN and YINBING rank above JIANDANG (they are more favourable on every
        // other parameter: assistance, supplementary). The order is one list (P-ID-I1 requires
        // only that no category ranks above another that dominates it on every parameter), so
        // once a higher category's cap binds, the lower, uncapped one can get more critical-illness
        // insurance than the higher one gets in total. That is the policy as written, not an
        // engine bug. The narrower claim there: the higher category pays at most the extra
        // critical-illness insurance the uncapped one received more out-of-pocket.
        if (noCriticalCap(x.sd.code, x.sd.date, {}, lo) && !noCriticalCap(x.sd.code, x.sd.date, {}, hi)) {
          capCases++;
          expect(a.oop.minus(b.oop).lte(b.critical.minus(a.critical).abs())).toBe(true);
          if (b.critical.eq(a.critical)) expect(a.oop.lte(b.oop)).toBe(true);
          return;
        }
        expect(a.oop.lte(b.oop)).toBe(true);
      }),
      opts(RUNS.pair),
    );
    expect(capCases).toBeGreaterThan(0);
  });

  test("wenzhou-2019 P-CRIT-4: with the critical-illness cap used up, JIANDANG (no cap) can pay less than TEKUN", () => {
    const at = (c: CategoryCode) =>
      settle({
        policy: "wenzhou-2019", date: "2020-06-01", person: { categories: [c], insuranceTier: 1 },
        visit: { kind: "inpatient", hospitalLevel: 3, location: "county", referral: "unreferred", totalCost: "100000.00" },
        yearToDate: { criticalPaid: "400000.00", criticalBase: "800000.00" },
      }).amounts;
    // basic (100000 − 800) × 0.50 = 49600.00; borne 50400.00 (unreferred: no assistance for either)
    // TEKUN: cap used up → critical 0; supplementary 50400 × 0.50 = 25200.00; oop 100000 − 49600 − 25200 = 25200.00
    // JIANDANG: no cap, base 800000 → 850400 (above D 12500), ratio 0.65: 50400 × 0.65 = 32760.00;
    //   supplementary (50400 − 32760) × 0.50 = 8820.00; oop 100000 − 49600 − 32760 − 8820 = 8820.00
    expect(at("TEKUN")).toMatchObject({ criticalIllnessInsurance: "0.00", supplementaryInsurance: "25200.00", outOfPocket: "25200.00" });
    expect(at("JIANDANG")).toMatchObject({ criticalIllnessInsurance: "32760.00", supplementaryInsurance: "8820.00", outOfPocket: "8820.00" });
  });

  test(`holding several categories settles exactly as the highest-ranked known one alone (${RUNS.pair} runs)`, () => {
    fc.assert(
      fc.property(plainRequest, (x) => {
        const many = fast(requestOf(x as Single));
        const alone = fast(requestOf({ ...(x as Single), person: { ...x.person, categories: [many.resolvedCategory] } }));
        expect(alone.amounts).toEqual(many.amounts);
        expect(alone.yearToDateAfter).toEqual(many.yearToDateAfter);
      }),
      opts(RUNS.pair),
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe("properties: trace and receipt", () => {
  test(`the trace changes nothing but the steps, and the stored receipt replays identically (${RUNS.replay} runs)`, () => {
    fc.assert(
      fc.property(singleRequest, (x) => {
        const req = requestOf(x as Single);
        const full = settle(req);
        const bare = fast(req);
        expect(bare.steps).toEqual([]);
        expect({ ...bare, steps: full.steps }).toEqual(full);
        expect(full.steps.map((s) => s.tier)).toEqual([
          "policyRange", "category", "basicInsurance", "criticalIllnessInsurance", "supplementaryInsurance", "medicalAssistance", "tiltedAssistance", "outOfPocket",
        ]);
        const again = replay(JSON.parse(JSON.stringify(full.receipt)));
        expect(JSON.stringify(again)).toBe(JSON.stringify(full));
      }),
      opts(RUNS.replay),
    );
  });
});
