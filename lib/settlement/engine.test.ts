/** Validation, dates, overrides, rounding, invariants, receipts and replay. */
import { describe, expect, test } from "vitest";
import {
  checkInvariants,
  EngineError,
  receiptIdOf,
  replay,
  settle,
  simulate,
  validateSettlementRequest,
  type Receipt,
  type SettlementResult,
} from "@/lib/settlement";
import { D } from "./decimal";
import { CONTRACT_EXAMPLE, request } from "./testing/requests";

function errorOf(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error("expected an EngineError");
}

const withVisit = (v: Record<string, unknown>) => ({ ...CONTRACT_EXAMPLE, visit: { ...(CONTRACT_EXAMPLE.visit as object), ...v } });

describe("request validation (INVALID_REQUEST, field named, Chinese message)", () => {
  test.each([
    ["JSON number for money", withVisit({ totalCost: 120000 }), "visit.totalCost", "字符串"],
    ["more than two decimals", withVisit({ totalCost: "1.234" }), "visit.totalCost", "两位小数"],
    ["negative", withVisit({ outOfCatalogCost: "-5.00" }), "visit.outOfCatalogCost", "负数"],
    ["more than 1,000,000,000", withVisit({ totalCost: "1000000000.01" }), "visit.totalCost", "1,000,000,000"],
    ["non-numeric", withVisit({ selfPayFirstCost: "abc" }), "visit.selfPayFirstCost", "不是有效的金额"],
    ["out-of-catalogue + self-pay-first > total", withVisit({ totalCost: "100.00", outOfCatalogCost: "60.00", selfPayFirstCost: "40.01" }), "visit.outOfCatalogCost", "不能超过医疗总费用"],
    ["missing total", withVisit({ totalCost: undefined }), "visit.totalCost", "医疗总费用"],
    ["unknown yearToDate field", { ...CONTRACT_EXAMPLE, yearToDate: { basicPayd: "0.00" } }, "yearToDate.basicPayd", "不认识的字段"],
    ["yearToDate as a JSON number", { ...CONTRACT_EXAMPLE, yearToDate: { basicPaid: 10 } }, "yearToDate.basicPaid", "字符串"],
    ["unknown override key", { ...CONTRACT_EXAMPLE, overrides: { "basic.magic": "1" } }, "overrides.basic.magic", "不认识的参数"],
    ["override money as a JSON number", { ...CONTRACT_EXAMPLE, overrides: { "critical.deductible": 18000 } }, "overrides.critical.deductible", "格式"],
    ["override ratio above 1", { ...CONTRACT_EXAMPLE, overrides: { "tilted.payRatio": "1.5" } }, "overrides.tilted.payRatio", "格式"],
    ["unknown category code", { ...CONTRACT_EXAMPLE, person: { categories: ["DIBAO", "XYZ"], insuranceTier: 1 } }, "person.categories[1]", "不认识的人员类别"],
    ["bad insurance tier", { ...CONTRACT_EXAMPLE, person: { categories: [], insuranceTier: 3 } }, "person.insuranceTier", "一档"],
    ["bad visit kind", withVisit({ kind: "dental" }), "visit.kind", "住院"],
    ["impossible date", { ...CONTRACT_EXAMPLE, date: "2024-02-30" }, "date", "不是有效日期"],
    ["unknown policy", { ...CONTRACT_EXAMPLE, policy: "beijing-2020" }, "policy", "没有代码"],
    ["neither policy nor region", { ...CONTRACT_EXAMPLE, policy: undefined }, "region", "行政区划"],
  ])("%s", (_l, input, field, text) => {
    const out = validateSettlementRequest(input);
    if (out.ok) {
      // "neither policy nor region" is valid input; settling it needs a region
      const e = errorOf(() => settle(input));
      expect(e.code).toBe("INVALID_REQUEST");
      expect(e.field).toBe(field);
      expect(e.message).toContain(text);
      return;
    }
    expect(out.error.code).toBe("INVALID_REQUEST");
    expect(out.error.field).toBe(field);
    expect(out.error.message).toContain(text);
  });

  test("valid input is normalised: money to two decimals, omitted fields to 0", () => {
    const out = validateSettlementRequest(request({ visit: { totalCost: "120000", outOfCatalogCost: "5.5" } }));
    expect(out.ok).toBe(true);
    if (out.ok) {
      expect(out.request.visit.totalCost).toBe("120000.00");
      expect(out.request.visit.outOfCatalogCost).toBe("5.50");
      expect(out.request.yearToDate.tiltedPaid).toBe("0.00");
    }
  });

  test("the error body is the contract's shape", () => {
    const e = errorOf(() => settle(withVisit({ totalCost: 5 })));
    expect(JSON.parse(JSON.stringify({ error: e }))).toEqual({ error: { code: "INVALID_REQUEST", field: "visit.totalCost", message: e.message } });
  });
});

