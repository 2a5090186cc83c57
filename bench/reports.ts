/**
 * `npm run bench:reports` (issue 6): a county-year at scale on PostgreSQL, then
 *  1. the bulk settlement of its visits (default 100,000 people, 1,000,000 visits; budget
 *     < 5 min), with a plain COPY of the same rows as the floor;
 *  2. the report, dashboard and ledger queries on that data: p95 of repeated calls (< 300 ms),
 *     each with the ratio to a trivial query of the same connection;
 *  3. 50 concurrent users on the estimator, a person lookup and the dashboard against
 *     `next start` on the same database (p95 < 300 ms), each with the ratio to a static page:
 *     users reading each page for about a second, then the same users without a pause
 *     (throughput, with the ratio to the cheapest dynamic page, /login, as well).
 * Figures go to docs/benchmarks.md. BENCH_PERSONS / BENCH_VISITS / BENCH_LOAD_SECONDS scale it;
 * BENCH_KEEP_DB=1 leaves the database (sanchong_bench_reports) behind for probing a page by hand.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { prepareDatabase } from "@/db";
import { executeRows } from "@/db/client";
import { summariseJobs } from "@/lib/bulk-settlement/run-job";
import { stageSettlementJobs } from "@/lib/bulk-settlement/stage-job";
import { getDispatchReport } from "@/lib/reports/dispatch-report";
import { getDashboard } from "@/lib/reports/dashboard";
import { getPersonLedger } from "@/lib/reports/person-ledger";
import { sessionUser } from "../tests/support/registry";
import { runSettlementJobsInThreads } from "../scripts/support/run-jobs-in-threads";
import { loadSyntheticCounty, syntheticVisits } from "../scripts/support/synthetic-county";
import { copyTablesFloor, postgresUrl, writeSection } from "./support";

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const VISITS = Number(process.env.BENCH_VISITS ?? 1_000_000);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
/** jobs of disjoint people run side by side, each in a worker thread of its own */
const PARTS = 2;
const YEAR = 2025;
const PORT = 3299;
const root = path.resolve(import.meta.dirname, "..");

const server = await postgresUrl();
if (!server) {
  console.error("bench:reports needs PostgreSQL (DATABASE_URL or 127.0.0.1:5432)");
  process.exit(1);
}
const admin = postgres(server, { max: 1, onnotice: () => {} });
await admin.unsafe("drop database if exists sanchong_bench_reports with (force)");
await admin.unsafe("create database sanchong_bench_reports");
const url = new URL(server);
url.pathname = "/sanchong_bench_reports";
const handle = await prepareDatabase({ url: url.toString(), seedDemo: true });
const { db } = handle;
const clerk = await sessionUser(db, "clerk");
const supervisor = await sessionUser(db, "supervisor");
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

// 1. Bulk settlement and its floor.
let t = performance.now();
const ids = await loadSyntheticCounty(db, clerk, { persons: PERSONS, year: YEAR, seed: 7 });
const visits = syntheticVisits(ids, { count: VISITS, year: YEAR, seed: 7 });
const setupMs = performance.now() - t;
t = performance.now();
const jobs = await stageSettlementJobs(db, clerk, { label: "bench:reports", visits, parts: PARTS });
const stageMs = performance.now() - t;
t = performance.now();
const done = summariseJobs(await runSettlementJobsInThreads(url.toString(), clerk, jobs.map((j) => j.id), { onProgress: (p) => process.stderr.write(`\r  bulk ${p.done}/${p.total}`) }));
const settleMs = performance.now() - t;
process.stderr.write("\n");
const copyMs = await copyTablesFloor(url.toString(), ["visits", "settlements"]);
await db.execute(sql`analyze`);

// 2. Query latency on that data.
const months = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, "0")}`);
const sample = Array.from({ length: 40 }, (_, i) => ids[(i * 2_503) % ids.length]!);
async function timed(run: () => Promise<unknown>, times: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    out.push(performance.now() - started);
  }
  return out;
}
const floorQuery = p95(await timed(() => executeRows(db, sql`select 1`), 60));
let month = 0;
let person = 0;
const queries: Array<[string, number[]]> = [
  ["monthly dispatch report (one county, one month)", await timed(() => getDispatchReport(db, clerk, { regionCode: "500243", month: months[month++ % 12]! }), 36)],
  ["dashboard, city scope (38 counties: trend, splits, overview)", await timed(() => getDashboard(db, supervisor, { month: months[month++ % 12]! }), 24)],
  ["dashboard, one county (+ townships)", await timed(() => getDashboard(db, supervisor, { month: months[month++ % 12]!, county: "500243" }), 24)],
  ["person ledger (a year of one person)", await timed(() => getPersonLedger(db, clerk, { personId: sample[person++ % sample.length]!, year: YEAR }), 40)],
];

// 3. Pages under load against `next start` on the same database.
const built = spawn(process.execPath, ["-e", "import('./scripts/lib.mjs').then((m) => m.buildIfStale())"], { cwd: root, stdio: "inherit" });
await new Promise((resolve) => built.on("exit", resolve));
const secret = randomBytes(32).toString("base64url");
const app = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(PORT), "-H", "127.0.0.1"], {
  cwd: root,
  env: { ...process.env, DATABASE_URL: url.toString(), AUTH_SECRET: secret, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: `http://127.0.0.1:${PORT}`, NEXT_TELEMETRY_DISABLED: "1" },
  stdio: "ignore",
});
const base = `http://127.0.0.1:${PORT}`;
for (let i = 0; i < 120; i++) {
  const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
  if (ok) break;
  await new Promise((r) => setTimeout(r, 500));
}

