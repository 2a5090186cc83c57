import { describe, expect, test } from "vitest";
import { parseEstimateQuery, toQueryString, toSettlementRequest } from "./estimate-query";
import { runEstimate } from "./run-estimate";

describe("estimator query (W9: inputs live in the URL)", () => {
  test("a query round-trips through the form", () => {
    const query = "policy=pengshui-2023&date=2024-03-15&cat=DIBAO&cat=YOUFU&tier=2&kind=outpatient_special&level=3&loc=city&ref=referred&sd=1&from=1&total=1000.5&ooc=10&spf=0&ytd.basicPaid=200";
    const form = parseEstimateQuery(Object.fromEntries(groupParams(query)), "2026-11-23");
    expect(toQueryString(form)).toBe(query);
  });

  test("defaults: 彭水 2023, today, 一档 inpatient level-2 county visit", () => {
    const form = parseEstimateQuery({}, "2026-11-23");
    expect(form).toMatchObject({ policy: "pengshui-2023", date: "2026-11-23", tier: "1", kind: "inpatient", level: "2", location: "county", referral: "not_required" });
    expect(runEstimate(form)).toEqual({ kind: "empty" });
  });

  test("money goes to the engine exactly as typed; the engine names a bad field", () => {
    const form = parseEstimateQuery({ total: "100.123", date: "2024-03-15" }, "2026-11-23");
    expect(toSettlementRequest(form).visit.totalCost).toBe("100.123");
    const outcome = runEstimate(form);
    expect(outcome.kind).toBe("error");
    if (outcome.kind === "error") expect(outcome.error.field).toBe("total");
  });

  test("referral unknown → both outcomes, compliant first; unreferred gets no assistance (P-ASSIST-6)", () => {
    const form = parseEstimateQuery({ date: "2024-03-15", cat: "DIBAO", loc: "city", ref: "unknown", total: "80000" }, "2026-11-23");
    const outcome = runEstimate(form);
    expect(outcome.kind).toBe("compare");
    if (outcome.kind !== "compare") return;
    expect(outcome.rows.map((r) => r.label)).toEqual(["按规定转诊", "未按规定转诊"]);
    expect(outcome.rows[1]!.result.amounts.medicalAssistance).toBe("0.00");
    expect(outcome.rows[0]!.href).toContain("ref=referred");
  });
});

function groupParams(query: string): Map<string, string | string[]> {
  const map = new Map<string, string | string[]>();
  for (const [k, v] of new URLSearchParams(query)) {
    const prev = map.get(k);
    map.set(k, prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]);
  }
  return map;
}