describe("dates and region resolution", () => {
  test("POLICY_NOT_IN_FORCE before pengshui-2023 took effect", () => {
    const e = errorOf(() => settle({ ...CONTRACT_EXAMPLE, date: "2023-01-01" }));
    expect(e.code).toBe("POLICY_NOT_IN_FORCE");
    expect(e.field).toBe("date");
  });

  test("PARAMETER_NOT_IN_FORCE: no 2027 critical-illness deductible yet, never a silent fallback", () => {
    const e = errorOf(() => settle({ ...CONTRACT_EXAMPLE, date: "2027-03-01" }));
    expect(e.code).toBe("PARAMETER_NOT_IN_FORCE");
    expect(e.field).toBe("critical.deductible");
    expect(e.message).toContain("该参数尚无2027年数值");
    // an override supplies the missing value for a what-if
    const ok = settle({ ...CONTRACT_EXAMPLE, date: "2027-03-01", overrides: { "critical.deductible": "18000.00" } });
    expect(ok.amounts.criticalIllnessInsurance).toBe("13786.50");
  });

  test.each([
    ["500243", "2024-03-15", "pengshui-2023"],
    ["500101", "2024-03-15", "national-2021"],
    ["500243", "2019-06-01", "cq-2018"],
    ["330302", "2020-01-01", "wenzhou-2019"],
    ["220100", "2020-01-01", "jilin-2019"],
  ])("simulate by region %s on %s → %s", (region, date, code) => {
    const r = simulate(request({ region, date, categories: [] }));
    expect(r.policy.code).toBe(code);
  });

  test("NO_POLICY_FOR_REGION when nothing is in force", () => {
    expect(errorOf(() => simulate(request({ region: "110000", date: "2019-06-01" }))).code).toBe("NO_POLICY_FOR_REGION");
  });
});

describe("rounding, options, invariants", () => {
  test("each tier is rounded once, half-up; the next tier starts from the rounded value", () => {
    // basic (30000.01 − 300) × 0.70 = 20790.007 → 20790.01; borne 30000.01 − 20790.01 = 9210.00 exactly
    const r = settle(request({ visit: { totalCost: "30000.01" } }));
    expect(r.amounts.basicInsurance).toBe("20790.01");
    expect(r.yearToDateAfter.criticalBase).toBe("9210.00");
    // 0.005 rounds up: level 0 outpatient general 0.01 × 0.50 = 0.005 → 0.01
    expect(settle(request({ categories: [], visit: { kind: "outpatient_general", hospitalLevel: 0, totalCost: "0.01" } })).amounts.basicInsurance).toBe("0.01");
  });

  test("{ trace: false } skips the steps but not the amounts, warnings or receipt", () => {
    const full = settle(CONTRACT_EXAMPLE);
    const fast = settle(CONTRACT_EXAMPLE, undefined, { trace: false });
    expect(fast.steps).toEqual([]);
    expect(fast.amounts).toEqual(full.amounts);
    expect(fast.warnings).toEqual(full.warnings);
    expect(fast.receipt.id).toBe(full.receipt.id);
  });

  const ok = () => ({
    total: new D("100.00"),
    parts: { basic: new D("50.00"), critical: new D("10.00"), supplementary: new D(0), assistance: new D("20.00"), tilted: new D(0), outOfPocket: new D("20.00") },
    bases: { basic: new D("100.00"), critical: new D("50.00"), supplementary: new D("40.00"), assistance: new D("40.00"), tilted: new D("20.00") },
    limits: [{ name: "医疗救助限额", paid: new D("20.00"), remaining: new D("100.00") as InstanceType<typeof D> | null }],
  });

  test("invariants hold for a consistent result", () => {
    expect(() => checkInvariants(ok())).not.toThrow();
  });

  test.each([
    ["parts do not add up to totalCost", (x: ReturnType<typeof ok>) => { x.parts.outOfPocket = new D("20.01"); }, "不等于医疗总费用"],
    ["a part is negative", (x: ReturnType<typeof ok>) => { x.parts.tilted = new D("-1"); x.parts.outOfPocket = new D("21.00"); }, "负数"],
    ["a tier pays more than its base", (x: ReturnType<typeof ok>) => { x.bases.critical = new D("9.99"); }, "超过其计算基数"],
    ["a limit is exceeded", (x: ReturnType<typeof ok>) => { x.limits = [{ name: "医疗救助限额", paid: new D("20.00"), remaining: new D("19.99") }]; }, "超过剩余额度"],
  ])("invariant violated: %s → INTERNAL_INVARIANT", (_l, mutate, text) => {
    const x = ok();
    mutate(x);
    const e = errorOf(() => checkInvariants(x));
    expect(e.code).toBe("INTERNAL_INVARIANT");
    expect(e.message).toContain(text);
  });

  test("overrides change only this request and are validated", () => {
    const r = settle({ ...CONTRACT_EXAMPLE, overrides: { "assistance.ratio.DIBAO": "0.50" } });
    // 16423.50 × 0.50 = 8211.75
    expect(r.amounts.medicalAssistance).toBe("8211.75");
    expect(r.receipt.parameters["assistance.ratio.DIBAO"]).toMatchObject({ value: "0.50", provenance: "override" });
    expect(settle(CONTRACT_EXAMPLE).amounts.medicalAssistance).toBe("13138.80");
  });

  test("no warning is EXAMPLE_PARAMETER for a value the request overrode", () => {
    const r = settle({ ...CONTRACT_EXAMPLE, overrides: { "critical.deductible": "20000.00" } });
    expect(r.warnings.some((w) => w.code === "EXAMPLE_PARAMETER" && w.key === "critical.deductible")).toBe(false);
  });
});

