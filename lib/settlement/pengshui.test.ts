/**
 * pengshui-2023, rule by rule. Example values (policy-book.md): deductible level0/1/2/3 =
 * 100/100/300/800, tier-1 ratios 0.80/0.80/0.70/0.50 (tier 2 +0.05), outpatient special 0/0.70,
 * general 0/0.50, location cut city 0 / province 0.10 / out of province 0.20, caps 80000/120000;
 * critical deductible 18000 (tilt ×0.5 = 9000), one band 0.60 (tilt +0.05 = 0.65), cap 400000.
 */
import { describe, expect, test } from "vitest";
import { settle, settleSubsidy, type SettlementResult } from "@/lib/settlement";
import { CONTRACT_EXAMPLE, request, type RequestInput } from "./testing/requests";

const amounts = (x: RequestInput) => settle(request(x)).amounts;
const stepOf = (r: SettlementResult, tier: string) => r.steps.find((s) => s.tier === tier);

describe("pengshui-2023 full worked example (contract request)", () => {
  test("P-BASIC-1 P-BASIC-2 P-CRIT-3 P-ASSIST-4 P-TILT-2: DIBAO + YOUFU, level-2 inpatient, 120000/15000/5000", () => {
    const r = settle(CONTRACT_EXAMPLE);
    // category: DIBAO ranks above YOUFU (P-ID-I1) → DIBAO
    expect(r.resolvedCategory).toBe("DIBAO");
    // policy range = 120000 − 15000 − 5000 = 100000
    expect(r.amounts.policyRangeCost).toBe("100000.00");
    // basic = min((100000 − 300) × 0.70, 80000) = 69790.00
    expect(r.amounts.basicInsurance).toBe("69790.00");
    // borne after basic = 30210; D = 18000 × 0.5 = 9000; ratio 0.60 + 0.05 = 0.65; no cap
    // critical = (30210 − 9000) × 0.65 = 21210 × 0.65 = 13786.50
    expect(r.amounts.criticalIllnessInsurance).toBe("13786.50");
    expect(r.amounts.supplementaryInsurance).toBe("0.00");
    // assistance base = 100000 − 69790 − 13786.50 = 16423.50; other disease: level 2, 100000 > 30000 → 80%
    // 16423.50 × 0.80 = 13138.80 (limits min(100000, 60000) not reached)
    expect(r.amounts.medicalAssistance).toBe("13138.80");
    // remaining = 16423.50 − 13138.80 = 3284.70 < 4000 (DIBAO threshold) → 0
    expect(r.amounts.tiltedAssistance).toBe("0.00");
    // out of pocket = 120000 − 69790 − 13786.50 − 0 − 13138.80 − 0 = 23284.70
    expect(r.amounts.outOfPocket).toBe("23284.70");
    expect(r.yearToDateAfter).toEqual({
      basicPaid: "69790.00",
      criticalBase: "30210.00",
      criticalPaid: "13786.50",
      supplementaryPaid: "0.00",
      assistancePaid: "13138.80",
      assistanceOtherDiseasePaid: "13138.80",
      tiltedPaid: "0.00",
      assistanceDeductibleMet: "0.00",
    });
    expect(r.policy).toMatchObject({ code: "pengshui-2023", document: "彭水府办发〔2023〕52号" });
    const basic = stepOf(r, "basicInsurance");
    expect(basic).toMatchObject({ ruleId: "P-BASIC-2", result: "69790.00", provenance: "local" });
    expect(basic?.formula).toBe("min((100000.00 − 300.00) × 70%, 剩余年度限额80000.00)");
    expect(basic?.inputs).toMatchObject({ policyRangeCost: "100000.00", deductible: "300.00", payRatio: "0.70" });
    expect(basic?.explanation).toContain("示例值，非文件规定");
    expect(stepOf(r, "criticalIllnessInsurance")).toMatchObject({ ruleId: "P-CRIT-3", result: "13786.50" });
    expect(stepOf(r, "medicalAssistance")).toMatchObject({ ruleId: "P-ASSIST-4", result: "13138.80" });
    expect(stepOf(r, "tiltedAssistance")?.explanation).toContain("未达到倾斜救助起付线4000.00元");
    expect(r.steps.map((s) => s.tier)).toEqual([
      "policyRange", "category", "basicInsurance", "criticalIllnessInsurance", "supplementaryInsurance",
      "medicalAssistance", "tiltedAssistance", "outOfPocket",
    ]);
    for (const s of r.steps) {
      expect(s.citation.document).not.toBe("");
      expect(s.explanation).not.toBe("");
    }
    expect(r.warnings.filter((w) => w.code === "EXAMPLE_PARAMETER").map((w) => w.key)).toEqual([
      "basic.deductible.level2", "basic.payRatio.tier1.level2", "basic.annualCap.tier1", "critical.deductible", "critical.bands",
    ]);
    expect(r.warnings[0]?.message).toContain("示例参数");
  });
});

