import "server-only";
import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { executeRows, type Db, type Tx } from "@/db/client";
import { insertColumns, textArray } from "@/db/bulk";
import { LEDGER_SUM_COLUMNS, LEDGER_SUM_FIELDS, settlementJobs, YEAR_TO_DATE_COLUMNS, type SettlementJob } from "@/db/schema";
import type { CategoryCode } from "@/db/schema/enums";
import Decimal from "decimal.js";
import { recordAudit } from "@/lib/audit/record-audit";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { assessYearBurden, EngineError, simulate, YEAR_TO_DATE_FIELDS, type YearToDate } from "@/lib/settlement";
import { addToMonthTotals } from "@/lib/reports/month-totals";
import { receiptParameters, storeParameterParts, type ParameterPart } from "@/lib/visits/receipts";
import { visitInputSchema } from "@/lib/visits/schemas";

export interface RunOptions {
  /** Visits per transaction. */
  batchSize?: number;
  /** Called after each committed batch (the progress bar). */
  onProgress?: (job: SettlementJob) => void;
  /** Tests only: runs inside each batch's transaction after its writes; throwing simulates a crash. */
  beforeCommit?: (batch: number) => void;
  /** Stop after this many batches (the rest stays for a later run). */
  maxBatches?: number;
  /**
   * Parameter-set keys committed earlier in this run (shared by its parts): a batch sends only
   * new ones. Re-sending known ones cost a large statement per batch, and a part inserting a key
   * the other part had inserted but not yet committed waited for that whole transaction.
   */
  storedParameterKeys?: Set<string>;
}

/** The person_year_totals columns a batch reads locked and writes back: the year-to-date totals and the ledger sums. */
const TOTALS_COLUMNS = [...Object.values(YEAR_TO_DATE_COLUMNS), ...Object.values(LEDGER_SUM_COLUMNS)];
type LedgerSums = Record<(typeof LEDGER_SUM_FIELDS)[number], Decimal>;

interface StagedRow {
  seq: number;
  person_id: string;
  external_visit_number: string;
  visit_date: string;
  visit: Record<string, string | undefined>;
}


/**
 * Settles a staged job batch by batch through the engine — the same rules as `settleVisit`
 * (registry categories on the visit date, the enrolment's tier and cover, the person-year's
 * locked totals, alerts) but with set-based writes. Each batch commits its visits, ledger
 * entries, totals, alerts, refusals and the job's progress marker in one transaction, so a
 * run killed at any point resumes after the last committed batch and settles every visit once.
 */
export async function runSettlementJob(db: Db, actor: SessionUser, jobId: string, options: RunOptions = {}): Promise<SettlementJob> {
  const batchSize = options.batchSize ?? 5_000;
  const [job] = await db.select().from(settlementJobs).where(eq(settlementJobs.id, jobId)).limit(1);
  if (!job) throw new AuthError(404, "NOT_FOUND", "未找到该批量结算任务");
  assertInScope(actor, { permission: "visit.settle", region: job.regionCode });
  await db.update(settlementJobs).set({ state: "running", startedAt: sql`coalesce(${settlementJobs.startedAt}, now())`, error: null }).where(eq(settlementJobs.id, jobId));

  const storedParameterKeys = options.storedParameterKeys ?? new Set<string>();
  for (let batch = 1; ; batch++) {
    if (options.maxBatches !== undefined && batch > options.maxBatches) break;
    const { job: current, parameterKeys } = await db.transaction((tx) => settleBatch(tx, actor, jobId, batchSize, storedParameterKeys, () => options.beforeCommit?.(batch)));
    for (const key of parameterKeys) storedParameterKeys.add(key); // committed now
    options.onProgress?.(current);
    if (current.state === "done") return current;
  }
  const [latest] = await db.select().from(settlementJobs).where(eq(settlementJobs.id, jobId));
  return latest!;
}

