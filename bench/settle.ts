/**
 * `npm run bench:settle` (issue 5): settles synthetic visits through the same code path as
 * the clerk's screen (form schema → settleVisit: registry categories, the enrolment, locked
 * person-year totals, engine, ledger, totals, alerts) on PGlite and, when one answers, PostgreSQL; reports
 * visits/s with the engine alone on the same requests as the floor.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { persons } from "@/db/schema";
import { generatePersons } from "@/lib/registry/synthetic";
import { simulate } from "@/lib/settlement";
import { visitInputSchema } from "@/lib/visits/schemas";
import { settleVisit } from "@/lib/visits/settle-visit";
import { generateVisits } from "@/lib/visits/synthetic-visits";
import { createTestDatabase } from "../tests/support/db";
import { sessionUser } from "../tests/support/registry";
import { perDatabase, writeSection } from "./support";

const VISITS = Number(process.env.BENCH_VISITS ?? 100_000);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const YEAR = 2025;

async function run(kind: "pglite" | "postgres") {
  const handle = await createTestDatabase(kind, { seedDemo: true });
  const { db } = handle;
  const clerk = await sessionUser(db, "clerk");
  // Setup (not timed): the registry's people and their identities.
  const people = generatePersons({ count: PEOPLE, seed: 11, to: `${YEAR - 1}-12-31` });
  for (let i = 0; i < people.length; i += 5_000) {
    const chunk = people.slice(i, i + 5_000);
    await db.insert(persons).values(chunk.map((p) => ({ idNumber: p.idNumber, name: p.name, regionCode: "500243", townshipCode: p.townshipCode, birthDate: p.birthDate })));
  }
  const identityRows = people.flatMap((p) => p.identities.filter((i) => i.removedOn === null).map((i) => ({ id_number: p.idNumber, category: i.category, department: i.department, valid_from: i.certifiedOn })));
  await db.execute(sql`insert into identities (person_id, category, department_code, valid_from)
    select p.id, x.category::category, x.department::department_code, x.valid_from from json_to_recordset(${JSON.stringify(identityRows)}::json)
    as x(id_number varchar, category text, department text, valid_from date) join persons p on p.id_number = x.id_number`);
  // Everyone enrolled at tier 1 from 1 January (the roster's work, not timed here).
  await db.execute(sql`insert into enrolments (person_id, region_code, year, insurance_tier, paid_on, coverage_from, late, resolved_category,
      individual_contribution, subsidy, person_pays, policy_code, parameter_version, created_by)
    select id, region_code, ${YEAR}, 1, ${`${YEAR - 1}-12-01`}::date, ${`${YEAR}-01-01`}::date, false, 'NONE', 380, 0, 380, 'pengshui-2023', 'bench', ${clerk.id}::uuid from persons`);
  const ids = (await db.select({ id: persons.id, idNumber: persons.idNumber }).from(persons)).reduce((m, r) => m.set(r.idNumber, r.id), new Map<string, string>());
  const visits = generateVisits({ count: VISITS, persons: people.length, year: YEAR, seed: 11 });
  const forms = visits.map((v) =>
    visitInputSchema.parse({ ...v, personId: ids.get(people[v.personIndex]!.idNumber)!, specialDisease: v.specialDisease ? "on" : undefined }),
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
  `Command: \`npm run bench:settle\` (${new Date().toISOString().slice(0, 10)}; ${PEOPLE} synthetic 彭水 people, visits from \`lib/visits/synthetic-visits.ts\`). Each visit goes through the clerk's path: form schema → \`settleVisit\` (categories on the visit date, person-year totals locked, engine with trace, ledger entry, totals, audit) in one transaction.\n\n${table}`,
);