describe("P-BASIC: basic insurance", () => {
  test.each([
    // [label, visit, tier, expected basic]
    ["P-BASIC-2 level 3: (10000 − 800) × 0.50 = 4600.00", { hospitalLevel: 3, totalCost: "10000.00" }, 1, "4600.00"],
    ["P-BASIC-2 level 0, tier 2: (1000 − 100) × 0.85 = 765.00", { hospitalLevel: 0, totalCost: "1000.00" }, 2, "765.00"],
    ["P-BASIC-2 outpatient special: (2000 − 0) × 0.70 = 1400.00", { kind: "outpatient_special", totalCost: "2000.00" }, 1, "1400.00"],
    ["P-BASIC-2 outpatient general, tier 2: 300 × 0.55 = 165.00", { kind: "outpatient_general", totalCost: "300.00" }, 2, "165.00"],
    ["P-BASIC-2 deductible not reached: 250 ≤ 300 → 0.00", { totalCost: "250.00" }, 1, "0.00"],
    ["P-BASIC-2 province: (10000 − 300) × (0.70 − 0.10) = 5820.00", { location: "province", totalCost: "10000.00" }, 1, "5820.00"],
    ["P-BASIC-2 out of province: (10000 − 300) × (0.70 − 0.20) = 4850.00", { location: "out_of_province", totalCost: "10000.00" }, 1, "4850.00"],
    ["P-BASIC-2 city: cut 0.00 → (10000 − 300) × 0.70 = 6790.00", { location: "city", totalCost: "10000.00" }, 1, "6790.00"],
  ] as const)("%s", (_label, visit, tier, expected) => {
    expect(amounts({ categories: [], visit, insuranceTier: tier }).basicInsurance).toBe(expected);
  });

  test("P-BASIC-1 out-of-catalogue and self-pay-first are never paid: policy range = 10000 − 2000 − 1000 = 7000", () => {
    // basic = (7000 − 300) × 0.70 = 4690.00; NONE: no assistance → out of pocket = 10000 − 4690 = 5310.00
    const a = amounts({ categories: [], visit: { totalCost: "10000.00", outOfCatalogCost: "2000.00", selfPayFirstCost: "1000.00" } });
    expect(a.policyRangeCost).toBe("7000.00");
    expect(a.basicInsurance).toBe("4690.00");
    expect(a.outOfPocket).toBe("5310.00");
  });

  test("P-BASIC-2 deductible not reached: the step says why", () => {
    const r = settle(request({ categories: [], visit: { totalCost: "250.00" } }));
    expect(stepOf(r, "basicInsurance")?.explanation).toContain("未超过起付线300.00元");
  });

  test.each([
    // annual cap 80000 (tier 1): raw (10000 − 300) × 0.70 = 6790
    ["79000 paid → remaining 1000 → 1000.00", "79000.00", "1000.00"],
    ["80000 paid → remaining 0 → 0.00", "80000.00", "0.00"],
    ["90000 paid (inconsistent) → remaining stops at 0 → 0.00", "90000.00", "0.00"],
  ])("P-BASIC-2 annual cap: %s", (_l, paid, expected) => {
    const r = settle(request({ categories: [], visit: { totalCost: "10000.00" }, yearToDate: { basicPaid: paid } }));
    expect(r.amounts.basicInsurance).toBe(expected);
  });

  test("P-BASIC-4 no category tilt in basic insurance: DIBAO and NONE get the same basic payment", () => {
    // both: (10000 − 300) × 0.70 = 6790.00
    expect(amounts({ categories: ["TEKUN"], visit: { totalCost: "10000.00" } }).basicInsurance).toBe("6790.00");
    expect(amounts({ categories: [], visit: { totalCost: "10000.00" } }).basicInsurance).toBe("6790.00");
  });

  test.each([
    // referred inpatient from level 1 to level 3 in the province: deductible 800 − 100 = 700, ratio 0.50 − 0.10 = 0.40
    ["P-BASIC-5 DIBAO referred 1→3 (province): (20000 − 700) × 0.40 = 7720.00", ["DIBAO"], { location: "province" }, "7720.00"],
    ["P-BASIC-5 NONE is not a low-income person: (20000 − 800) × 0.40 = 7680.00", [], { location: "province" }, "7680.00"],
    ["P-BASIC-5 JIANCE referred 1→3 in the county: (20000 − 700) × 0.50 = 9650.00", ["JIANCE"], { location: "county" }, "9650.00"],
    ["P-BASIC-5 out of province: no continuity: (20000 − 800) × 0.30 = 5760.00", ["DIBAO"], { location: "out_of_province" }, "5760.00"],
  ] as const)("%s", (_l, categories, visit, expected) => {
    const r = settle(request({ categories: [...categories], visit: { hospitalLevel: 3, referral: "referred", transferFromLevel: 1, totalCost: "20000.00", ...visit } }));
    expect(r.amounts.basicInsurance).toBe(expected);
  });

  test("P-BASIC-5 referred from a higher level: max(0, 300 − 800) = 0 → 20000 × 0.70 = 14000.00", () => {
    const r = settle(request({ visit: { referral: "referred", transferFromLevel: 3, location: "city", totalCost: "20000.00" } }));
    expect(r.amounts.basicInsurance).toBe("14000.00");
    expect(stepOf(r, "basicInsurance")?.ruleId).toBe("P-BASIC-5");
  });

  test("P-BASIC-3 what-if: switching the cq-2018 tilt on under pengshui by overrides", () => {
    // deductible 300 × 0.5 = 150, ratio 0.70 + 0.10 = 0.80 → basic = (100000 − 150) × 0.80 = 79880.00 (cap 80000)
    // borne 20120 → critical (20120 − 9000) × 0.65 = 7228.00
    // assistance (20120 − 7228) × 0.80 = 12892 × 0.80 = 10313.60; remaining 2578.40 < 4000 → tilted 0
    // out of pocket = 120000 − 79880 − 7228 − 10313.60 = 22578.40
    const r = settle({
      ...CONTRACT_EXAMPLE,
      overrides: {
        "basic.tilt.categories": ["DIBAO"],
        "basic.tilt.deductibleFactor": "0.5",
        "basic.tilt.ratioPoints": "0.10",
        "basic.tilt.hospitalLevels": [0, 1, 2],
        "basic.tilt.locations": ["county"],
      },
    });
    expect(r.amounts).toMatchObject({
      basicInsurance: "79880.00",
      criticalIllnessInsurance: "7228.00",
      medicalAssistance: "10313.60",
      tiltedAssistance: "0.00",
      outOfPocket: "22578.40",
    });
    expect(stepOf(r, "basicInsurance")).toMatchObject({ ruleId: "P-BASIC-3", provenance: "override" });
    expect(r.policy.parameterVersion).toMatch(/\+overrides\.[0-9a-f]{8}$/);
    expect(r.warnings.some((w) => w.code === "OVERRIDE_USED" && w.key === "basic.tilt.categories")).toBe(true);
  });
});

