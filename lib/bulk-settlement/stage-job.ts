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
  const regionCode = countyOf(actor);
  assertInScope(actor, { permission: "visit.settle", region: regionCode });
  const ordered = [...input.visits].sort((a, b) => (a.visitDate < b.visitDate ? -1 : a.visitDate > b.visitDate ? 1 : a.externalVisitNumber < b.externalVisitNumber ? -1 : 1));
  return db.transaction(async (tx) => {
    const [job] = await tx.insert(settlementJobs).values({ regionCode, label: input.label, total: ordered.length, createdBy: actor.id }).returning();
    for (let i = 0; i < ordered.length; i += 10_000) {
      const chunk = ordered.slice(i, i + 10_000).map((v, j) => ({ seq: i + j + 1, person_id: v.personId, external_visit_number: v.externalVisitNumber, visit_date: v.visitDate, visit: v.visit }));
      await executeRows(
        tx,
        sql`insert into settlement_job_rows (job_id, seq, person_id, external_visit_number, visit_date, visit)
            select ${job!.id}::uuid, seq, person_id, external_visit_number, visit_date, visit
            from json_to_recordset(${JSON.stringify(chunk)}::json) as x(seq int, person_id uuid, external_visit_number varchar, visit_date date, visit jsonb)`,
      );
    }
    await recordAudit(tx, { actor, action: "settlement-job.stage", targetType: "settlement_job", targetId: job!.id, details: { total: ordered.length, label: input.label } });
    return job!;
  });
}

export async function getSettlementJob(db: Db, actor: SessionUser, jobId: string): Promise<SettlementJob> {
  const [job] = await db.select().from(settlementJobs).where(eq(settlementJobs.id, jobId)).limit(1);
  if (!job) throw new AuthError(404, "NOT_FOUND", "未找到该批量结算任务");
  assertInScope(actor, { permission: "visit.settle", region: job.regionCode });
  return job;
}