/** The parts of one staged county-year as one figure: rows done (Σ progress markers) of the total. */
export function summariseJobs(jobs: readonly SettlementJob[]) {
  const sum = (field: "total" | "lastSeq" | "settled" | "existing" | "refused") => jobs.reduce((n, j) => n + j[field], 0);
  const state = jobs.every((j) => j.state === "done") ? "done" : jobs.some((j) => j.state === "failed") ? "failed" : "running";
  return { state, total: sum("total"), done: sum("lastSeq"), settled: sum("settled"), existing: sum("existing"), refused: sum("refused") };
}

/**
 * Runs the jobs of `stageSettlementJobs` side by side, each with its own transactions and
 * progress marker (their people are disjoint; killed, each resumes on its own). `onProgress`
 * receives the summary of all the jobs after each committed batch of any of them.
 */
export async function runSettlementJobs(
  db: Db,
  actor: SessionUser,
  jobIds: readonly string[],
  options: Omit<RunOptions, "onProgress"> & { onProgress?: (summary: ReturnType<typeof summariseJobs>) => void } = {},
): Promise<SettlementJob[]> {
  const { onProgress, ...rest } = options;
  const latest = new Map((await db.select().from(settlementJobs).where(inArray(settlementJobs.id, [...jobIds]))).map((j) => [j.id, j]));
  const storedParameterKeys = new Set<string>();
  return Promise.all(
    jobIds.map((id) =>
      runSettlementJob(db, actor, id, {
        ...rest,
        storedParameterKeys,
        onProgress: (job) => {
          latest.set(job.id, job);
          onProgress?.(summariseJobs([...latest.values()]));
        },
      }),
    ),
  );
}