describe("P-CRIT: critical-illness insurance", () => {
  test("P-CRIT-3 tilted categories have no cap: DIBAO with 399000 already paid still gets (50400 − 9000) × 0.65 = 26910.00", () => {
    // level 3: basic (100000 − 800) × 0.50 = 49600; borne 50400
    const r = amounts({ categories: ["DIBAO"], visit: { hospitalLevel: 3 }, yearToDate: { criticalPaid: "399000.00" } });
    expect(r.criticalIllnessInsurance).toBe("26910.00");
  });

  test("P-CRIT-6 untilted: cap 400000 (示例值): NONE with 399000 paid: min((50400 − 18000) × 0.60 = 19440, 1000) = 1000.00", () => {
    expect(amounts({ categories: [], visit: { hospitalLevel: 3 } }).criticalIllnessInsurance).toBe("19440.00");
    expect(amounts({ categories: [], visit: { hospitalLevel: 3 }, yearToDate: { criticalPaid: "399000.00" } }).criticalIllnessInsurance).toBe("1000.00");
    expect(amounts({ categories: [], visit: { hospitalLevel: 3 }, yearToDate: { criticalPaid: "450000.00" } }).criticalIllnessInsurance).toBe("0.00");
  });

  test.each([
    // NONE, level 2, 20000: basic (20000 − 300) × 0.70 = 13790; borne 6210
    ["base 10000 → 16210 stays under 18000 → 0.00", "10000.00", "0.00", "16210.00"],
    ["base 15000 → 21210: (21210 − 18000) × 0.60 − 0 = 1926.00", "15000.00", "1926.00", "21210.00"],
    ["base 20000 → 26210: (26210 − 18000) × 0.60 − (20000 − 18000) × 0.60 = 4926 − 1200 = 3726.00", "20000.00", "3726.00", "26210.00"],
  ])("P-CRIT-6 cumulative deductible once a year: %s", (_l, baseBefore, expected, baseAfter) => {
    const r = settle(request({ categories: [], visit: { totalCost: "20000.00" }, yearToDate: { criticalBase: baseBefore } }));
    expect(r.amounts.criticalIllnessInsurance).toBe(expected);
    expect(r.yearToDateAfter.criticalBase).toBe(baseAfter);
  });

  test("P-CRIT-I1 on (default) vs off: the basic deductible counts toward the base", () => {
    // NONE level 2, 100000: basic 69790, borne 30210
    // on:  (30210 − 18000) × 0.60 = 7326.00
    // off: base = 30210 − 300 = 29910 → (29910 − 18000) × 0.60 = 7146.00
    expect(amounts({ categories: [] }).criticalIllnessInsurance).toBe("7326.00");
    const off = settle(request({ categories: [], overrides: { "critical.baseIncludesBasicDeductible": false } }));
    expect(off.amounts.criticalIllnessInsurance).toBe("7146.00");
    expect(off.yearToDateAfter.criticalBase).toBe("29910.00");
  });

  test("P-CRIT-I2 general outpatient does not count: critical 0, base unchanged; special outpatient counts", () => {
    // general: basic 50000 × 0.50 = 25000; critical 0; base stays 20000
    const g = settle(request({ categories: [], visit: { kind: "outpatient_general", totalCost: "50000.00" }, yearToDate: { criticalBase: "20000.00" } }));
    expect(g.amounts.criticalIllnessInsurance).toBe("0.00");
    expect(g.yearToDateAfter.criticalBase).toBe("20000.00");
    expect(stepOf(g, "criticalIllnessInsurance")?.ruleId).toBe("P-CRIT-I2");
    // special, DIBAO: basic 40000 × 0.70 = 28000; borne 12000; (12000 − 9000) × 0.65 = 1950.00
    const s = settle(request({ visit: { kind: "outpatient_special", totalCost: "40000.00" } }));
    expect(s.amounts.criticalIllnessInsurance).toBe("1950.00");
    expect(s.yearToDateAfter.criticalBase).toBe("12000.00");
  });
});

