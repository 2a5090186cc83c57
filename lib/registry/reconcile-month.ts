import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { executeRows, type Db, type DbOrTx } from "@/db/client";
import { selectTuples, textArray } from "@/db/bulk";
import { conflictDismissals, listSubmissions, reconciliationConflicts, reconciliationRuns } from "@/db/schema";
import type { CategoryCode, ChangeType, DepartmentCode } from "@/db/schema/enums";
import { UserFacingError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/types";
import { applyPlan, setRowOutcomes } from "./apply-plan";
import { countyOf } from "./county-of";
import { createSnapshot } from "./create-snapshot";
import { loadRegistryState } from "./load-registry-state";
import { dismissalKey, findConflicts, planApplication, type SubmittedRow } from "./plan-reconciliation";

/** Rows of the given submissions as the planner sees them, in the order the lists were confirmed. */
export async function loadSubmittedRows(db: DbOrTx, submissionIds: string[]): Promise<SubmittedRow[]> {
  if (submissionIds.length === 0) return [];
  const tuples = await selectTuples(
    db,
    sql`select r.submission_id, s.department_code, r.row_number, r.id_number, r.name, r.category, r.change_type,
               r.certified_on, r.township_code, r.phone, s.confirmed_at
        from list_submission_rows r join list_submissions s on s.id = r.submission_id
        where r.submission_id = any(${textArray(submissionIds)}::uuid[]) and r.outcome <> 'dropped'`,
    ["submission_id", "department_code", "row_number", "id_number", "name", "category", "change_type", "certified_on", "township_code", "phone"],
    "t.confirmed_at, t.row_number",
  );
  return tuples.map(([submissionId, department, rowNumber, idNumber, name, category, changeType, certifiedOn, townshipCode, phone]) => ({
    submissionId: submissionId!,
    department: department as DepartmentCode,
    rowNumber: Number(rowNumber),
    idNumber: idNumber!,
    name: name!,
    category: category as CategoryCode,
    changeType: changeType as ChangeType,
    certifiedOn: certifiedOn!,
    townshipCode: townshipCode!,
    phone: phone || null,
  }));
}

/**
 * W2: merges the month's confirmed department lists into the registry. Rows that
 * conflict wait for a clerk; the rest are applied at once. A month can be run again
 * (a late list): every run is a new version and re-applying a row changes nothing.
 */
export async function reconcileMonth(db: Db, actor: SessionUser, input: { month: string }) {
  const regionCode = countyOf(actor);
  return db.transaction(async (tx) => {
    // One reconciliation of a county-month at a time.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`reconcile:${regionCode}:${input.month}`}))`);
    const submissions = await tx
      .select({ id: listSubmissions.id, departmentCode: listSubmissions.departmentCode })
      .from(listSubmissions)
      .where(and(eq(listSubmissions.regionCode, regionCode), eq(listSubmissions.month, input.month), eq(listSubmissions.status, "confirmed")));
    if (submissions.length === 0) throw new UserFacingError("NO_SUBMISSIONS", `${input.month} 还没有部门确认报送的名单`);

    const rows = await loadSubmittedRows(tx, submissions.map((s) => s.id));
    const registry = await loadRegistryState(tx, regionCode, [...new Set(rows.map((r) => r.idNumber))]);
    const dismissals = await tx.select().from(conflictDismissals).where(eq(conflictDismissals.regionCode, regionCode));
    const dismissed = new Set(dismissals.map((d) => dismissalKey(d.idNumber, d.kind, d.pairKey)));

    const conflicts = findConflicts(rows, registry, dismissed);
    const held = new Set(conflicts.map((c) => c.idNumber));
    const plan = planApplication(rows.filter((r) => !held.has(r.idNumber)), registry);
    await applyPlan(tx, regionCode, plan);
    await setRowOutcomes(
      tx,
      rows.filter((r) => held.has(r.idNumber)).map((r) => ({ submissionId: r.submissionId, rowNumber: r.rowNumber, outcome: "conflict" })),
    );

    const [{ version } = { version: 1 }] = await executeRows<{ version: number }>(
      tx,
      sql`select coalesce(max(version), 0) + 1 as version from reconciliation_runs where region_code = ${regionCode} and month = ${input.month}`,
    );
    const summary = { ...plan.counts, newPersons: plan.newPersons.length, rows: rows.length, conflicts: conflicts.length, submissions: submissions.map((s) => s.id) };
    const [run] = await tx
      .insert(reconciliationRuns)
      .values({
        regionCode,
        month: input.month,
        version: Number(version),
        status: conflicts.length ? "needs_review" : "completed",
        summary,
        runBy: actor.id,
        completedAt: conflicts.length ? null : sql`now()`,
      })
      .returning();
    if (conflicts.length) {
      await tx.insert(reconciliationConflicts).values(
        conflicts.map((c) => ({ runId: run!.id, idNumber: c.idNumber, kind: c.kind, pairKey: c.pairKey, details: { ...c.details, rows: c.rows } })),
      );
    }
    const snapshot = conflicts.length ? null : await createSnapshot(tx, regionCode, input.month, run!.id);
    await recordAudit(tx, {
      actor,
      action: "registry.reconcile",
      targetType: "reconciliation_run",
      targetId: run!.id,
      details: { month: input.month, version: run!.version, ...plan.counts, conflicts: conflicts.length },
    });
    return { run: run!, snapshot };
  });
}
