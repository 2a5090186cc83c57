/**
 * `npm run bulk:settle`: settles a county-year's visits in bulk through lib/settlement
 * (issue 6 "Scale"), with a progress bar; killed at any point, the same command resumes.
 *
 *   npm run bulk:settle -- --generate --persons 100000 --visits 1000000 [--year 2025] [--seed 1] [--parts 2]
 *       loads a synthetic county (people, identities, the year's roster) and stages the visits
 *       as `parts` jobs of disjoint people, run side by side
 *   npm run bulk:settle -- --job <id> [--job <id>]   runs (or resumes) staged jobs
 *   npm run bulk:settle                        resumes the county's unfinished jobs, if any
 *   [--batch 5000] [--max-batches N]
 *
 * On PostgreSQL each job runs in a worker thread with its own connection (their engine work
 * side by side); on PGlite they share this thread.
 *
 * Database: DATABASE_URL, or the PGlite directory DATA_DIR/bulk (never the demo's: PGlite is
 * single-process). Needs a county clerk: the demo account `clerk` is seeded into that database.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { and, eq, inArray } from "drizzle-orm";
import { prepareDatabase } from "@/db";
import { settlementJobs, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/types";
import { runSettlementJobs, summariseJobs } from "@/lib/bulk-settlement/run-job";
import { stageSettlementJobs } from "@/lib/bulk-settlement/stage-job";
import { readEnv } from "@/lib/env";
import { runSettlementJobsInThreads } from "./support/run-jobs-in-threads";
import { loadSyntheticCounty, syntheticVisits } from "./support/synthetic-county";

const { values } = parseArgs({
  options: {
    generate: { type: "boolean", default: false },
    persons: { type: "string", default: "100000" },
    visits: { type: "string", default: "1000000" },
    year: { type: "string", default: "2025" },
    seed: { type: "string", default: "1" },
    job: { type: "string", multiple: true },
    parts: { type: "string", default: "2" },
    batch: { type: "string", default: "5000" },
    "max-batches": { type: "string" },
  },
});

const env = readEnv();
const handle = await prepareDatabase({ url: env.DATABASE_URL, dataDir: path.resolve(env.DATA_DIR, "bulk"), seedDemo: true });
const { db } = handle;
const [row] = await db.select().from(users).where(eq(users.username, "clerk"));
if (!row) throw new Error("no county clerk `clerk` in this database");
const clerk: SessionUser = { id: row.id, username: row.username, displayName: row.displayName, role: row.role, regionScope: row.regionScope, departmentCode: row.departmentCode };

let jobIds = values.job ?? [];
if (values.generate) {
  const year = Number(values.year);
  const t = performance.now();
  const ids = await loadSyntheticCounty(db, clerk, { persons: Number(values.persons), year, seed: Number(values.seed) });
  const visits = syntheticVisits(ids, { count: Number(values.visits), year, seed: Number(values.seed) });
  const jobs = await stageSettlementJobs(db, clerk, { label: `${year}年合成数据（${ids.length}人，${visits.length}次就诊）`, visits, parts: Number(values.parts) });
  jobIds = jobs.map((j) => j.id);
  console.error(`staged ${visits.length} visits of ${ids.length} people in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
if (jobIds.length === 0) {
  const open = await db
    .select()
    .from(settlementJobs)
    .where(and(eq(settlementJobs.regionCode, clerk.regionScope), inArray(settlementJobs.state, ["staged", "running"])));
  if (open.length === 0) {
    console.error("没有未完成的批量结算任务；用 --generate 生成一个。");
    process.exit(1);
  }
  jobIds = open.map((j) => j.id);
}
console.log(`jobs ${jobIds.join(" ")}`);

const started = performance.now();
const bar = (done: number, total: number) => {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const rate = done / Math.max(0.001, (performance.now() - started) / 1000);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} (${Math.round(rate)}/s)`;
};
const runOptions = {
  batchSize: Number(values.batch),
  maxBatches: values["max-batches"] ? Number(values["max-batches"]) : undefined,
  onProgress: (p: ReturnType<typeof summariseJobs>) => process.stderr.write(`\r${bar(p.done, p.total)}`),
};
// On PostgreSQL each job runs in a thread of its own; PGlite is single-process.
const summary = summariseJobs(env.DATABASE_URL ? await runSettlementJobsInThreads(env.DATABASE_URL, clerk, jobIds, runOptions) : await runSettlementJobs(db, clerk, jobIds, runOptions));
process.stderr.write("\n");
console.log(JSON.stringify({ ...summary, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }));
await handle.close();
