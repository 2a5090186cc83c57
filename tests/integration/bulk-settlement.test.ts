import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db";
import { executeRows } from "@/db/client";
import { persons } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/types";
import { runSettlementJob, runSettlementJobs } from "@/lib/bulk-settlement/run-job";
import { stageSettlementJob, stageSettlementJobs, type StagedVisit } from "@/lib/bulk-settlement/stage-job";
import { visitInputSchema } from "@/lib/visits/schemas";
import { settleVisit } from "@/lib/visits/settle-visit";
import { generateVisits } from "@/lib/visits/synthetic-visits";
import { runSettlementJobsInThreads } from "../../scripts/support/run-jobs-in-threads";
import { BACKENDS, createTestDatabase } from "../support/db";
import { enrolled } from "../support/enrolment";
import { pengshuiId, sessionUser } from "../support/registry";

const PEOPLE = 24;
const CATEGORIES = ["DIBAO", "TEKUN", "FANPIN", null] as const;

/** A county with PEOPLE people (every fourth with no category, the last two not enrolled) and the same staged visits. */
async function county(kind: (typeof BACKENDS)[number]) {
  const handle = await createTestDatabase(kind, { seedDemo: true });
  const { db } = handle;
  const clerk = await sessionUser(db, "clerk");
  const ids: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const [p] = await db.insert(persons).values({ idNumber: pengshuiId("1955-01-01", 100 + i), name: "测试人", regionCode: "500243", townshipCode: "500243001", birthDate: "1955-01-01" }).returning();
    const category = CATEGORIES[i % 4];
    if (category) await db.execute(sql`insert into identities (person_id, category, department_code, valid_from) values (${p!.id}, ${category}::category, 'MINZHENG', '2024-01-01')`);
    if (i < PEOPLE - 2) await enrolled(db, clerk, p!.id, 2025, { coverageFrom: i === 5 ? "2025-07-01" : "2025-01-01" });
    ids.push(p!.id);
  }
  // Heavy users: the caps and alerts are reached inside the job.
  const visits: StagedVisit[] = generateVisits({ count: 400, persons: PEOPLE, year: 2025, seed: 7 }).map((v, i) => ({
    personId: ids[v.personIndex]!,
    externalVisitNumber: `BULK-${String(i).padStart(5, "0")}`,
    visitDate: v.visitDate,
    visit: { kind: v.kind, hospitalLevel: v.hospitalLevel, location: v.location, referral: v.referral, specialDisease: v.specialDisease ? "on" : undefined, totalCost: v.totalCost, outOfCatalogCost: v.outOfCatalogCost, selfPayFirstCost: v.selfPayFirstCost },
  }));
  return { handle, clerk, visits };
}

/** What a settled county-year is: every ledger entry's amounts by hospital number, the totals, the alerts. */
async function outcome(handle: DatabaseHandle) {
  const { db } = handle;
  const ledger = await executeRows<Record<string, string>>(
    db,
    sql`select v.external_visit_number, s.resolved_category, s.basic_insurance::text, s.critical_illness_insurance::text, s.medical_assistance::text, s.tilted_assistance::text, s.out_of_pocket::text,
               s.year_to_date_after::text as ytd
        from settlements s join visits v on v.id = s.visit_id order by v.external_visit_number`,
  );
  const totals = await executeRows<Record<string, string>>(
    db,
    sql`select p.id_number, t.basic_paid::text, t.critical_paid::text, t.assistance_paid::text, t.tilted_paid::text,
               t.ledger_policy_range_cost::text, t.ledger_basic_insurance::text, t.ledger_critical_illness_insurance::text, t.ledger_supplementary_insurance::text
        from person_year_totals t join persons p on p.id = t.person_id where t.year = 2025 order by p.id_number`,
  );
  const alerts = await executeRows<Record<string, string>>(db, sql`select p.id_number, a.level, a.burden::text from alerts a join persons p on p.id = a.person_id order by 1, 2`);
  return { ledger, totals: totals.filter((t) => t.basic_paid !== "0.00" || t.assistance_paid !== "0.00"), alerts };
}

