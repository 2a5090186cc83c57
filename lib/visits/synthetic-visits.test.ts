import { describe, expect, test } from "vitest";
import { validateSettlementRequest } from "@/lib/settlement";
import { generatePersons } from "@/lib/registry/synthetic";
import { readTableFile } from "@/lib/registry/list-file";
import { exportRowToVisitInput, HOSPITAL_EXPORT_COLUMNS, HOSPITAL_EXPORT_SPEC } from "./hospital-export";
import { visitInputSchema } from "./schemas";
import { generateVisits, hospitalExportLines } from "./synthetic-visits";

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

  test("as a hospital export file (gen:data --visits) they read back through the import path unchanged", async () => {
    const persons = generatePersons({ count: 50, seed: 2 });
    const visits = generateVisits({ count: 300, persons: persons.length, year: 2025, seed: 2 });
    const csv = `\ufeff${HOSPITAL_EXPORT_COLUMNS.map((c) => c.header).join(",")}\r\n${hospitalExportLines(visits, persons, { year: 2025 }).join("\r\n")}\r\n`;
    const table = await readTableFile(new TextEncoder().encode(csv), HOSPITAL_EXPORT_SPEC, { fileName: "visits-2025.csv", maxBytes: 10_000_000 });
    expect(table.rows).toHaveLength(300);
    table.rows.forEach((row, i) => {
      const mapped = exportRowToVisitInput(row);
      expect("input" in mapped, JSON.stringify(mapped)).toBe(true);
      const form = visitInputSchema.parse({ ...(mapped as { input: Record<string, string> }).input, personId: "00000000-0000-4000-8000-000000000001" });
      const v = visits[i]!;
      expect([row.cells.idNumber, form.visitDate, form.kind, String(form.hospitalLevel), form.location, form.referral, form.specialDisease, form.totalCost]).toEqual([
        persons[v.personIndex]!.idNumber, v.visitDate, v.kind, v.hospitalLevel, v.location, v.referral, v.specialDisease, v.totalCost,
      ]);
    });
  });
});
