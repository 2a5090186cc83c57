/**
 * Document rules of cq-2018, national-2021, wenzhou-2019 and jilin-2019. Local example values as
 * in pengshui (basic 100/100/300/800, 0.80/0.80/0.70/0.50; critical deductible 18000, cap 400000)
 * unless stated: wenzhou critical deductible 25000 (示例值).
 */
import { describe, expect, test } from "vitest";
import { settle, settleSubsidy } from "@/lib/settlement";
import { request, type RequestInput } from "./testing/requests";

const cq = (x: RequestInput) => settle(request({ policy: "cq-2018", date: "2019-06-01", ...x }));
const nat = (x: RequestInput) => settle(request({ policy: "national-2021", date: "2022-06-01", ...x }));
const wz = (x: RequestInput) => settle(request({ policy: "wenzhou-2019", date: "2020-03-01", ...x }));
const jl = (x: RequestInput) => settle(request({ policy: "jilin-2019", date: "2020-06-01", ...x }));

describe("cq-2018", () => {
  test.each([
    ["P-BASIC-3 JIANDANG level 2 county: (10000 − 300 × 0.5) × (0.70 + 0.10) = 9850 × 0.80 = 7880.00", ["JIANDANG"], {}, "7880.00"],
    ["P-BASIC-3 TEKUN level 1 city: (10000 − 50) × 0.90 = 8955.00", ["TEKUN"], { hospitalLevel: 1, location: "city" }, "8955.00"],
    ["P-BASIC-3 level 3 is not a county-level hospital: (10000 − 800) × 0.50 = 4600.00", ["JIANDANG"], { hospitalLevel: 3 }, "4600.00"],
    ["P-BASIC-3 outside Chongqing (province): no tilt, (10000 − 300) × 0.60 = 5820.00", ["JIANDANG"], { location: "province" }, "5820.00"],
    ["P-BASIC-3 NONE: (10000 − 300) × 0.70 = 6790.00", [], {}, "6790.00"],
  ] as const)("%s", (_l, categories, visit, expected) => {
    expect(cq({ categories: [...categories], visit: { totalCost: "10000.00", ...visit } }).amounts.basicInsurance).toBe(expected);
  });

  test("P-CRIT-1 bands 55% to 200000 (inclusive) and 65% above, deductible halved", () => {
    // level 3, 100000: basic (100000 − 800) × 0.50 = 49600; borne 50400; base 190000 → 240400
    // JIANDANG: D 9000; 0.55 × (200000 − 190000) + 0.65 × (240400 − 200000) = 5500 + 26260 = 31760.00
    // NONE:     D 18000; 0.50 × 10000 + 0.60 × 40400 = 5000 + 24240 = 29240.00
    const ytd = { criticalBase: "190000.00" };
    expect(cq({ categories: ["JIANDANG"], visit: { hospitalLevel: 3 }, yearToDate: ytd }).amounts.criticalIllnessInsurance).toBe("31760.00");
    expect(cq({ categories: [], visit: { hospitalLevel: 3 }, yearToDate: ytd }).amounts.criticalIllnessInsurance).toBe("29240.00");
  });

  test("P-CRIT-1 the cap is not removed yet (逐步取消): JIANDANG with 399000 paid gets 1000.00", () => {
    expect(cq({ categories: ["JIANDANG"], visit: { hospitalLevel: 3 }, yearToDate: { criticalPaid: "399000.00" } }).amounts.criticalIllnessInsurance).toBe("1000.00");
  });

  test("P-ASSIST-8 cq-2018 rural poor at least 70%", () => {
    // JIANDANG level 3, 100000: basic 49600; critical 0.55 × (50400 − 9000) = 22770.00
    // assistance (50400 − 22770) × 0.70 = 27630 × 0.70 = 19341.00; no tilted assistance in cq-2018
    // out of pocket 100000 − 49600 − 22770 − 19341 = 8289.00
    const r = cq({ categories: ["JIANDANG"], visit: { hospitalLevel: 3 } });
    expect(r.amounts).toMatchObject({ criticalIllnessInsurance: "22770.00", medicalAssistance: "19341.00", tiltedAssistance: "0.00", outOfPocket: "8289.00" });
    expect(r.steps.find((s) => s.tier === "medicalAssistance")?.ruleId).toBe("P-ASSIST-8");
  });

  test("P-ID-2 a code the set does not know is ignored with a warning (DIBAO under cq-2018 → NONE)", () => {
    const r = cq({ categories: ["DIBAO"] });
    expect(r.resolvedCategory).toBe("NONE");
    expect(r.warnings.some((w) => w.code === "CATEGORY_NOT_IN_POLICY")).toBe(true);
  });

  test.each([
    ["TEKUN full: 220.00", ["TEKUN"], "220.00", "0.00"],
    ["JIANDANG fixed amount 180 (示例值): 180.00", ["JIANDANG"], "180.00", "40.00"],
    ["TEKUN + JIANDANG: the highest, once: 220.00", ["JIANDANG", "TEKUN"], "220.00", "0.00"],
    ["NONE: 0.00", [], "0.00", "220.00"],
  ] as const)("P-PS-1 %s", (_l, categories, subsidy, pays) => {
    const r = settleSubsidy({ policy: "cq-2018", date: "2019-06-01", person: { categories: [...categories], insuranceTier: 1 } });
    expect(r.subsidy).toBe(subsidy);
    expect(r.personPays).toBe(pays);
  });
});

