import { describe, expect, test } from "vitest";
import { validateSettlementRequest } from "@/lib/settlement";
import { generateVisits } from "./synthetic-visits";

const fen = (s: string) => BigInt(s.replace(".", ""));

describe("synthetic visits", () => {
  test("are deterministic for a seed and differ across seeds", () => {
    const a = generateVisits({ count: 500, persons: 100, year: 2025, seed: 3 });
    expect(generateVisits({ count: 500, persons: 100, year: 2025, seed: 3 })).toEqual(a);
    expect(generateVisits({ count: 500, persons: 100, year: 2025, seed: 4 })).not.toEqual(a);
  });

  test("are valid engine requests: money with two decimals, parts within the total, dates in the year", () => {
    for (const { personIndex: _person, visitDate, ...v } of generateVisits({ count: 2_000, persons: 100, year: 2025, seed: 5 })) {
      expect(v.totalCost).toMatch(/^\d+\.\d{2}$/);
      expect(fen(v.outOfCatalogCost) + fen(v.selfPayFirstCost) <= fen(v.totalCost)).toBe(true);
      expect(visitDate.startsWith("2025-")).toBe(true);
      const check = validateSettlementRequest({
        region: "500243",
        date: visitDate,
        person: { categories: ["DIBAO"], insuranceTier: 1 },
        visit: { ...v, hospitalLevel: Number(v.hospitalLevel), transferFromLevel: null },
      });
      expect(check.ok, JSON.stringify(check)).toBe(true);
    }
  });
});
