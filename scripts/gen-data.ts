/**
 * Synthetic registry data for 彭水 (quality.md): `npm run gen:data -- --persons N --seed S
 * [--month 2024-03] [--out .data/generated] [--formats csv,gbk,xlsx] [--departments MINZHENG,XIANGCUN,TUIYI,CANLIAN]`
 *
 * Writes, deterministically from the seed:
 *  - persons.json and persons.csv: the people and their identities over time
 *  - one list per department and format for the month: <dept>-<month>.csv (UTF-8 with BOM),
 *    <dept>-<month>-gbk.csv, <dept>-<month>.xlsx
 * and prints what it wrote. The lists validate under today = the 5th of the following month.
 *
 * With `--visits N [--year 2025]` it also writes visits-<year>.csv: N hospital visits of these
 * people in that year, in the hospital settlement export layout (a county-year: `--persons
 * 100000 --visits 1000000`). `npm run bulk:settle -- --generate` settles the same visits.
 */
import { appendFileSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEPARTMENT_CODES, type DepartmentCode } from "@/db/schema/enums";
import { DEPARTMENT_CATEGORY_CODES } from "@/lib/registry/department-categories";
import { HOSPITAL_EXPORT_COLUMNS } from "@/lib/visits/hospital-export";
import { generateVisits, hospitalExportLines } from "@/lib/visits/synthetic-visits";
import { departmentList, encodeListCsv, encodeListXlsx, encodePersonsCsv, generatePersons, listToday } from "@/lib/registry/synthetic";

const FORMATS = ["csv", "gbk", "xlsx"] as const;
type Format = (typeof FORMATS)[number];

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      persons: { type: "string", default: "10000" },
      seed: { type: "string", default: "1" },
      month: { type: "string", default: "2024-03" },
      out: { type: "string", default: ".data/generated" },
      formats: { type: "string", default: FORMATS.join(",") },
      departments: { type: "string", default: "MINZHENG,XIANGCUN,TUIYI,CANLIAN" },
      visits: { type: "string", default: "0" },
      year: { type: "string", default: "2025" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log("npm run gen:data -- --persons N --seed S [--month YYYY-MM] [--out DIR] [--formats csv,gbk,xlsx] [--departments MINZHENG,...] [--visits N --year YYYY]");
    return;
  }
  const count = Number(values.persons);
  if (!Number.isInteger(count) || count < 1 || count > 5_000_000) fail("--persons 应为 1 到 5,000,000 之间的整数");
  const month = values.month;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) fail("--month 格式应为 YYYY-MM");
  const formats = values.formats.split(",").map((f) => f.trim()) as Format[];
  for (const f of formats) if (!FORMATS.includes(f)) fail(`未知格式 ${f}（可选 ${FORMATS.join(", ")}）`);
  const departments = values.departments.split(",").map((d) => d.trim()) as DepartmentCode[];
  for (const d of departments) {
    if (!DEPARTMENT_CODES.includes(d) || DEPARTMENT_CATEGORY_CODES[d].length === 0) fail(`部门 ${d} 不报送名单`);
  }
  const seed = values.seed;
  const out = path.resolve(values.out);
  mkdirSync(out, { recursive: true });

  const t0 = performance.now();
  const persons = generatePersons({ count, seed });
  const written: Array<[string, number, string]> = [];
  const write = (name: string, bytes: Uint8Array | string, note: string) => {
    const file = path.join(out, name);
    writeFileSync(file, bytes);
    written.push([path.relative(process.cwd(), file), typeof bytes === "string" ? Buffer.byteLength(bytes) : bytes.byteLength, note]);
  };
  write("persons.json", JSON.stringify({ seed, count, persons }), `${count} persons`);
  write("persons.csv", encodePersonsCsv(persons), `${count} persons`);

  for (const department of departments) {
    const rows = departmentList(persons, department, month, { seed });
    const base = `${department.toLowerCase()}-${month}`;
    for (const format of formats) {
      if (format === "csv") write(`${base}.csv`, encodeListCsv(rows, "utf-8"), `${rows.length} rows, UTF-8 with BOM`);
      if (format === "gbk") write(`${base}-gbk.csv`, encodeListCsv(rows, "gbk"), `${rows.length} rows, GBK`);
      if (format === "xlsx") write(`${base}.xlsx`, await encodeListXlsx(rows), `${rows.length} rows, XLSX`);
    }
  }
  const visitCount = Number(values.visits);
  if (!Number.isInteger(visitCount) || visitCount < 0 || visitCount > 20_000_000) fail("--visits 应为 0 到 20,000,000 之间的整数");
  if (visitCount > 0) {
    const year = Number(values.year);
    const file = path.join(out, `visits-${year}.csv`);
    const rows = generateVisits({ count: visitCount, persons: persons.length, year, seed: Number(seed) || seed });
    writeFileSync(file, `\ufeff${HOSPITAL_EXPORT_COLUMNS.map((c) => c.header).join(",")}\r\n`);
    for (let i = 0; i < rows.length; i += 50_000) {
      const lines = hospitalExportLines(rows.slice(i, i + 50_000), persons, { year, offset: i });
      appendFileSync(file, `${lines.join("\r\n")}\r\n`);
    }
    written.push([path.relative(process.cwd(), file), statSync(file).size, `${visitCount} visits of ${year}, hospital export layout`]);
  }
  const seconds = (performance.now() - t0) / 1000;
  for (const [file, bytes, note] of written) console.log(`${file}  ${size(bytes)}  (${note})`);
  console.log(`seed ${seed}, month ${month}: ${written.length} files in ${seconds.toFixed(1)} s; lists validate with today = ${listToday(month)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
