/**
 * `npm run bench:registry` (quality.md budgets): a 100,000-row department file validated
 * and previewed (< 10 s, peak memory < 500 MB), and a month of 4 departments × 100,000
 * rows reconciled (< 30 s) — on PGlite and, when DATABASE_URL is set (or a local server
 * answers), on PostgreSQL. Each figure comes with a floor measured in the same run.
 */
import { performance } from "node:perf_hooks";
import { parse as parseCsv } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import type { DepartmentCode } from "@/db/schema/enums";
import { confirmSubmission, stageListUpload } from "@/lib/registry/stage-list-upload";
import { reconcileMonth } from "@/lib/registry/reconcile-month";
import { CHANGE_TYPE_LABELS } from "@/lib/registry/department-categories";
import { createRng, encodeListCsv, generateDepartmentRows, type ListCells } from "@/lib/registry/synthetic";
import { createTestDatabase } from "../tests/support/db";
import { sessionUser } from "../tests/support/registry";
import { perDatabase, writeSection } from "./support";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const MONTH = "2024-06";
const TODAY = "2024-06-30";
const NEXT_MONTH = "2024-07";
const NEXT_TODAY = "2024-07-31";
const DEPARTMENTS: Array<[DepartmentCode, string]> = [
  ["MINZHENG", "minzheng"],
  ["XIANGCUN", "xiangcun"],
  ["TUIYI", "tuiyi"],
  ["CANLIAN", "canlian"],
];
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const s = (ms: number) => (ms / 1000).toFixed(2);
const isRemoval = (row: ListCells) => row.changeType === CHANGE_TYPE_LABELS.REMOVE || row.changeType === "REMOVE";

/**
 * A department's list for the month after `previous`: everyone still certified is 在册 with the
 * same certification date, 1.5% leave (减少) during the month and fresh people make up the rest
 * as 新增 (about 4%), keeping the list at `ROWS` rows.
 */
function nextMonthList(previous: readonly ListCells[], department: DepartmentCode, seen: Set<string>): ListCells[] {
  const rng = createRng(`bench-next:${department}`);
  const rows: ListCells[] = previous
    .filter((r) => !isRemoval(r))
    .map((r) => (rng.next() < 0.015 ? { ...r, changeType: CHANGE_TYPE_LABELS.REMOVE, certifiedOn: `${NEXT_MONTH}-${String(1 + rng.int(28)).padStart(2, "0")}` } : { ...r, changeType: CHANGE_TYPE_LABELS.CURRENT }));
  const fresh = generateDepartmentRows({ department, month: NEXT_MONTH, count: Math.ceil((ROWS - rows.length) * 1.1), seed: 8 }).filter((r) => !seen.has(r.idNumber) && seen.add(r.idNumber));
  for (const r of fresh.slice(0, ROWS - rows.length)) rows.push({ ...r, changeType: CHANGE_TYPE_LABELS.ADD, certifiedOn: `${NEXT_MONTH}-15` });
  return rows;
}

