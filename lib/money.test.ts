import { describe, expect, test } from "vitest";
import { formatAmount, formatYuan, formatYuanChinese, isMoneyString } from "./money";

describe("money formatting", () => {
  test.each([
    ["1234.5", "¥1,234.50"],
    ["0", "¥0.00"],
    ["69790.00", "¥69,790.00"],
    ["1000000000", "¥1,000,000,000.00"],
    ["0.005", "¥0.01"],
    ["-12", "-¥12.00"],
  ])("formatYuan(%s) = %s", (v, expected) => {
    expect(formatYuan(v)).toBe(expected);
  });

  test("amount and Chinese forms", () => {
    expect(formatAmount("23284.7")).toBe("23,284.70");
    expect(formatYuanChinese("13138.8")).toBe("13,138.80元");
  });

  test.each([
    ["120000.00", true], ["5", true], ["5.5", true], ["1.234", false], ["-1", false], ["abc", false], [12, false],
  ])("isMoneyString(%s) = %s", (v, expected) => {
    expect(isMoneyString(v)).toBe(expected);
  });
});