describe("decision receipt and replay", () => {
  const roundTrip = (r: Receipt): Receipt => JSON.parse(JSON.stringify(r)) as Receipt;

  test("same request → same id; another request → another id; the id is a sha256", () => {
    const a = settle(CONTRACT_EXAMPLE).receipt;
    const b = settle(JSON.parse(JSON.stringify(CONTRACT_EXAMPLE))).receipt;
    expect(a.id).toMatch(/^[0-9a-f]{64}$/);
    expect(b.id).toBe(a.id);
    // "120000" and "120000.00" normalise to the same request
    expect(settle(withVisit({ totalCost: "120000" })).receipt.id).toBe(a.id);
    expect(settle(withVisit({ totalCost: "120000.01" })).receipt.id).not.toBe(a.id);
    expect(a.parameterVersion).toMatch(/^pengshui-2023@2024-01-01\.[0-9a-f]{8}$/);
    expect(a.engineVersion).toBe("sanchong-engine/1.0.0");
    expect(Object.keys(a.parameters)).toContain("assistance.ratio.DIBAO");
  });

  test("replay from the stored (JSON) receipt gives the identical result", () => {
    const r = settle(CONTRACT_EXAMPLE);
    const again = replay(roundTrip(r.receipt)) as SettlementResult;
    expect(JSON.parse(JSON.stringify(again))).toEqual(JSON.parse(JSON.stringify(r)));
  });

  test("replay after an override gives the identical result", () => {
    const r = settle({ ...CONTRACT_EXAMPLE, overrides: { "tilted.ratioAppliesTo": "whole", "assistance.ratio.DIBAO": "0.50" } });
    // assistance 16423.50 × 0.50 = 8211.75; remaining 8211.75 ≥ 4000 → whole × 0.60 = 4927.05
    expect(r.amounts.tiltedAssistance).toBe("4927.05");
    expect(JSON.parse(JSON.stringify(replay(roundTrip(r.receipt))))).toEqual(JSON.parse(JSON.stringify(r)));
  });

  test("replay reads the snapshot, not the live catalogue", () => {
    const receipt = roundTrip(settle(CONTRACT_EXAMPLE).receipt);
    // an older parameter version, as a stored receipt would hold it:
    // ratio 0.85 → 16423.50 × 0.85 = 13959.975 → 13959.98; remaining 2463.52 < 4000 (same path)
    (receipt.parameters["assistance.ratio.DIBAO"] as { value: unknown }).value = "0.85";
    receipt.id = receiptIdOf(receipt);
    const again = replay(receipt) as SettlementResult;
    expect(again.amounts.medicalAssistance).toBe("13959.98");
    expect(again.receipt.id).toBe(receipt.id);
  });

  test("a tampered receipt is refused (INVALID_RECEIPT)", () => {
    const receipt = roundTrip(settle(CONTRACT_EXAMPLE).receipt);
    (receipt.parameters["assistance.ratio.DIBAO"] as { value: unknown }).value = "1.00";
    expect(errorOf(() => replay(receipt)).code).toBe("INVALID_RECEIPT");
  });
});
