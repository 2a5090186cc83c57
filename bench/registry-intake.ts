/**
 * List intake benchmark (quality.md "Performance": a 100,000-row department file, CSV and XLSX,
 * read and validated in < 10 s with peak memory < 500 MB): `npx tsx bench/registry-intake.ts`
 * (options: `--rows N`, default 100000; `--runs N`, default 3; `--no-write` leaves the docs alone).
 *
 * The parent generates one 民政 file (generateDepartmentRows, seed 1) as CSV UTF-8, CSV GBK and
 * XLSX into a temporary directory. Every measurement runs in a fresh child process so that its
 * peak RSS (process.resourceUsage().maxRSS) is its own:
 *  - intake: readListFile + validateListRows on the file's bytes (best of --runs; peak RSS = max)
 *  - floor, same run, same bytes: CSV — decode (UTF-8 or GB18030) and split into lines and cells;
 *    XLSX — inflate the worksheet with node:zlib, decode it and count the cells;
 *    memory — a process that loaded the same modules and the file's bytes and did nothing else
 * Prints the figures, each as an absolute value and as a ratio to its floor, and writes them with
 * the command into docs/benchmarks.md ("Registry intake" section; other sections are kept).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeSection } from "./support";
import zlib from "node:zlib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SELF = fileURLToPath(import.meta.url);
const MONTH = "2024-03";
const TODAY = "2024-04-05";

interface ChildResult {
  ms: number;
  readMs?: number;
  validateMs?: number;
  rows?: number;
  valid?: number;
  errors?: number;
  maxRssMB: number;
}

function maxRssMB(): number {
  return process.resourceUsage().maxRSS / 1024; // kB on Linux
}

/* ------------------------------------------------------------------------------------------ */
/* Children                                                                                   */

async function child(mode: string, file: string): Promise<ChildResult> {
  const { readListFile } = await import("@/lib/registry/list-file");
  const { validateListRows } = await import("@/lib/registry/validate-list");
  const { loadTownships } = await import("@/lib/registry/synthetic");
  const townships = loadTownships();
  const bytes = new Uint8Array(readFileSync(file));

  if (mode === "intake") {
    const t0 = performance.now();
    const list = await readListFile(bytes, { fileName: path.basename(file), maxBytes: 64 * 1024 * 1024 });
    const t1 = performance.now();
    const { valid, errors } = validateListRows(list.rows, { department: "MINZHENG", townships, today: TODAY, month: MONTH });
    const t2 = performance.now();
    return { ms: t2 - t0, readMs: t1 - t0, validateMs: t2 - t1, rows: list.rows.length, valid: valid.length, errors: errors.length, maxRssMB: maxRssMB() };
  }
  if (mode === "floor-csv") {
    const t0 = performance.now();
    const text = new TextDecoder(file.includes("gbk") ? "gb18030" : "utf-8").decode(bytes);
    let cells = 0;
    const rows: string[][] = [];
    for (const line of text.split("\r\n")) {
      if (line === "") continue;
      const r = line.split(",");
      cells += r.length;
      rows.push(r);
    }
    return { ms: performance.now() - t0, rows: rows.length - 1, errors: cells, maxRssMB: maxRssMB() };
  }
  if (mode === "floor-xlsx") {
    const t0 = performance.now();
    // Find the worksheet's local header, inflate it, decode it, count its cells.
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let xml = "";
    for (let p = buf.indexOf(name); p >= 0; p = buf.indexOf(name, p + 1)) {
      const header = p - 30;
      if (header < 0 || buf.readUInt32LE(header) !== 0x04034b50) continue;
      const start = p + buf.readUInt16LE(header + 26) + buf.readUInt16LE(header + 28);
      xml = zlib.inflateRawSync(buf.subarray(start)).toString("utf8");
      break;
    }
    let cells = 0;
    for (let i = xml.indexOf("<c "); i >= 0; i = xml.indexOf("<c ", i + 3)) cells++;
    return { ms: performance.now() - t0, errors: cells, maxRssMB: maxRssMB() };
  }
  if (mode === "memory-floor") {
    return { ms: 0, rows: bytes.length, maxRssMB: maxRssMB() };
  }
  throw new Error(`unknown mode ${mode}`);
}

/* ------------------------------------------------------------------------------------------ */
/* Parent                                                                                     */

const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");