async function settleBatch(
  tx: Tx,
  actor: SessionUser,
  jobId: string,
  batchSize: number,
  storedParameterKeys: ReadonlySet<string>,
  beforeCommit: () => void,
): Promise<{ job: SettlementJob; parameterKeys: string[] }> {
  // The job row is the run's lock: two runs of one job never interleave.
  const [job] = await tx.select().from(settlementJobs).where(eq(settlementJobs.id, jobId)).for("update");
  if (!job || job.state === "done") return { job: job!, parameterKeys: [] };
  const rows = await executeRows<StagedRow>(
    tx,
    sql`select seq, person_id, external_visit_number, visit_date::text as visit_date, visit from settlement_job_rows
        where job_id = ${jobId} and seq > ${job.lastSeq} order by seq limit ${batchSize}`,
  );
  if (rows.length === 0) {
    const [done] = await tx.update(settlementJobs).set({ state: "done", finishedAt: sql`now()` }).where(eq(settlementJobs.id, jobId)).returning();
    await recordAudit(tx, { actor, action: "settlement-job.done", targetType: "settlement_job", targetId: jobId, details: { settled: done!.settled, existing: done!.existing, refused: done!.refused } });
    return { job: done!, parameterKeys: [] };
  }
  const personIds = [...new Set(rows.map((r) => r.person_id))];
  const years = [...new Set(rows.map((r) => Number(r.visit_date.slice(0, 4))))];

  // Everything the engine needs for the batch, read set-based.
  const identityRows = await executeRows<{ person_id: string; category: CategoryCode; valid_from: string; valid_to: string | null }>(
    tx,
    sql`select person_id, category, valid_from::text as valid_from, valid_to::text as valid_to from identities where person_id = any(${textArray(personIds)}::uuid[])`,
  );
  const identities = groupBy(identityRows, (r) => r.person_id);
  const enrolmentRows = await executeRows<{ person_id: string; year: number; insurance_tier: number; coverage_from: string }>(
    tx,
    sql`select person_id, year, insurance_tier, coverage_from::text as coverage_from from enrolments where person_id = any(${textArray(personIds)}::uuid[])`,
  );
  const enrolment = new Map(enrolmentRows.map((e) => [`${e.person_id}|${e.year}`, e]));
  const settledBefore = await executeRows<{ external_visit_number: string }>(
    tx,
    sql`select external_visit_number from visits where region_code = ${job.regionCode} and external_visit_number = any(${textArray(rows.map((r) => r.external_visit_number))})`,
  );
  const existing = new Set(settledBefore.map((r) => r.external_visit_number));
  // The person-years' totals, created when missing and locked like settleVisit does.
  await executeRows(
    tx,
    sql`insert into person_year_totals (person_id, year) select p, y from unnest(${textArray(personIds)}::uuid[]) p cross join unnest(${`{${years.join(",")}}`}::int[]) y
        on conflict do nothing`,
  );
  const totalRows = await executeRows<Record<string, string>>(
    tx,
    sql`select person_id, year, ${sql.raw(TOTALS_COLUMNS.map((c) => `${c}::text as ${c}`).join(", "))} from person_year_totals
        where person_id = any(${textArray(personIds)}::uuid[]) and year = any(${`{${years.join(",")}}`}::int[]) for update`,
  );
  // W7 as settleVisit does it, visit by visit: the person-year's ledger sums and the alert levels already open.
  const totals = new Map<string, YearToDate>();
  const ledgerSums = new Map<string, LedgerSums>();
  for (const t of totalRows) {
    const key = `${t.person_id}|${t.year}`;
    totals.set(key, Object.fromEntries(YEAR_TO_DATE_FIELDS.map((f) => [f, t[YEAR_TO_DATE_COLUMNS[f]]!])) as YearToDate);
    ledgerSums.set(key, Object.fromEntries(LEDGER_SUM_FIELDS.map((f) => [f, new Decimal(t[LEDGER_SUM_COLUMNS[f]]!)])) as LedgerSums);
  }
  const openLevels = new Set(
    (await executeRows<{ person_id: string; year: number; level: number }>(tx, sql`select person_id, year, level from alerts where person_id = any(${textArray(personIds)}::uuid[])`)).map((a) => `${a.person_id}|${a.year}|${a.level}`),
  );
  const alertsOut: Record<string, unknown>[] = [];

  const visitOut: Record<string, unknown>[] = [];
  const ledgerOut: Record<string, unknown>[] = [];
  const refusals: { seq: number; message: string }[] = [];
  const touched = new Set<string>();
  let existingCount = 0;
  const parameterParts = new Map<string, ParameterPart>(); // the batch's receipt parameter sets
  for (const row of rows) {
    if (existing.has(row.external_visit_number)) {
      existingCount++;
      continue;
    }
    existing.add(row.external_visit_number); // a number repeated inside the job settles once
    const year = Number(row.visit_date.slice(0, 4));
    const key = `${row.person_id}|${year}`;
    const cover = enrolment.get(key);
    if (!cover) {
      refusals.push({ seq: row.seq, message: `该人员没有${year}年度的参保登记` });
      continue;
    }
    if (row.visit_date < cover.coverage_from) {
      refusals.push({ seq: row.seq, message: "就诊日期早于参保待遇生效日期" });
      continue;
    }
    const parsed = visitInputSchema.safeParse({ ...row.visit, personId: row.person_id, visitDate: row.visit_date, externalVisitNumber: row.external_visit_number });
    if (!parsed.success) {
      refusals.push({ seq: row.seq, message: parsed.error.issues[0]!.message });
      continue;
    }
    const input = parsed.data;
    const yearToDate = totals.get(key)!;
    const categories = [...new Set((identities.get(row.person_id) ?? []).filter((i) => i.valid_from <= row.visit_date && (i.valid_to === null || i.valid_to > row.visit_date)).map((i) => i.category))];
    const facts = { kind: input.kind, hospitalLevel: input.hospitalLevel, location: input.location, referral: input.referral, specialDisease: input.specialDisease, transferFromLevel: input.transferFromLevel };
    let result;
    try {
      result = simulate(
        {
          region: job.regionCode,
          date: input.visitDate,
          person: { categories, insuranceTier: cover.insurance_tier },
          visit: { ...facts, totalCost: input.totalCost, outOfCatalogCost: input.outOfCatalogCost, selfPayFirstCost: input.selfPayFirstCost },
          yearToDate,
        },
        { trace: false },
      );
    } catch (error) {
      if (error instanceof EngineError) {
        refusals.push({ seq: row.seq, message: error.message });
        continue;
      }
      throw error;
    }
    const { key: parameterKey, part } = receiptParameters(result.receipt);
    if (!storedParameterKeys.has(parameterKey)) parameterParts.set(parameterKey, part);
    const visitId = randomUUID();
    const settlementId = randomUUID();
    const a = result.amounts;
    visitOut.push({
      id: visitId,
      created_by: actor.id,
      region_code: job.regionCode,
      person_id: row.person_id,
      external_visit_number: row.external_visit_number,
      hospital_name: input.hospitalName,
      visit_date: input.visitDate,
      kind: facts.kind,
      hospital_level: facts.hospitalLevel,
      location: facts.location,
      referral: facts.referral,
      special_disease: facts.specialDisease,
      transfer_from_level: facts.transferFromLevel,
      total_cost: a.totalCost,
      out_of_catalog_cost: a.outOfCatalogCost,
      self_pay_first_cost: a.selfPayFirstCost,
    });
    ledgerOut.push({
      id: settlementId,
      entry_type: "settlement",
      created_by: actor.id,
      visit_id: visitId,
      person_id: row.person_id,
      region_code: job.regionCode,
      year,
      policy_code: result.policy.code,
      parameter_version: result.policy.parameterVersion,
      receipt_id: result.receipt.id,
      resolved_category: result.resolvedCategory,
      total_cost: a.totalCost,
      policy_range_cost: a.policyRangeCost,
      basic_insurance: a.basicInsurance,
      critical_illness_insurance: a.criticalIllnessInsurance,
      supplementary_insurance: a.supplementaryInsurance,
      medical_assistance: a.medicalAssistance,
      tilted_assistance: a.tiltedAssistance,
      out_of_pocket: a.outOfPocket,
      year_to_date_before: yearToDate,
      year_to_date_after: result.yearToDateAfter,
      engine_version: result.receipt.engineVersion,
      receipt_request: result.receipt.request,
      receipt_parameter_set: parameterKey,
    });
    totals.set(key, result.yearToDateAfter);
    touched.add(key);
    const sums = ledgerSums.get(key)!;
    for (const f of LEDGER_SUM_FIELDS) sums[f] = sums[f].plus(a[f]);
    const assessment = assessYearBurden({
      region: job.regionCode,
      date: input.visitDate,
      policyRangeCost: sums.policyRangeCost.toFixed(2),
      basicInsurance: sums.basicInsurance.toFixed(2),
      criticalIllnessInsurance: sums.criticalIllnessInsurance.toFixed(2),
      supplementaryInsurance: sums.supplementaryInsurance.toFixed(2),
    });
    for (const level of assessment.levels) {
      if (!level.crossed || openLevels.has(`${key}|${level.level}`)) continue;
      openLevels.add(`${key}|${level.level}`);
      alertsOut.push({ person_id: row.person_id, region_code: job.regionCode, year, level: level.level, burden: assessment.burden, threshold: level.threshold, settlement_id: settlementId });
    }
  }

  await storeParameterParts(tx, parameterParts);
  await writeBatch(tx, visitOut, ledgerOut, refusals, jobId);
  const changed = [...touched.keys()];
  if (changed.length > 0) {
    const values = changed.map((k) => {
      const [personId, year] = k.split("|");
      const ytd = totals.get(k)!;
      const sums = ledgerSums.get(k)!;
      return {
        person_id: personId,
        year: Number(year),
        ...Object.fromEntries(YEAR_TO_DATE_FIELDS.map((f) => [YEAR_TO_DATE_COLUMNS[f], ytd[f]])),
        ...Object.fromEntries(LEDGER_SUM_FIELDS.map((f) => [LEDGER_SUM_COLUMNS[f], sums[f].toFixed(2)])),
      };
    });
    await executeRows(
      tx,
      sql`update person_year_totals t set ${sql.raw(TOTALS_COLUMNS.map((c) => `${c} = x.${c}`).join(", "))}, updated_at = now()
          from json_to_recordset(${JSON.stringify(values)}::json) as x(person_id uuid, year int, ${sql.raw(TOTALS_COLUMNS.map((c) => `${c} numeric`).join(", "))})
          where t.person_id = x.person_id and t.year = x.year`,
    );
  }
  if (alertsOut.length > 0) {
    await executeRows(
      tx,
      sql`insert into alerts (person_id, region_code, year, level, burden, threshold, settlement_id)
          select person_id, region_code, year, level, burden, threshold, settlement_id
          from json_to_recordset(${JSON.stringify(alertsOut)}::json) as x(person_id uuid, region_code varchar, year int, level int, burden numeric, threshold numeric, settlement_id uuid)
          on conflict do nothing`,
    );
  }
  // Last, so the month-total rows that parts run side by side share are locked the shortest time.
  await addToMonthTotals(tx, ledgerOut.map((l) => l.id as string));
  const [updated] = await tx
    .update(settlementJobs)
    .set({
      lastSeq: rows[rows.length - 1]!.seq,
      settled: sql`${settlementJobs.settled} + ${ledgerOut.length}`,
      existing: sql`${settlementJobs.existing} + ${existingCount}`,
      refused: sql`${settlementJobs.refused} + ${refusals.length}`,
    })
    .where(eq(settlementJobs.id, jobId))
    .returning();
  beforeCommit();
  return { job: updated!, parameterKeys: [...parameterParts.keys()] };
}