describe.each(BACKENDS)("bulk settlement on %s", (kind) => {
  const opened: DatabaseHandle[] = [];
  let reference: Awaited<ReturnType<typeof outcome>>;

  beforeAll(async () => {
    // The reference: the same visits through the clerk's path, one by one in date order.
    const { handle, clerk, visits } = await county(kind);
    opened.push(handle);
    const ordered = [...visits].sort((a, b) => (a.visitDate < b.visitDate ? -1 : a.visitDate > b.visitDate ? 1 : a.externalVisitNumber < b.externalVisitNumber ? -1 : 1));
    for (const v of ordered) {
      await settleVisit(handle.db, clerk, visitInputSchema.parse({ ...v.visit, personId: v.personId, visitDate: v.visitDate, externalVisitNumber: v.externalVisitNumber })).catch((e: unknown) => {
        if (!(e instanceof Error) || !("code" in e)) throw e; // refused like the job refuses
      });
    }
    reference = await outcome(handle);
  }, 120_000);
  afterAll(async () => Promise.all(opened.map((h) => h.close())));

  test("settles every visit as the clerk's path would, to the fen, with the same totals and alerts", async () => {
    const { handle, clerk, visits } = await county(kind);
    opened.push(handle);
    const job = await stageSettlementJob(handle.db, clerk, { label: "2025年全县结算", visits });
    const done = await runSettlementJob(handle.db, clerk, job.id, { batchSize: 64 });
    expect(done).toMatchObject({ state: "done", total: 400, lastSeq: 400, existing: 0 });
    expect(done.settled + done.refused).toBe(400);
    expect(done.refused).toBeGreaterThan(0); // the two people without an enrolment, and visits before person 5's cover
    expect(reference.ledger).toHaveLength(done.settled);
    expect(reference.alerts.length).toBeGreaterThan(0);
    expect(await outcome(handle)).toEqual(reference);
    // The ledger sums kept beside the totals are the ledger's own sums, person-year by person-year.
    const drift = await executeRows(
      handle.db,
      sql`select t.person_id from person_year_totals t
          left join (select person_id, year, sum(policy_range_cost) as pr, sum(basic_insurance) as b, sum(critical_illness_insurance) as c, sum(supplementary_insurance) as su
                     from settlements group by person_id, year) s on s.person_id = t.person_id and s.year = t.year
          where (t.ledger_policy_range_cost, t.ledger_basic_insurance, t.ledger_critical_illness_insurance, t.ledger_supplementary_insurance)
                is distinct from (coalesce(s.pr, 0), coalesce(s.b, 0), coalesce(s.c, 0), coalesce(s.su, 0))`,
    );
    expect(drift).toEqual([]);
    expect(reference.totals.some((t) => t.ledger_policy_range_cost !== "0.00")).toBe(true);
  }, 120_000);

  test("staged as parts of disjoint people and run side by side: the same ledger, totals and alerts as one run", async () => {
    const { handle, clerk, visits } = await county(kind);
    opened.push(handle);
    // A hospital number given twice, for two people: it stays in one part and settles once.
    const jobs = await stageSettlementJobs(handle.db, clerk, { label: "2025年全县结算", visits: [...visits, { ...visits[0]!, personId: visits[1]!.personId }], parts: 3 });
    expect(jobs.map((j) => j.label)).toEqual(["2025年全县结算（1/3）", "2025年全县结算（2/3）", "2025年全县结算（3/3）"]);
    expect(jobs.every((j) => j.total > 0)).toBe(true);
    const byPart = await executeRows<{ person_id: string; parts: number }>(handle.db, sql`select person_id, count(distinct job_id)::int as parts from settlement_job_rows group by 1 having count(distinct job_id) > 1`);
    // Only the person of the repeated number's second row may have rows in two parts.
    expect(byPart.length).toBeLessThanOrEqual(1);
    expect(byPart.every((r) => r.person_id === visits[1]!.personId && r.parts === 2)).toBe(true);
    const done = await runSettlementJobs(handle.db, clerk, jobs.map((j) => j.id), { batchSize: 16 });
    expect(done.every((j) => j.state === "done")).toBe(true);
    expect(done.reduce((n, j) => n + j.existing, 0)).toBe(1);
    expect(await outcome(handle)).toEqual(reference);
  }, 120_000);

  test.runIf(kind === "postgres")("on PostgreSQL, the parts in worker threads of their own: the same ledger, totals and alerts; a thread's failure reaches the caller", async () => {
    const { handle, clerk, visits } = await county(kind);
    opened.push(handle);
    const jobs = await stageSettlementJobs(handle.db, clerk, { label: "2025年全县结算", visits, parts: 2 });
    const progress: number[] = [];
    const done = await runSettlementJobsInThreads(handle.url!, clerk, jobs.map((j) => j.id), { batchSize: 16, onProgress: (p) => progress.push(p.done) });
    expect(done.map((j) => j.state)).toEqual(["done", "done"]);
    expect(done.reduce((n, j) => n + j.settled + j.refused, 0)).toBe(400);
    expect(progress.at(-1)).toBe(400);
    expect(await outcome(handle)).toEqual(reference);
    await expect(runSettlementJobsInThreads(handle.url!, clerk, [randomUUID()])).rejects.toThrow("未找到该批量结算任务");
  }, 120_000);

  test("killed midway (a batch's transaction dies before commit) and run again: every visit settled once, totals as an uninterrupted run", async () => {
    const { handle, clerk, visits } = await county(kind);
    opened.push(handle);
    const job = await stageSettlementJob(handle.db, clerk, { label: "2025年全县结算", visits });
    const crash = new Error("killed");
    await expect(runSettlementJob(handle.db, clerk, job.id, { batchSize: 64, beforeCommit: (batch) => { if (batch === 3) throw crash; } })).rejects.toBe(crash);
    const [midway] = await executeRows<{ last_seq: number; n: number }>(handle.db, sql`select last_seq, (select count(*)::int from settlements) as n from settlement_jobs`);
    expect(midway!.last_seq).toBe(128); // two batches committed, the third rolled back whole
    const resumed = await runSettlementJob(handle.db, clerk, job.id, { batchSize: 64 });
    expect(resumed).toMatchObject({ state: "done", lastSeq: 400 });
    expect(await outcome(handle)).toEqual(reference);
    // A run of a finished job changes nothing; visits already in the ledger are never settled twice.
    await runSettlementJob(handle.db, clerk, job.id, { batchSize: 64 });
    const again = await stageSettlementJob(handle.db, clerk, { label: "重复导入", visits: visits.slice(0, 50) });
    const inLedger = new Set(reference.ledger.map((l) => l.external_visit_number));
    const repeated = await runSettlementJob(handle.db, clerk, again.id, { batchSize: 64 });
    expect(repeated).toMatchObject({ settled: 0, existing: visits.slice(0, 50).filter((v) => inLedger.has(v.externalVisitNumber)).length });
    expect(await outcome(handle)).toEqual(reference);
  }, 120_000);

  test.runIf(kind === "postgres")("the command killed with SIGKILL mid-run and started again: every visit settled once, as an uninterrupted run", async () => {
    const { handle, clerk, visits } = await county(kind);
    opened.push(handle);
    const job = await stageSettlementJob(handle.db, clerk, { label: "kill test", visits });
    const [{ name } = { name: "" }] = await executeRows<{ name: string }>(handle.db, sql`select current_database() as name`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    const root = path.resolve(import.meta.dirname, "../..");
    const command = (extra: string[]) =>
      spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/support/allow-server-only.mjs", "scripts/bulk-settle.ts", "--job", job.id, "--batch", "16", ...extra], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url.toString() },
        stdio: ["ignore", "pipe", "pipe"],
      });
    // First run: killed as soon as a few batches have committed.
    const first = command([]);
    await new Promise<void>((resolve, reject) => {
      let seen = "";
      first.stderr.on("data", (chunk: Buffer) => {
        seen += chunk.toString();
        const done = [...seen.matchAll(/\] (\d+)\/400/g)].map((m) => Number(m[1]));
        if (done.length > 0 && done[done.length - 1]! >= 64 && first.exitCode === null) first.kill("SIGKILL");
      });
      first.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`bulk run ended before the kill: ${seen.slice(-500)}`))));
    });
    const [midway] = await executeRows<{ last_seq: number; state: string }>(handle.db, sql`select last_seq, state::text from settlement_jobs where id = ${job.id}`);
    expect(midway!.state).toBe("running");
    expect(midway!.last_seq).toBeGreaterThan(0);
    expect(midway!.last_seq).toBeLessThan(400);
    // Second run: the same command resumes and finishes.
    const second = command([]);
    const exit = await new Promise<number | null>((resolve) => second.on("exit", (code) => resolve(code)));
    expect(exit).toBe(0);
    expect(await outcome(handle)).toEqual(reference);
  }, 180_000);

  test("another county's clerk cannot run the job", async () => {
    const handle = opened[0]!;
    const clerk = await sessionUser(handle.db, "clerk");
    const job = await stageSettlementJob(handle.db, clerk, { label: "x", visits: [] });
    const outsider: SessionUser = { ...clerk, id: "00000000-0000-4000-8000-000000000009", regionScope: "500242" };
    await expect(runSettlementJob(handle.db, outsider, job.id)).rejects.toMatchObject({ status: 404 });
  });
});