describe("national-2021", () => {
  test("P-CRIT-2 tilt for FANPIN with the cap still in place (逐步取消)", () => {
    // level 2, 100000: basic 69790, borne 30210, D 9000, 0.65 → 13786.50; with 399000 paid: min(…, 1000) = 1000.00
    expect(nat({ categories: ["FANPIN"] }).amounts.criticalIllnessInsurance).toBe("13786.50");
    expect(nat({ categories: ["FANPIN"], yearToDate: { criticalPaid: "399000.00" } }).amounts.criticalIllnessInsurance).toBe("1000.00");
    // JIANCE is not tilted: (30210 − 18000) × 0.60 = 7326.00
    expect(nat({ categories: ["JIANCE"] }).amounts.criticalIllnessInsurance).toBe("7326.00");
  });

  test.each([
    ["FANPIN 70%: (100000 − 69790 − 13786.50) × 0.70 = 16423.50 × 0.70 = 11496.45", "FANPIN", "11496.45"],
    ["DIBAO 70%: 16423.50 × 0.70 = 11496.45", "DIBAO", "11496.45"],
    ["DIBIAN slightly lower, 65% (示例值): (30210 − 7326) × 0.65 = 22884 × 0.65 = 14874.60", "DIBIAN", "14874.60"],
  ])("P-ASSIST-7 %s", (_l, category, expected) => {
    expect(nat({ categories: [category] }).amounts.medicalAssistance).toBe(expected);
  });

  test("P-ASSIST-7 any inpatient stay is assisted (no 30000 threshold nationally): level 1, 5000", () => {
    // basic (5000 − 100) × 0.80 = 3920; borne 1080 < 9000 → critical 0; assistance 1080 × 0.70 = 756.00
    expect(nat({ visit: { hospitalLevel: 1, totalCost: "5000.00" } }).amounts.medicalAssistance).toBe("756.00");
  });

  test("P-BASIC-4 P-BASIC-5 national: no tilt, but continuity for low-income referred people", () => {
    // referred 1 → 3 in the county: (20000 − 700) × 0.50 = 9650.00
    expect(nat({ categories: ["DIBIAN"], visit: { hospitalLevel: 3, referral: "referred", transferFromLevel: 1, totalCost: "20000.00" } }).amounts.basicInsurance).toBe("9650.00");
  });

  test.each([
    ["TEKUN full: 350 (2022 示例值) → 350.00", ["TEKUN"], "350.00"],
    ["DIBAO fixed 200 (示例值) → 200.00", ["DIBAO"], "200.00"],
    ["JIANCE fixed 150 for a limited time → 150.00", ["JIANCE"], "150.00"],
    ["NONE (stable, left poverty) → 0.00", [], "0.00"],
  ] as const)("P-PS-2 %s", (_l, categories, subsidy) => {
    const r = settleSubsidy({ policy: "national-2021", date: "2022-06-01", person: { categories: [...categories], insuranceTier: 1 } });
    expect(r.individualContribution).toBe("350.00");
    expect(r.subsidy).toBe(subsidy);
  });
});

