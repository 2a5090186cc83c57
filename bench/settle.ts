/**
 * `npm run bench:settle` (issue 5): settles synthetic visits through the same code path as
 * the clerk's screen (form schema → settleVisit: registry categories, the enrolment, locked
 * person-year totals, engine, ledger, totals, alerts) on PGlite and, when one answers, PostgreSQL; reports
 * visits/s with the engine alone on the same requests as the floor.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { simulate } from "@/lib/settlement";
import { visitInputSchema } from "@/lib/visits/schemas";
import { settleVisit } from "@/lib/visits/settle-visit";
import { generateVisits } from "@/lib/visits/synthetic-visits";
import { createTestDatabase } from "../tests/support/db";
import { sessionUser } from "../tests/support/registry";
import { loadSyntheticCounty } from "../scripts/support/synthetic-county";
import { perDatabase, writeSection } from "./support";

const VISITS = Number(process.env.BENCH_VISITS ?? 100_000);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const YEAR = 2025;

async function run(kind: "pglite" | "postgres") {
  const handle = await createTestDatabase(kind, { seedDemo: true });
  const { db } = handle;
  const clerk = await sessionUser(db, "clerk");
  // Setup (not timed): the registry's people, their identities and this year's roster.
  const personIds = await loadSyntheticCounty(db, clerk, { persons: PEOPLE, year: YEAR, seed: 11 });
  const visits = generateVisits({ count: VISITS, persons: personIds.length, year: YEAR, seed: 11 });
  const forms = visits.map((v) =>
    visitInputSchema.parse({ ...v, personId: personIds[v.personIndex]!, specialDisease: v.specialDisease ? "on" : undefined }),
  );

  // Floor: the engine alone on the same visits (no database, fresh year-to-date).
  let t = performance.now();
  for (const f of forms) {
    simulate({ region: "500243", date: f.visitDate, person: { categories: ["DIBAO"], insuranceTier: 1 }, visit: { kind: f.kind, hospitalLevel: f.hospitalLevel, location: f.location, referral: f.referral, specialDisease: f.specialDisease, transferFromLevel: null, totalCost: f.totalCost, outOfCatalogCost: f.outOfCatalogCost, selfPayFirstCost: f.selfPayFirstCost } });
  }
  const engineMs = performance.now() - t;

  // The screen's path; PGlite is one connection, PostgreSQL gets concurrent workers.
  const workers = kind === "postgres" ? CONCURRENCY : 1;
  let next = 0;
  t = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < forms.length) await settleVisit(db, clerk, forms[next++]!);
    }),
  );
  const settleMs = performance.now() - t;
  const [{ n } = { n: 0 }] = (await db.execute(sql`select count(*)::int as n from settlements`).then((r) => ((r as { rows?: unknown[] }).rows ?? r) as Array<{ n: number }>));
  await handle.close();
  return { kind, workers, visits: forms.length, stored: Number(n), settleMs, engineMs };
}

const results = await perDatabase(run);

const rate = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString("en-US");
const table = [
  `| database | visits settled (stored) | connections | visits/s through settleVisit | engine alone on the same visits (floor) | ratio |`,
  `| --- | --- | --- | --- | --- | --- |`,
  ...results.map((r) => `| ${r.kind} | ${r.visits} (${r.stored}) | ${r.workers} | ${rate(r.visits, r.settleMs)} | ${rate(r.visits, r.engineMs)}/s | ×${(r.settleMs / r.engineMs).toFixed(1)} |`),
].join("\n");
console.log(table);

writeSection(
  "Settlement (database)",
  `Command: \`npm run bench:settle\` (${new Date().toISOString().slice(0, 10)}; ${PEOPLE} synthetic 彭水 people, visits from \`lib/visits/synthetic-visits.ts\`). Each visit goes through the clerk's path: form schema → \`settleVisit\` (the enrolment's cover and tier, categories on the visit date, person-year totals locked, engine with trace, ledger entry, totals, month totals, the year's burden and alerts, audit) in one transaction.\n\n${table}`,
);
