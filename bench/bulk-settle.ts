/**
 * `npm run bench:bulk` (issue 6 "Scale"): a county-year settled by the bulk job — by default
 * 100,000 people and 1,000,000 visits (BENCH_PERSONS, BENCH_VISITS) — on PostgreSQL (and, at
 * a tenth of the size, on PGlite), with the floor measured in the same run: a plain COPY of
 * the same ledger and visit rows into empty copies of the tables.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { runSettlementJobs, summariseJobs } from "@/lib/bulk-settlement/run-job";
import { stageSettlementJobs } from "@/lib/bulk-settlement/stage-job";
import { createTestDatabase } from "../tests/support/db";
import { sessionUser } from "../tests/support/registry";
import { runSettlementJobsInThreads } from "../scripts/support/run-jobs-in-threads";
import { loadSyntheticCounty, syntheticVisits } from "../scripts/support/synthetic-county";
import { copyTablesFloor, perDatabase, writeSection } from "./support";

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const VISITS = Number(process.env.BENCH_VISITS ?? 1_000_000);
const YEAR = 2025;

async function run(kind: "pglite" | "postgres") {
  const scale = kind === "pglite" ? 10 : 1;
  const handle = await createTestDatabase(kind, { seedDemo: true });
  const { db } = handle;
  const clerk = await sessionUser(db, "clerk");
  let t = performance.now();
  const ids = await loadSyntheticCounty(db, clerk, { persons: Math.round(PERSONS / scale), year: YEAR, seed: 3 });
  const setupMs = performance.now() - t;
  const visits = syntheticVisits(ids, { count: Math.round(VISITS / scale), year: YEAR, seed: 3 });
  t = performance.now();
  const jobs = await stageSettlementJobs(db, clerk, { label: "bench", visits, parts: 2 });
  const stageMs = performance.now() - t;
  t = performance.now();
  const jobIds = jobs.map((j) => j.id);
  // PostgreSQL: each job in a thread of its own, as `npm run bulk:settle` runs them.
  const ended = kind === "postgres" ? await runSettlementJobsInThreads(handle.url!, clerk, jobIds, { batchSize: 5_000 }) : await runSettlementJobs(db, clerk, jobIds, { batchSize: 5_000 });
  const done = summariseJobs(ended);
  const settleMs = performance.now() - t;
  console.error(`${kind}: ${visits.length} visits settled in ${(settleMs / 1000).toFixed(1)} s`);

  // Floor: the same rows written by COPY into empty tables of the same shape (PostgreSQL), or
  // by one INSERT … SELECT (PGlite has no COPY from a client stream).
  let copyMs: number;
  if (kind === "postgres") {
    copyMs = await copyTablesFloor(handle.url!, ["visits", "settlements"]);
  } else {
    await db.execute(sql`create table floor_visits (like visits including defaults)`);
    await db.execute(sql`create table floor_settlements (like settlements including defaults)`);
    t = performance.now();
    await db.execute(sql`insert into floor_visits select * from visits`);
    await db.execute(sql`insert into floor_settlements select * from settlements`);
    copyMs = performance.now() - t;
  }
  await handle.close();
  return { kind, persons: ids.length, visits: visits.length, settled: done.settled, refused: done.refused, setupMs, stageMs, settleMs, copyMs };
}

const results = await perDatabase(run);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const table = [
  "| database | people | visits (settled / refused) | setup: registry + roster | stage | bulk settlement | visits/s | floor: plain COPY of the same rows | ratio |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ...results.map(
    (r) =>
      `| ${r.kind} | ${r.persons.toLocaleString("en-US")} | ${r.visits.toLocaleString("en-US")} (${r.settled.toLocaleString("en-US")} / ${r.refused.toLocaleString("en-US")}) | ${s(r.setupMs)} | ${s(r.stageMs)} | **${s(r.settleMs)}** | ${Math.round(r.visits / (r.settleMs / 1000)).toLocaleString("en-US")} | ${s(r.copyMs)} | ×${(r.settleMs / r.copyMs).toFixed(1)} |`,
  ),
].join("\n");
console.log(table);
writeSection(
  "Bulk settlement (county-year)",
  `Command: \`npm run bench:bulk\` (${new Date().toISOString().slice(0, 10)}; synthetic 彭水 county-year; PGlite at a tenth of the size). Two jobs of disjoint people (\`lib/bulk-settlement\`), run side by side (on PostgreSQL each in a worker thread of its own, as \`npm run bulk:settle\` runs them), settle visits in date order through the engine in batches of 5,000 — categories on the visit date, the enrolment, the locked person-year totals, alerts — each batch committing its visits, ledger entries, totals, alerts and the progress marker together. The floor copies the same visit and ledger rows into empty tables of the same shape (COPY on PostgreSQL). Budget: 1,000,000 visits < 5 min on PostgreSQL.\n\n${table}`,
);