async function run(kind: "pglite" | "postgres") {
  const handle = await createTestDatabase(kind, { seedDemo: true });
  const { db } = handle;
  // Four lists of distinct people (random ID numbers can collide across lists; a collision
  // with a different name would rightly be held back as a conflict).
  const seen = new Set<string>();
  const lists = DEPARTMENTS.map(([department]) =>
    generateDepartmentRows({ department, month: MONTH, count: Math.ceil(ROWS * 1.02), seed: 7 })
      .filter((r) => !seen.has(r.idNumber) && seen.add(r.idNumber))
      .slice(0, ROWS),
  );
  const files = lists.map((rows) => encodeListCsv(rows, "utf-8"));
  const nextFiles = DEPARTMENTS.map(([department], i) => encodeListCsv(nextMonthList(lists[i]!, department, seen), "utf-8"));

  // Floor: parsing the same CSV text with no validation, no database.
  let t = performance.now();
  parseCsv(new TextDecoder().decode(files[0]!), { bom: true });
  const parseFloor = performance.now() - t;

  // Peak memory: each database is measured in a process of its own; the figure is the
  // maximum resident set after staging the first file, and its growth over the process with
  // the database open and the four files generated (the intake alone: bench:registry-intake).
  const clerk = await sessionUser(db, "clerk");
  const stageTimes: number[] = [];
  const baselineKb = process.resourceUsage().maxRSS;
  let peakKb = 0;
  for (const [i, [, username]] of DEPARTMENTS.entries()) {
    const user = await sessionUser(db, username);
    t = performance.now();
    const outcome = await stageListUpload(db, user, { bytes: files[i]!, fileName: `${username}.csv`, month: MONTH, declaredEncoding: "auto", dropInvalidRows: false, today: TODAY });
    stageTimes.push(performance.now() - t);
    if (i === 0) peakKb = process.resourceUsage().maxRSS;
    if (outcome.kind !== "staged") throw new Error(`stage failed: ${JSON.stringify(outcome).slice(0, 300)}`);
    await confirmSubmission(db, user, outcome.submissionId);
  }

  t = performance.now();
  const { run: reconciliation, snapshot } = await reconcileMonth(db, clerk, { month: MONTH });
  const reconcileMs = performance.now() - t;

  // The month after: the registry holds everyone, the lists change by a few percent.
  for (const [i, [, username]] of DEPARTMENTS.entries()) {
    const user = await sessionUser(db, username);
    const outcome = await stageListUpload(db, user, { bytes: nextFiles[i]!, fileName: `${username}-next.csv`, month: NEXT_MONTH, declaredEncoding: "auto", dropInvalidRows: false, today: NEXT_TODAY });
    if (outcome.kind !== "staged") throw new Error(`stage failed: ${JSON.stringify(outcome).slice(0, 300)}`);
    await confirmSubmission(db, user, outcome.submissionId);
  }
  t = performance.now();
  const { run: next, snapshot: nextSnapshot } = await reconcileMonth(db, clerk, { month: NEXT_MONTH });
  const nextReconcileMs = performance.now() - t;

  // Floor: inserting the same number of rows in one set-based statement per chunk, nothing else.
  await db.execute(sql`create temporary table bench_floor (id_number varchar, name text, category text, certified_on date)`);
  const floorRows = files.flatMap((_, d) => Array.from({ length: ROWS }, (_, i) => ({ id_number: `${d}${i}`, name: "张三", category: "DIBAO", certified_on: "2024-06-01" })));
  t = performance.now();
  for (let i = 0; i < floorRows.length; i += 10_000) {
    await db.execute(sql`insert into bench_floor select * from json_to_recordset(${JSON.stringify(floorRows.slice(i, i + 10_000))}::json) as x(id_number varchar, name text, category text, certified_on date)`);
  }
  const insertFloor = performance.now() - t;
  await handle.close();

  return {
    kind,
    stageMs: stageTimes[0]!,
    parseFloor,
    peakMb: `${mb(peakKb * 1024)} MB (+${mb((peakKb - baselineKb) * 1024)} MB over the open database and generated files)`,
    reconcileMs,
    insertFloor,
    summary: reconciliation.summary as Record<string, number>,
    snapshotTotal: (snapshot?.counts as { total: number } | undefined)?.total ?? 0,
    nextReconcileMs,
    nextSummary: next.summary as Record<string, number>,
    nextCounts: nextSnapshot?.counts as { total: number; additions: number; removals: number; changes: number } | undefined,
  };
}

const results = await perDatabase(run);

const lines = results.map(
  (r) =>
    `| ${r.kind} | ${s(r.stageMs)} s (floor: csv-parse ${s(r.parseFloor)} s, ×${(r.stageMs / r.parseFloor).toFixed(1)}) | ${r.peakMb} | ${s(r.reconcileMs)} s (floor: bulk insert ${s(r.insertFloor)} s, ×${(r.reconcileMs / r.insertFloor).toFixed(1)}); ${r.summary.newPersons} new persons, ${r.snapshotTotal} in the snapshot, conflicts held: ${r.summary.conflicts} | ${s(r.nextReconcileMs)} s; ${r.nextSummary.added} added, ${r.nextSummary.removed} removed, ${r.nextSummary.unchanged} unchanged; snapshot ${r.nextCounts?.total} (+${r.nextCounts?.additions} −${r.nextCounts?.removals}) |`,
);
const table = [
  `| database | one ${ROWS}-row file validated + previewed + staged (budget < 10 s) | peak RSS of the process after staging it (budget < 500 MB for the intake) | first month, 4 × ${ROWS} rows into an empty registry (budget < 30 s) | the next month, 4 × ${ROWS} rows (budget < 30 s) |`,
  "| --- | --- | --- | --- | --- |",
  ...lines,
].join("\n");
console.log(table);

writeSection(
  "Registry (database)",
  `Command: \`npm run bench:registry\` (${new Date().toISOString().slice(0, 10)}, 2-core machine shared with other work; synthetic 彭水 lists from \`lib/registry/synthetic.ts\`).\nStaging = read + validate every row + preview against the registry + write the draft; reconciliation = merge the four confirmed lists, write persons and identities, build the snapshot.\n\n${table}`,
);