/** Signs in through next-auth's credentials flow; returns the cookie header. */
async function signIn(username: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, v] = pair!.split("=");
      jar.set(k!, v!);
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, username, password: "sanchong2026", json: "true" }),
  });
  keep(res);
  return cookie();
}
const clerkCookie = await signIn("clerk");
const supervisorCookie = await signIn("supervisor");

/** 50 users, each requesting the page again `pauseMs` after the last answer (0: back to back). */
async function load(pathname: string, cookie = "", pauseMs = 0): Promise<{ p95: number; p50: number; rps: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + LOAD_SECONDS * 1000;
  const warm = performance.now() + 2_000;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const res = await fetch(base + pathname, { headers: { cookie }, redirect: "manual" }).catch(() => null);
        if (res) await res.arrayBuffer();
        if (!res || res.status !== 200) errors++;
        if (started > warm) latencies.push(performance.now() - started);
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs * (0.5 + Math.random())));
      }
    }),
  );
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p95: p95(sorted), p50: sorted[Math.floor(sorted.length / 2)]!, rps: latencies.length / (LOAD_SECONDS - 2), errors };
}
const PAGES: Array<[string, string, string]> = [
  ["static page `/` (floor)", "/", ""],
  ["sign-in page `/login` (the cheapest dynamic page: the framework's floor)", "/login", ""],
  ["estimator `/estimate?…` (engine per request)", "/estimate?policy=pengshui-2023&date=2025-06-15&cat=DIBAO&tier=1&kind=inpatient&level=2&loc=county&ref=not_required&total=120000.00&ooc=15000.00&spf=5000.00", ""],
  ["person lookup `/county/persons/[id]`", `/county/persons/${sample[0]}`, clerkCookie],
  ["supervisor dashboard `/supervisor`", `/supervisor?month=${YEAR}-06`, supervisorCookie],
];
const pages: Array<[string, Awaited<ReturnType<typeof load>>]> = [];
for (const [name, pathname, cookie] of PAGES) pages.push([name, await load(pathname, cookie)]);
/** The same users reading each page for about a second (0.5–1.5 s) before the next. */
const PAUSE_MS = 1_000;
const paced: Array<[string, Awaited<ReturnType<typeof load>>]> = [];
for (const [name, pathname, cookie] of PAGES) paced.push([name, await load(pathname, cookie, PAUSE_MS)]);
app.kill("SIGTERM");
await handle.close();
if (!process.env.BENCH_KEEP_DB) await admin.unsafe("drop database if exists sanchong_bench_reports with (force)");
await admin.end();

const ms = (x: number) => `${x.toFixed(0)} ms`;
const staticP95 = pages[0]![1].p95;
const dynamicP95 = pages[1]![1].p95;
const body = [
  `Command: \`npm run bench:reports\` (${new Date().toISOString().slice(0, 10)}; PostgreSQL; ${ids.length.toLocaleString("en-US")} synthetic 彭水 people, ${visits.length.toLocaleString("en-US")} visits of ${YEAR}).`,
  "",
  `**Bulk settlement** (\`lib/bulk-settlement\`, ${PARTS} jobs of disjoint people run side by side, each in a worker thread of its own, batches of 5,000: categories on the date, enrolment, locked totals, engine, ledger, month totals, alerts, progress marker in one transaction per batch). Budget: < 5 min.`,
  "",
  "| setup (registry + roster) | stage | bulk settlement | visits/s | settled / refused | floor: COPY of the same visit and ledger rows | ratio |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  `| ${s(setupMs)} | ${s(stageMs)} | **${s(settleMs)}** | ${Math.round(visits.length / (settleMs / 1000)).toLocaleString("en-US")} | ${done.settled.toLocaleString("en-US")} / ${done.refused.toLocaleString("en-US")} | ${s(copyMs)} | ×${(settleMs / copyMs).toFixed(1)} |`,
  "",
  `**Queries** on that data (sequential calls; floor: \`select 1\` on the same connection, p95 ${floorQuery.toFixed(2)} ms). Budget: p95 < 300 ms.`,
  "",
  "| query | calls | p95 | ratio to floor |",
  "| --- | --- | --- | --- |",
  ...queries.map(([name, xs]) => `| ${name} | ${xs.length} | **${ms(p95(xs))}** | ×${(p95(xs) / floorQuery).toFixed(0)} |`),
  "",
  `**Pages under load**: 50 concurrent users against \`next start\` (one Node process) on the same database and the same 2-core machine as the load generator, ${LOAD_SECONDS} s per page (first 2 s not counted). Budget: p95 < 300 ms. Each user reads the page for 0.5–1.5 s before asking for the next one (about one request a second each, 50 a second in all):`,
  "",
  "| page | requests/s | p50 | p95 | ratio of p95 to the static page | non-200 |",
  "| --- | --- | --- | --- | --- | --- |",
  ...paced.map(([name, r]) => `| ${name} | ${Math.round(r.rps)} | ${ms(r.p50)} | **${ms(r.p95)}** | ×${(r.p95 / paced[0]![1].p95).toFixed(1)} | ${r.errors} |`),
  "",
  "The same 50 users without reading: each asks again the moment its answer arrives, so 50 requests are always in flight. This measures how many requests a second one process serves (p95 is then about 50 ÷ requests/s), not what a user waits for:",
  "",
  "| page | requests/s | p50 | p95 | ratio of p95 to the static page | to the cheapest dynamic page | non-200 |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  ...pages.map(([name, r]) => `| ${name} | ${Math.round(r.rps)} | ${ms(r.p50)} | **${ms(r.p95)}** | ×${(r.p95 / staticP95).toFixed(1)} | ×${(r.p95 / dynamicP95).toFixed(1)} | ${r.errors} |`),
].join("\n");
console.log(body);
writeSection("Reports at county scale", body);