function runChild(mode: string, file: string): ChildResult {
  const out = execFileSync(tsx, [SELF, "--child", mode, file], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 20 });
  const line = out.trim().split("\n").pop() ?? "";
  return JSON.parse(line) as ChildResult;
}

const fmt = (x: number, digits = 3) => x.toPrecision(digits);

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main() {
  const childIdx = process.argv.indexOf("--child");
  if (childIdx >= 0) {
    const result = await child(process.argv[childIdx + 1] ?? "", process.argv[childIdx + 2] ?? "");
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }

  const rowsWanted = option("--rows", 100_000);
  const runs = option("--runs", 3);
  const { generateDepartmentRows, encodeListCsv, encodeListXlsx } = await import("@/lib/registry/synthetic");
  const dir = mkdtempSync(path.join(os.tmpdir(), "registry-intake-"));
  try {
    const g0 = performance.now();
    const rows = generateDepartmentRows({ department: "MINZHENG", month: MONTH, count: rowsWanted, seed: 1 });
    const files = {
      "CSV UTF-8": path.join(dir, "minzheng.csv"),
      "CSV GBK": path.join(dir, "minzheng-gbk.csv"),
      XLSX: path.join(dir, "minzheng.xlsx"),
    };
    writeFileSync(files["CSV UTF-8"], encodeListCsv(rows, "utf-8"));
    writeFileSync(files["CSV GBK"], encodeListCsv(rows, "gbk"));
    writeFileSync(files.XLSX, await encodeListXlsx(rows));
    const genSec = (performance.now() - g0) / 1000;
    console.log(`generated ${rowsWanted} rows as CSV, GBK CSV and XLSX in ${fmt(genSec)} s`);

    const lines: string[] = [];
    for (const [label, file] of Object.entries(files)) {
      const size = readFileSync(file).byteLength;
      const intake: ChildResult[] = [];
      for (let r = 0; r < runs; r++) intake.push(runChild("intake", file));
      const best = intake.reduce((a, b) => (b.ms < a.ms ? b : a));
      const peak = Math.max(...intake.map((r) => r.maxRssMB));
      const floorMode = label === "XLSX" ? "floor-xlsx" : "floor-csv";
      const floors: ChildResult[] = [];
      for (let r = 0; r < runs; r++) floors.push(runChild(floorMode, file));
      const floor = floors.reduce((a, b) => (b.ms < a.ms ? b : a));
      const memFloor = runChild("memory-floor", file);
      if (best.errors !== 0 || best.valid !== rowsWanted) throw new Error(`${label}: expected ${rowsWanted} valid rows, got ${best.valid} valid and ${best.errors} errors`);
      const floorWhat =
        label === "XLSX" ? "inflate the worksheet with node:zlib, decode and count its cells" : "decode and split lines and cells";
      const line =
        `${label} (${fmt(size / 1024 / 1024)} MB, ${best.rows} rows): ${fmt(best.ms / 1000)} s (read ${fmt((best.readMs ?? 0) / 1000)} s + validate ${fmt((best.validateMs ?? 0) / 1000)} s; best of ${runs}: ${intake.map((r) => fmt(r.ms / 1000)).join(" / ")} s), ` +
        `peak RSS ${Math.round(peak)} MB (budget < 10 s, < 500 MB); ` +
        `floor (${floorWhat}) ${fmt(floor.ms)} ms → ${fmt(best.ms / floor.ms)}×; ` +
        `memory floor (modules + file bytes loaded) ${Math.round(memFloor.maxRssMB)} MB → intake adds ${Math.round(peak - memFloor.maxRssMB)} MB`;
      console.log(line);
      lines.push(line);
    }

    if (process.argv.includes("--no-write")) return;
    const body = [
      `Command: \`npm run bench:registry-intake\` (bench/registry-intake.ts). Figures of the last run on this machine`,
      `(${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}, load average at the end ${os.loadavg().map((x) => fmt(x, 2)).join(" ")}):`,
      "",
      ...lines.map((l) => `- ${l}`),
      "",
      `One 县民政局 list of ${rowsWanted} rows for ${MONTH} (generateDepartmentRows, seed 1; generation not timed). Each figure is`,
      "readListFile + validateListRows in a fresh child process; the peak RSS is that process's maxRSS, node and",
      "module start-up included (the memory floor shows how much of it is start-up and the file's bytes). The",
      "time floor does the least any reader must do with the same bytes in the same run; the ratio is what",
      "parsing cells, checking the header and validating every row cost on top.",
    ].join("\n");
    writeSection("Registry intake", body);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
