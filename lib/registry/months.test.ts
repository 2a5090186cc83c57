import { describe, expect, test } from "vitest";
import { monthEnd, monthLabel, monthOf, recentMonths } from "./months";

describe("reporting months", () => {
  test("month end, leap years included", () => {
    expect(monthEnd("2024-02")).toBe("2024-02-29");
    expect(monthEnd("2023-02")).toBe("2023-02-28");
    expect(monthEnd("2024-12")).toBe("2024-12-31");
    expect(() => monthEnd("2024-13")).toThrow("月份格式应为 YYYY-MM");
  });

  test("recent months cross the year, newest first", () => {
    expect(recentMonths("2024-02", 4)).toEqual(["2024-02", "2024-01", "2023-12", "2023-11"]);
  });

  test("an instant's month is China's: 2024-01-31 17:00 UTC is already February in Beijing", () => {
    expect(monthOf(new Date("2024-01-31T17:00:00Z"))).toBe("2024-02");
    expect(monthLabel("2024-03")).toBe("2024年3月");
  });
});
