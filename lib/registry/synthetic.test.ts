import { describe, expect, test } from "vitest";
import { createHash } from "node:crypto";
import type { DepartmentCode } from "@/db/schema/enums";
import { parseIdNumber } from "./id-number";
import { readListFile } from "./list-file";
import {
  createRng,
  departmentList,
  encodeListCsv,
  encodeListXlsx,
  encodePersonsCsv,
  generateDepartmentRows,
  generatePersons,
  listToday,
  loadTownships,
} from "./synthetic";
import { validateListRows } from "./validate-list";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const DEPARTMENTS: DepartmentCode[] = ["MINZHENG", "XIANGCUN", "TUIYI", "CANLIAN"];
const MONTH = "2024-03";
const townships = loadTownships();

describe("synthetic 彭水 data", () => {
  test("the 39 townships of 彭水 come from regions.csv", () => {
    expect(townships).toHaveLength(39);
    expect(townships[0]).toEqual({ code: "500243001", name: "汉葭街道" });
  });

  test("the PRNG is deterministic and seed-dependent", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  test("people: valid 500243 ID numbers consistent with birth date and sex, unique, Chinese names, real townships", () => {
    const persons = generatePersons({ count: 5000, seed: 1 });
    expect(new Set(persons.map((p) => p.idNumber)).size).toBe(5000);
    const codes = new Set(townships.map((t) => t.code));
    for (const p of persons) {
      const id = parseIdNumber(p.idNumber, "2026-01-01");
      expect(id).toEqual({ ok: true, idNumber: p.idNumber, birthDate: p.birthDate, sex: p.sex, regionCode: "500243" });
      expect(p.name).toMatch(/^\p{Script=Han}{2,4}$/u);
      expect(codes.has(p.townshipCode)).toBe(true);
      for (const i of p.identities) {
        expect(i.certifiedOn > p.birthDate).toBe(true);
        if (i.removedOn) expect(i.removedOn > i.certifiedOn).toBe(true);
      }
    }
  });

  test("a plausible category mix: most hold none, a few % 低保, fewer 特困, some with two identities", () => {
    const persons = generatePersons({ count: 20000, seed: 2 });
    const share = (cat: string) => persons.filter((p) => p.identities.some((i) => i.category === cat)).length / persons.length;
    expect(persons.filter((p) => p.identities.length === 0).length / persons.length).toBeGreaterThan(0.85);
    expect(share("DIBAO")).toBeGreaterThan(0.03);
    expect(share("DIBAO")).toBeLessThan(0.08);
    expect(share("TEKUN")).toBeLessThan(share("DIBAO"));
    expect(share("TEKUN")).toBeGreaterThan(0.001);
    expect(share("FANPIN") + share("JIANCE")).toBeGreaterThan(0.02);
    const both = persons.filter((p) => p.identities.some((i) => i.category === "DIBAO") && p.identities.some((i) => i.category === "FANPIN"));
    expect(both.length).toBeGreaterThan(10);
    expect(new Set(persons.map((p) => p.name.slice(0, 1)))).toContain("冉");
  });

  test("determinism: the same seed gives the same bytes in every format; another seed differs", async () => {
    const make = async (seed: number) => {
      const rows = departmentList(generatePersons({ count: 3000, seed }), "MINZHENG", MONTH, { seed });
      return [encodeListCsv(rows, "utf-8"), encodeListCsv(rows, "gbk"), await encodeListXlsx(rows)].map(sha);
    };
    const first = await make(7);
    expect(await make(7)).toEqual(first);
    expect((await make(8))[0]).not.toEqual(first[0]);
    expect(sha(encodePersonsCsv(generatePersons({ count: 500, seed: 3 })))).toBe(sha(encodePersonsCsv(generatePersons({ count: 500, seed: 3 }))));
  });

  test("monthly churn: 在册, 新增 and 减少 rows for the month", () => {
    const rows = departmentList(generatePersons({ count: 30000, seed: 5 }), "MINZHENG", MONTH, { seed: 5 });
    const types = new Set(rows.map((r) => r.changeType));
    expect(types).toContain("在册");
    expect(types).toContain("新增");
    expect(types).toContain("减少");
  });

  test("every generated file passes readListFile + validateListRows with zero errors (CSV UTF-8, CSV GBK, XLSX, each department)", async () => {
    const persons = generatePersons({ count: 20000, seed: 11 });
    for (const department of DEPARTMENTS) {
      const rows = departmentList(persons, department, MONTH, { seed: 11 });
      expect(rows.length).toBeGreaterThan(0);
      const files = [
        { bytes: encodeListCsv(rows, "utf-8"), fileName: "a.csv", encoding: "utf-8" },
        { bytes: encodeListCsv(rows, "gbk"), fileName: "a.csv", encoding: "gb18030" },
        { bytes: await encodeListXlsx(rows), fileName: "a.xlsx", encoding: null },
      ];
      for (const f of files) {
        const file = await readListFile(f.bytes, { fileName: f.fileName, maxBytes: 30 * 1024 * 1024 });
        expect(file.encoding).toBe(f.encoding);
        expect(file.rows).toHaveLength(rows.length);
        const { valid, errors } = validateListRows(file.rows, { department, townships, today: listToday(MONTH), month: MONTH });
        expect(errors).toEqual([]);
        expect(valid.map((r) => r.name)).toEqual(rows.map((r) => r.name));
      }
    }
  });

  test("generateDepartmentRows: exactly N valid rows; Chinese text survives a large XLSX intact (no split characters)", async () => {
    const rows = generateDepartmentRows({ department: "MINZHENG", month: MONTH, count: 20000, seed: 9 });
    expect(rows).toHaveLength(20000);
    const file = await readListFile(await encodeListXlsx(rows), { fileName: "big.xlsx", maxBytes: 30 * 1024 * 1024 });
    expect(file.rows.map((r) => [r.cells.name, r.cells.category, r.cells.township])).toEqual(
      rows.map((r) => [r.name, r.category, r.township]),
    );
    const { valid, errors } = validateListRows(file.rows, { department: "MINZHENG", townships, today: listToday(MONTH), month: MONTH });
    expect(errors).toEqual([]);
    expect(valid).toHaveLength(20000);
  });
});
