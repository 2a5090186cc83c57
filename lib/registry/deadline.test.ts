import { describe, expect, test } from "vitest";
import { isLate, shanghaiDate, submissionDeadline } from "./deadline";

const NATIONAL_DAY_2024 = ["2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-05", "2024-10-06", "2024-10-07"];

describe("P-ID-1: lists are due on the 5th, moved to the next working day", () => {
  test.each([
    ["a Tuesday stays", "2024-03", [], "2024-03-05"],
    ["a Saturday → Monday the 7th", "2024-10", [], "2024-10-07"],
    ["a Saturday inside the National Day holiday → the 8th", "2024-10", NATIONAL_DAY_2024, "2024-10-08"],
    ["a Sunday → Monday the 6th", "2025-01", [], "2025-01-06"],
    ["a listed holiday on a Monday → Tuesday", "2024-02", ["2024-02-05"], "2024-02-06"],
    ["a Saturday whose Monday is a holiday → Tuesday", "2024-10", ["2024-10-07"], "2024-10-08"],
    ["December of a leap year", "2020-12", [], "2020-12-07"],
  ] as const)("%s (%s)", (_label, month, holidays, deadline) => {
    expect(submissionDeadline(month, holidays)).toBe(deadline);
  });

  test("a make-up working Saturday (调休) counts as a working day", () => {
    expect(submissionDeadline("2024-10", [], { workdays: ["2024-10-05"] })).toBe("2024-10-05");
  });

  test("P-ID-3 (jilin-2019): another due day", () => {
    expect(submissionDeadline("2024-08", [], { day: 10 })).toBe("2024-08-12");
  });

  test("a malformed month is refused", () => {
    expect(() => submissionDeadline("2024-3")).toThrow(RangeError);
  });
});

describe("isLate", () => {
  test.each([
    ["on the deadline", "2024-10-07", false],
    ["the day before", "2024-10-04", false],
    ["the day after", "2024-10-08", true],
    ["late evening in Shanghai, still the 7th", "2024-10-07T23:59:00+08:00", false],
    ["00:30 on the 8th in Shanghai (16:30 UTC on the 7th)", "2024-10-07T16:30:00Z", true],
  ])("%s", (_label, submittedAt, late) => {
    expect(isLate("2024-10", submittedAt)).toBe(late);
  });

  test("a Date is converted to the Asia/Shanghai calendar date", () => {
    expect(shanghaiDate(new Date("2024-10-07T16:30:00Z"))).toBe("2024-10-08");
    expect(isLate("2024-10", new Date("2024-10-07T15:59:59Z"))).toBe(false);
    expect(isLate("2024-10", new Date("2024-10-07T16:00:00Z"), NATIONAL_DAY_2024)).toBe(false);
  });
});