describe("P-ASSIST: medical assistance", () => {
  test.each([
    // outpatient special, 1000: basic 1000 × 0.70 = 700; borne 300 < any critical deductible → 0
    // assistance = 300 × ratio; remaining 60 / 90 is under every tilted threshold
    ["P-ASSIST-3 TEKUN 80%: 300 × 0.80 = 240.00", "TEKUN", "240.00"],
    ["P-ASSIST-3 DIBAO 80%: 300 × 0.80 = 240.00", "DIBAO", "240.00"],
    ["P-ASSIST-3 FANPIN 80%: 300 × 0.80 = 240.00", "FANPIN", "240.00"],
    ["P-ASSIST-3 DIBIAN 70%: 300 × 0.70 = 210.00", "DIBIAN", "210.00"],
    ["P-ASSIST-3 JIANCE 70%: 300 × 0.70 = 210.00", "JIANCE", "210.00"],
    ["P-ASSIST-3 YINBING 70%: 300 × 0.70 = 210.00", "YINBING", "210.00"],
    ["P-ASSIST-I2 YOUFU is 其他救助对象 70%: 300 × 0.70 = 210.00", "YOUFU", "210.00"],
    ["P-ASSIST-I2 ZHONGCAN is 其他救助对象 70%: 300 × 0.70 = 210.00", "ZHONGCAN", "210.00"],
    ["P-ASSIST-3 NONE is not assisted: 0.00", "NONE", "0.00"],
  ])("%s", (_l, category, expected) => {
    const r = settle(request({ categories: [category], visit: { kind: "outpatient_special", totalCost: "1000.00" } }));
    expect(r.amounts.medicalAssistance).toBe(expected);
  });

  test("P-ASSIST-1 the base includes what fell under the insurance deductibles", () => {
    // DIBAO special outpatient 1000: basic 700, critical 0 (300 < 9000): the 300 is assisted at 80% = 240.00
    const r = settle(request({ visit: { kind: "outpatient_special", totalCost: "1000.00" } }));
    expect(r.steps.find((s) => s.tier === "medicalAssistance")?.inputs.base).toBe("300.00");
    expect(r.amounts.outOfPocket).toBe("60.00");
  });

  test("P-ASSIST-2 no annual assistance deductible: assisted from the first yuan, nothing is recorded as met", () => {
    const r = settle(request({ visit: { kind: "outpatient_special", totalCost: "1000.00" } }));
    expect(r.amounts.medicalAssistance).toBe("240.00");
    expect(r.yearToDateAfter.assistanceDeductibleMet).toBe("0.00");
  });

  test.each([
    ["99900 paid → min(240, 100) = 100.00", "99900.00", "100.00"],
    ["100000 paid → 0.00", "100000.00", "0.00"],
    ["120000 paid (inconsistent) → remaining stops at 0 → 0.00", "120000.00", "0.00"],
  ])("P-ASSIST-3 annual limit 100000: %s", (_l, paid, expected) => {
    const r = settle(request({ visit: { kind: "outpatient_special", totalCost: "1000.00" }, yearToDate: { assistancePaid: paid } }));
    expect(r.amounts.medicalAssistance).toBe(expected);
  });

  test("P-ASSIST-4 other disease: 30000.01 > 30000 at level 2 qualifies (and shows the rounding of each tier)", () => {
    // basic = (30000.01 − 300) × 0.70 = 20790.007 → 20790.01 (half-up, once)
    // borne = 30000.01 − 20790.01 = 9210.00 → critical (9210 − 9000) × 0.65 = 136.50
    // assistance (9210 − 136.50) × 0.80 = 9073.50 × 0.80 = 7258.80; remaining 1814.70 < 4000
    const a = amounts({ visit: { totalCost: "30000.01" } });
    expect(a).toMatchObject({ basicInsurance: "20790.01", criticalIllnessInsurance: "136.50", medicalAssistance: "7258.80", tiltedAssistance: "0.00", outOfPocket: "1814.70" });
  });

  test("P-ASSIST-4 exactly 30000 does not exceed 30000: no regular assistance, tilted assistance still applies", () => {
    // basic (30000 − 300) × 0.70 = 20790; borne 9210; critical 136.50; base 9073.50; assistance 0 (route)
    // tilted: 9073.50 ≥ 4000 → (9073.50 − 4000) × 0.60 = 3044.10; out of pocket 30000 − 20790 − 136.50 − 3044.10 = 6029.40
    const r = settle(request({ visit: { totalCost: "30000.00" } }));
    expect(r.amounts).toMatchObject({ medicalAssistance: "0.00", tiltedAssistance: "3044.10", outOfPocket: "6029.40" });
    expect(r.steps.find((s) => s.tier === "medicalAssistance")?.explanation).toContain("须超过30000.00元");
  });

  test("P-ASSIST-4 other disease in a level-1 hospital: route not met, the step says why", () => {
    const r = settle(request({ visit: { hospitalLevel: 1 } }));
    expect(r.amounts.medicalAssistance).toBe("0.00");
    expect(r.steps.find((s) => s.tier === "medicalAssistance")).toMatchObject({ ruleId: "P-ASSIST-4", result: "0.00" });
    expect(r.steps.find((s) => s.tier === "medicalAssistance")?.explanation).toContain("二级及以上医院");
  });

  test("P-ASSIST-4 other-disease limit 60000: 59000 already paid → min(13138.80, 1000) = 1000.00", () => {
    const r = settle({ ...CONTRACT_EXAMPLE, yearToDate: { assistancePaid: "59000.00", assistanceOtherDiseasePaid: "59000.00" } });
    expect(r.amounts.medicalAssistance).toBe("1000.00");
    expect(r.yearToDateAfter.assistanceOtherDiseasePaid).toBe("60000.00");
    expect(r.yearToDateAfter.assistancePaid).toBe("60000.00");
  });

  test("P-ASSIST-5 outpatient and inpatient share the limit: 95000 used by outpatient leaves 5000 for a special-disease stay", () => {
    // special-disease inpatient: same tiers as the example → 16423.50 × 0.80 = 13138.80 → min(…, 100000 − 95000) = 5000.00
    const r = settle({ ...CONTRACT_EXAMPLE, visit: { ...(CONTRACT_EXAMPLE.visit as object), specialDisease: true }, yearToDate: { assistancePaid: "95000.00" } });
    expect(r.amounts.medicalAssistance).toBe("5000.00");
    expect(r.yearToDateAfter.assistanceOtherDiseasePaid).toBe("0.00");
  });

  test.each([
    // assistancePaid 95000 of which other disease 50000; example visit wants 13138.80
    ["on, other route: min(100000 − 95000, 60000 − 50000) = 5000.00", true, false, "5000.00"],
    ["off, other route: 60000 − 50000 = 10000.00", false, false, "10000.00"],
    ["on, special route: 100000 − 95000 = 5000.00", true, true, "5000.00"],
    ["off, special route: 100000 − (95000 − 50000) = 55000 → 13138.80", false, true, "13138.80"],
  ])("P-ASSIST-I1 sub-limit %s", (_l, sub, special, expected) => {
    const r = settle({
      ...CONTRACT_EXAMPLE,
      visit: { ...(CONTRACT_EXAMPLE.visit as object), specialDisease: special },
      yearToDate: { assistancePaid: "95000.00", assistanceOtherDiseasePaid: "50000.00" },
      overrides: sub ? {} : { "assistance.otherDiseaseLimitIsSubLimit": false },
    });
    expect(r.amounts.medicalAssistance).toBe(expected);
  });

  test("P-ASSIST-6 P-ASSIST-I3 unreferred: insurance pays, assistance and tilted assistance do not", () => {
    // basic 69790 and critical 13786.50 as in the example; out of pocket = 120000 − 69790 − 13786.50 = 36423.50
    const r = settle({ ...CONTRACT_EXAMPLE, visit: { ...(CONTRACT_EXAMPLE.visit as object), referral: "unreferred" } });
    expect(r.amounts).toMatchObject({ basicInsurance: "69790.00", criticalIllnessInsurance: "13786.50", medicalAssistance: "0.00", tiltedAssistance: "0.00", outOfPocket: "36423.50" });
    expect(r.steps.find((s) => s.tier === "medicalAssistance")).toMatchObject({ ruleId: "P-ASSIST-6", result: "0.00" });
    expect(r.steps.find((s) => s.tier === "medicalAssistance")?.explanation).toContain("未按规定转诊");
    expect(r.steps.find((s) => s.tier === "tiltedAssistance")?.ruleId).toBe("P-ASSIST-I3");
  });

  test("P-ASSIST-I3 referred (even out of the county) is assisted like not_required", () => {
    const referred = settle({ ...CONTRACT_EXAMPLE, visit: { ...(CONTRACT_EXAMPLE.visit as object), referral: "referred" } });
    expect(referred.amounts.medicalAssistance).toBe("13138.80");
  });
});