const VISIT_COLUMNS = [
  ["id", "uuid"], ["region_code", "varchar"], ["person_id", "uuid"], ["external_visit_number", "varchar"], ["hospital_name", "text"], ["visit_date", "date"],
  ["kind", "visit_kind"], ["hospital_level", "int"], ["location", "visit_location"], ["referral", "referral"], ["special_disease", "boolean"],
  ["transfer_from_level", "int"], ["total_cost", "numeric"], ["out_of_catalog_cost", "numeric"], ["self_pay_first_cost", "numeric"], ["created_by", "uuid"],
] as const;
const LEDGER_COLUMNS = [
  ["id", "uuid"], ["visit_id", "uuid"], ["person_id", "uuid"], ["region_code", "varchar"], ["year", "int"], ["entry_type", "settlement_entry"], ["policy_code", "varchar"],
  ["parameter_version", "text"], ["receipt_id", "char(64)"], ["resolved_category", "category"], ["total_cost", "numeric"], ["policy_range_cost", "numeric"],
  ["basic_insurance", "numeric"], ["critical_illness_insurance", "numeric"], ["supplementary_insurance", "numeric"], ["medical_assistance", "numeric"],
  ["tilted_assistance", "numeric"], ["out_of_pocket", "numeric"], ["year_to_date_before", "jsonb"], ["year_to_date_after", "jsonb"], ["engine_version", "varchar"],
  ["receipt_request", "jsonb"], ["receipt_parameter_set", "char(64)"], ["created_by", "uuid"],
] as const;

async function writeBatch(tx: Tx, visits: Record<string, unknown>[], ledger: Record<string, unknown>[], refusals: { seq: number; message: string }[], jobId: string) {
  const fields = (columns: readonly (readonly [string, string])[], row: Record<string, unknown>) => columns.map(([c]) => row[c]);
  await insertColumns(tx, "visits", VISIT_COLUMNS, visits.map((v) => fields(VISIT_COLUMNS, v)), 2_000);
  await insertColumns(tx, "settlements", LEDGER_COLUMNS, ledger.map((l) => fields(LEDGER_COLUMNS, l)), 2_000);
  if (refusals.length > 0) {
    await executeRows(
      tx,
      sql`insert into settlement_job_refusals (job_id, seq, message) select ${jobId}::uuid, seq, message from json_to_recordset(${JSON.stringify(refusals)}::json) as x(seq int, message text)`,
    );
  }
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
