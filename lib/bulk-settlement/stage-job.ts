import "server-only";
import { eq, sql } from "drizzle-orm";
import { executeRows, type Db } from "@/db/client";
import { settlementJobs, type SettlementJob } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { countyOf } from "@/lib/registry/county-of";

/** One visit to settle in bulk: the registry person, the hospital's number, the facts as the form sends them. */
export interface StagedVisit {
  personId: string;
  externalVisitNumber: string;
  visitDate: string;
  visit: Record<string, string | undefined>;
}

/**
 * Stages a county-year's visits for `runSettlementJob`, numbered by visit date (then hospital
 * number) so each person's caps accumulate in time order. Staging writes nothing to the ledger.
 */
export async function stageSettlementJob(db: Db, actor: SessionUser, input: { label: string; visits: readonly StagedVisit[] }): Promise<SettlementJob> {
  const [job] = await stageSettlementJobs(db, actor, { ...input, parts: 1 });
  return job!;
}

/**
 * Stages the visits as `parts` jobs of disjoint people, to be run side by side
 * (`runSettlementJobs`): while one job's batch is being written, the engine settles the
 * other's. A person's visits stay in one job, so their caps still accumulate in date order;
 * a hospital number given twice stays in the job of its first row (it settles once). All parts
 * are staged in one transaction: a failure leaves none of them, never a job missing its visits.
 */
export async function stageSettlementJobs(db: Db, actor: SessionUser, input: { label: string; visits: readonly StagedVisit[]; parts: number }): Promise<SettlementJob[]> {
  const regionCode = countyOf(actor);
  assertInScope(actor, { permission: "visit.settle", region: regionCode });
  const parts = Math.max(1, Math.floor(input.parts));
  const groups: StagedVisit[][] = Array.from({ length: parts }, () => []);
  const partOfNumber = new Map<string, number>();
  for (const v of input.visits) {
    const part = partOfNumber.get(v.externalVisitNumber) ?? personPart(v.personId, parts);
    partOfNumber.set(v.externalVisitNumber, part);
    groups[part]!.push(v);
  }
  return db.transaction(async (tx) => {
    const jobs: SettlementJob[] = [];
    for (const [i, visits] of groups.entries()) {
      const label = parts === 1 ? input.label : `${input.label}（${i + 1}/${parts}）`;
      const ordered = [...visits].sort((a, b) => (a.visitDate < b.visitDate ? -1 : a.visitDate > b.visitDate ? 1 : a.externalVisitNumber < b.externalVisitNumber ? -1 : 1));
      const [job] = await tx.insert(settlementJobs).values({ regionCode, label, total: ordered.length, createdBy: actor.id }).returning();
      for (let k = 0; k < ordered.length; k += 10_000) {
        const chunk = ordered.slice(k, k + 10_000).map((v, j) => ({ seq: k + j + 1, person_id: v.personId, external_visit_number: v.externalVisitNumber, visit_date: v.visitDate, visit: v.visit }));
        await executeRows(
          tx,
          sql`insert into settlement_job_rows (job_id, seq, person_id, external_visit_number, visit_date, visit)
              select ${job!.id}::uuid, seq, person_id, external_visit_number, visit_date, visit
              from json_to_recordset(${JSON.stringify(chunk)}::json) as x(seq int, person_id uuid, external_visit_number varchar, visit_date date, visit jsonb)`,
        );
      }
      await recordAudit(tx, { actor, action: "settlement-job.stage", targetType: "settlement_job", targetId: job!.id, details: { total: ordered.length, label } });
      jobs.push(job!);
    }
    return jobs;
  });
}

/** A stable part for a person: FNV-1a of the id. */
function personPart(personId: string, parts: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < personId.length; i++) hash = Math.imul(hash ^ personId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % parts;
}

export async function getSettlementJob(db: Db, actor: SessionUser, jobId: string): Promise<SettlementJob> {
  const [job] = await db.select().from(settlementJobs).where(eq(settlementJobs.id, jobId)).limit(1);
  if (!job) throw new AuthError(404, "NOT_FOUND", "未找到该批量结算任务");
  assertInScope(actor, { permission: "visit.settle", region: job.regionCode });
  return job;
}