describe("P-TILT: tilted assistance", () => {
  // general outpatient, level 0: basic = PR × 0.50, no critical (P-CRIT-I2), no regular assistance
  // (other-disease route needs an inpatient stay) → remaining = PR × 0.50
  test.each([
    ["P-TILT-2 TEKUN 3000: (6000 − 3000) × 0.60 = 1800.00", "TEKUN", "12000.00", "1800.00"],
    ["P-TILT-2 DIBAO 4000: (6000 − 4000) × 0.60 = 1200.00", "DIBAO", "12000.00", "1200.00"],
    ["P-TILT-2 FANPIN 4000: (6000 − 4000) × 0.60 = 1200.00", "FANPIN", "12000.00", "1200.00"],
    ["P-TILT-2 JIANCE 5000: (6000 − 5000) × 0.60 = 600.00", "JIANCE", "12000.00", "600.00"],
    ["P-TILT-2 DIBIAN 5000: (6000 − 5000) × 0.60 = 600.00", "DIBIAN", "12000.00", "600.00"],
    ["P-TILT-2 YINBING 5000: (6000 − 5000) × 0.60 = 600.00", "YINBING", "12000.00", "600.00"],
    ["P-TILT-2 YOUFU has no threshold: 0.00", "YOUFU", "12000.00", "0.00"],
    ["P-TILT-2 ZHONGCAN has no threshold: 0.00", "ZHONGCAN", "12000.00", "0.00"],
    ["P-TILT-2 NONE: 0.00", "NONE", "12000.00", "0.00"],
    ["P-TILT-2 TEKUN 4000 ≥ 3000: (4000 − 3000) × 0.60 = 600.00", "TEKUN", "8000.00", "600.00"],
    ["P-TILT-2 DIBAO exactly 4000 reaches the threshold: (4000 − 4000) × 0.60 = 0.00", "DIBAO", "8000.00", "0.00"],
    ["P-TILT-2 JIANCE 4000 < 5000: 0.00", "JIANCE", "8000.00", "0.00"],
  ])("%s", (_l, category, total, expected) => {
    const a = amounts({ categories: [category], visit: { kind: "outpatient_general", hospitalLevel: 0, totalCost: total } });
    expect(a.medicalAssistance).toBe("0.00");
    expect(a.tiltedAssistance).toBe(expected);
  });

  test.each([
    ["19500 paid → min(1800, 500) = 500.00", "19500.00", "500.00"],
    ["20000 paid → 0.00", "20000.00", "0.00"],
    ["25000 paid (inconsistent) → 0.00", "25000.00", "0.00"],
  ])("P-TILT-2 annual limit 20000: %s", (_l, paid, expected) => {
    const a = amounts({ categories: ["TEKUN"], visit: { kind: "outpatient_general", hospitalLevel: 0, totalCost: "12000.00" }, yearToDate: { tiltedPaid: paid } });
    expect(a.tiltedAssistance).toBe(expected);
  });

  test.each([
    ["excess (default): (6000 − 4000) × 0.60 = 1200.00", "excess", "12000.00", "1200.00"],
    ["whole (alternative): 6000 × 0.60 = 3600.00", "whole", "12000.00", "3600.00"],
    ["whole at exactly the threshold: 4000 × 0.60 = 2400.00", "whole", "8000.00", "2400.00"],
  ])("P-TILT-I1 %s", (_l, appliesTo, total, expected) => {
    const r = settle(request({ visit: { kind: "outpatient_general", hospitalLevel: 0, totalCost: total }, overrides: { "tilted.ratioAppliesTo": appliesTo } }));
    expect(r.amounts.tiltedAssistance).toBe(expected);
  });

  test("P-TILT-1 only within the city: province → 0, city → paid", () => {
    // province: basic (30000 − 300) × 0.60 = 17820; borne 12180; critical (12180 − 9000) × 0.65 = 2067.00
    // base 10113.00; regular assistance: 30000 does not exceed 30000 → 0; tilted: province → 0
    const p = settle(request({ visit: { totalCost: "30000.00", location: "province" } }));
    expect(p.amounts).toMatchObject({ basicInsurance: "17820.00", criticalIllnessInsurance: "2067.00", medicalAssistance: "0.00", tiltedAssistance: "0.00", outOfPocket: "10113.00" });
    expect(p.steps.find((s) => s.tier === "tiltedAssistance")).toMatchObject({ ruleId: "P-TILT-1", result: "0.00" });
    // city: cut 0 → as in the county: tilted (9073.50 − 4000) × 0.60 = 3044.10
    expect(amounts({ visit: { totalCost: "30000.00", location: "city" } }).tiltedAssistance).toBe("3044.10");
  });
});