describe("wenzhou-2019", () => {
  test("P-CRIT-4 P-SUPP-1 DIBAO: tilted critical, then supplementary, then assistance on what remains", () => {
    // basic 69790; borne 30210; D = 25000 × 0.5 = 12500; critical (30210 − 12500) × 0.65 = 11511.50
    // supplementary (示例值 0 / 50% / 50000): (30210 − 11511.50) × 0.50 = 18698.50 × 0.50 = 9349.25
    // assistance 70%: 9349.25 × 0.70 = 6544.475 → 6544.48 (half-up); out of pocket 100000 − 69790 − 11511.50 − 9349.25 − 6544.48 = 2804.77
    const r = wz({ categories: ["DIBAO"] });
    expect(r.amounts).toMatchObject({ criticalIllnessInsurance: "11511.50", supplementaryInsurance: "9349.25", medicalAssistance: "6544.48", outOfPocket: "2804.77" });
    expect(r.steps.find((s) => s.tier === "supplementaryInsurance")?.ruleId).toBe("P-SUPP-1");
    expect(r.warnings.some((w) => w.key === "supplementary.payRatio")).toBe(true);
  });

  test("P-CRIT-4 no cap only for registered poor (JIANDANG); DIBAO keeps the cap", () => {
    const ytd = { criticalPaid: "399000.00" };
    expect(wz({ categories: ["DIBAO"], yearToDate: ytd }).amounts.criticalIllnessInsurance).toBe("1000.00");
    expect(wz({ categories: ["JIANDANG"], yearToDate: ytd }).amounts.criticalIllnessInsurance).toBe("11511.50");
  });

  test("P-SUPP-2 supplementary terms are local: NONE does not take part, its annual cap applies", () => {
    expect(wz({ categories: [] }).amounts.supplementaryInsurance).toBe("0.00");
    // cap 50000 with 49000 paid → min(9349.25, 1000) = 1000.00
    expect(wz({ categories: ["DIBAO"], yearToDate: { supplementaryPaid: "49000.00" } }).amounts.supplementaryInsurance).toBe("1000.00");
  });

  test.each([
    ["TEKUN 100%: 9349.25 × 1.00 = 9349.25, out of pocket 0.00", "TEKUN", {}, "9349.25", "0.00"],
    ["DIBIAN 60% after its 2000 deductible (示例值): (9349.25 − 2000) × 0.60 = 4409.55", "DIBIAN", {}, "4409.55", "2000.00"],
    ["DIBIAN deductible met earlier: 9349.25 × 0.60 = 5609.55", "DIBIAN", { assistanceDeductibleMet: "2000.00" }, "5609.55", "2000.00"],
    ["YINBING deductible 10000 (示例值) swallows the 9349.25 base: 0.00", "YINBING", {}, "0.00", "9349.25"],
    ["DIBAO annual cap 80000 with 79000 paid: 1000.00", "DIBAO", { assistancePaid: "79000.00" }, "1000.00", "0.00"],
  ])("P-ASSIST-9 %s", (_l, category, ytd, expected, metAfter) => {
    const r = wz({ categories: [category], yearToDate: ytd });
    expect(r.amounts.medicalAssistance).toBe(expected);
    expect(r.yearToDateAfter.assistanceDeductibleMet).toBe(metAfter);
  });

  test("P-ASSIST-10 P-ASSIST-9 general outpatient is assisted at the inpatient ratio (与住院同比例): DIBAO 1000 → 500 × 0.70 × (1 − 0.5 supp)", () => {
    // basic 1000 × 0.50 = 500; critical 0 (general outpatient); supplementary 500 × 0.50 = 250; assistance 250 × 0.70 = 175.00
    expect(wz({ visit: { kind: "outpatient_general", hospitalLevel: 0, totalCost: "1000.00" } }).amounts.medicalAssistance).toBe("175.00");
  });

  test("P-PS-4 wenzhou subsidy 按规定 (示例值 ratios), next-month effect recorded in the catalogue", () => {
    const r = settleSubsidy({ policy: "wenzhou-2019", date: "2020-03-01", person: { categories: ["DIBAO"], insuranceTier: 1 } });
    expect(r.subsidy).toBe("300.00");
    expect(r.steps.some((s) => s.ruleId === "P-PS-4")).toBe(true);
  });
});

describe("jilin-2019", () => {
  test("P-CRIT-5 no cap for rural poor 2019-01-01 … 2020-12-31", () => {
    // level 3: basic 49600; borne 50400; no ratio tilt in the Jilin text: (50400 − 18000) × 0.60 = 19440.00
    const ytd = { criticalPaid: "399000.00" };
    expect(jl({ categories: ["JIANDANG"], visit: { hospitalLevel: 3 }, yearToDate: ytd }).amounts.criticalIllnessInsurance).toBe("19440.00");
    expect(jl({ categories: ["TEKUN"], visit: { hospitalLevel: 3 }, yearToDate: ytd }).amounts.criticalIllnessInsurance).toBe("19440.00");
    expect(jl({ categories: [], visit: { hospitalLevel: 3 }, yearToDate: ytd }).amounts.criticalIllnessInsurance).toBe("1000.00");
  });

  test("P-ASSIST-8 jilin rural poor at least 70%: (50400 − 19440) × 0.70 = 21672.00", () => {
    expect(jl({ categories: ["JIANDANG"], visit: { hospitalLevel: 3 } }).amounts.medicalAssistance).toBe("21672.00");
  });
});
