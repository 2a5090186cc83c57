import { describe, expect, test } from "vitest";
import { parameterEntry, policySetForRegion } from "@/lib/policy";
import { coverageFrom, isLateEnrolment, subsidyPolicyDate } from "./coverage";

describe("P-BASIC-6: when cover starts", () => {
  test.each([
    ["on time: paid in the collection period → 1 January", 2025, "2024-11-20", null, "2025-01-01"],
    ["on time under nextMonth too → 1 January", 2025, "2024-12-31", "nextMonth", "2025-01-01"],
    ["late, cq-2018 nextDay: 2025-03-15 → the 16th", 2025, "2025-03-15", "nextDay", "2025-03-16"],
    ["late, nextDay across a month end (leap year)", 2024, "2024-02-29", "nextDay", "2024-03-01"],
    ["late, nextDay on 1 January → the 2nd", 2025, "2025-01-01", "nextDay", "2025-01-02"],
    ["late, wenzhou-2019 nextMonth: 2025-03-15 → 1 April", 2025, "2025-03-15", "nextMonth", "2025-04-01"],
    ["late, nextMonth on the 1st still waits a month", 2025, "2025-03-01", "nextMonth", "2025-04-01"],
    ["late, nextMonth in December → 1 January of the next year", 2025, "2025-12-20", "nextMonth", "2026-01-01"],
    ["late, document silent (null) → the Chongqing rule: next day", 2025, "2025-06-30", null, "2025-07-01"],
  ] as const)("%s", (_label, year, paidOn, rule, expected) => {
    expect(coverageFrom({ year, paidOn, late: isLateEnrolment(year, paidOn), rule })).toBe(expected);
  });

  test("late means paid on or after 1 January of the cover year", () => {
    expect(isLateEnrolment(2025, "2024-12-31")).toBe(false);
    expect(isLateEnrolment(2025, "2025-01-01")).toBe(true);
  });

  test("the subsidy follows the cover year's policy for a payment in the collection period", () => {
    expect(subsidyPolicyDate(2025, "2024-12-01")).toBe("2025-01-01");
    expect(subsidyPolicyDate(2025, "2025-04-02")).toBe("2025-04-02");
  });

  test("a malformed date is refused", () => {
    expect(() => coverageFrom({ year: 2025, paidOn: "2025-3-1", late: true, rule: "nextDay" })).toThrow(RangeError);
  });

  test("the catalogue: cq-2018 nextDay, wenzhou-2019 nextMonth, pengshui-2023 silent (null)", () => {
    expect(parameterEntry("cq-2018", "basic.coverageStart", "2019-01-01").value).toBe("nextDay");
    expect(parameterEntry("wenzhou-2019", "basic.coverageStart", "2020-01-01").value).toBe("nextMonth");
    const pengshui = policySetForRegion("500243", "2025-01-01");
    expect(pengshui.code).toBe("pengshui-2023");
    expect(parameterEntry(pengshui.code, "basic.coverageStart", "2025-01-01").value).toBeNull();
  });
});