describe("P-PS-3 premium subsidy (pengshui-2023; contributions 380 / 660 are 示例值)", () => {
  test.each([
    // [category, tier, subsidy, person pays]
    ["TEKUN", 1, "380.00", "0.00"], // 380 × 100%
    ["DIBAO", 1, "342.00", "38.00"], // 380 × 90% = 342
    ["FANPIN", 1, "266.00", "114.00"], // 380 × 70% = 266
    ["JIANCE", 1, "266.00", "114.00"],
    ["DIBIAN", 1, "266.00", "114.00"],
    ["YINBING", 1, "0.00", "380.00"],
    ["YOUFU", 1, "0.00", "380.00"],
    ["ZHONGCAN", 1, "0.00", "380.00"],
    ["NONE", 1, "0.00", "380.00"],
    ["TEKUN", 2, "380.00", "280.00"], // min(660, 380) = 380; pays 660 − 380 = 280
    ["DIBAO", 2, "380.00", "280.00"],
    ["FANPIN", 2, "380.00", "280.00"],
    ["JIANCE", 2, "380.00", "280.00"],
    ["DIBIAN", 2, "380.00", "280.00"],
    ["YINBING", 2, "0.00", "660.00"],
  ] as const)("P-PS-3 %s tier %i: subsidy %s, pays %s", (category, tier, subsidy, pays) => {
    const r = settleSubsidy({ policy: "pengshui-2023", date: "2024-01-01", person: { categories: [category], insuranceTier: tier } });
    expect(r.subsidy).toBe(subsidy);
    expect(r.personPays).toBe(pays);
    expect(r.individualContribution).toBe(tier === 1 ? "380.00" : "660.00");
    expect(r.warnings.some((w) => w.code === "EXAMPLE_PARAMETER")).toBe(true);
  });

  test("P-PS-3 subsidy rounding: 380.05 × 90% = 342.045 → 342.05 (half-up)", () => {
    const r = settleSubsidy({ policy: "pengshui-2023", date: "2024-01-01", person: { categories: ["DIBAO"], insuranceTier: 1 }, overrides: { "subsidy.individualContribution.tier1": "380.05" } });
    expect(r.subsidy).toBe("342.05");
    expect(r.personPays).toBe("38.00");
    expect(r.steps.some((s) => s.ruleId === "P-PS-3")).toBe(true);
  });
});
