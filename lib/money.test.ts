import { describe, expect, test } from "vitest";
import { formatAmount, formatYuan } from "./money";

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

  test("amount without the sign", () => {
    expect(formatAmount("23284.7")).toBe("23,284.70");
  });
});
