import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conflictDismissals, reconciliationConflicts, reconciliationRuns } from "@/db/schema";
import { UserFacingError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { AuthError } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { applyPlan, setRowOutcomes } from "./apply-plan";
import { countyOf } from "./county-of";
import { createSnapshot } from "./create-snapshot";
import { loadRegistryState } from "./load-registry-state";
import { planApplication, type RowRef } from "./plan-reconciliation";
import { loadSubmittedRows } from "./reconcile-month";

export type ConflictDecision = "apply" | "reject" | "not_conflict";

/**
 * A clerk settles one conflict (W2.1): apply the rows as sent (for a name mismatch,
 * under the chosen name), reject them, or declare it "not a conflict" — remembered,
 * so the same pair is not raised next month. When the person's last conflict is
 * settled their rows are applied; when the run's last one is, the month's snapshot is made.
 */
export async function resolveConflict(db: Db, actor: SessionUser, input: { conflictId: string; decision: ConflictDecision; name?: string; reason: string }) {
  const regionCode = countyOf(actor);
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ conflict: reconciliationConflicts, run: reconciliationRuns })
      .from(reconciliationConflicts)
      .innerJoin(reconciliationRuns, eq(reconciliationRuns.id, reconciliationConflicts.runId))
      .where(eq(reconciliationConflicts.id, input.conflictId))
      .for("update")
      .limit(1);
    if (!found || found.run.regionCode !== regionCode) throw new AuthError(404, "NOT_FOUND", "未找到该记录");
    const { conflict, run } = found;
    if (conflict.status !== "open") return { conflict, runCompleted: run.status === "completed" }; // a double click does nothing

    const details = conflict.details as { rows: RowRef[]; names?: Array<{ name: string }> };
    if (conflict.kind === "NAME_MISMATCH" && input.decision === "apply") {
      if (!input.name || !details.names?.some((n) => n.name === input.name)) {
        throw new UserFacingError("NAME_REQUIRED", "请选择正确的姓名", { name: "请选择正确的姓名" });
      }
    }
    await tx
      .update(reconciliationConflicts)
      .set({
        status: input.decision === "not_conflict" ? "not_conflict" : "resolved",
        resolution: JSON.stringify({ decision: input.decision, name: input.name ?? null, reason: input.reason }),
        resolvedBy: actor.id,
        resolvedAt: sql`now()`,
      })
      .where(eq(reconciliationConflicts.id, conflict.id));
    if (input.decision === "not_conflict") {
      await tx
        .insert(conflictDismissals)
        .values({ regionCode, idNumber: conflict.idNumber, kind: conflict.kind, pairKey: conflict.pairKey, reason: input.reason, decidedBy: actor.id })
        .onConflictDoNothing();
    }
    if (input.decision === "reject") {
      await setRowOutcomes(tx, details.rows.map((r) => ({ ...r, outcome: "rejected", note: input.reason })));
    }

    // The person's rows move once every conflict about them is settled.
    const siblings = await tx
      .select()
      .from(reconciliationConflicts)
      .where(and(eq(reconciliationConflicts.runId, run.id), eq(reconciliationConflicts.idNumber, conflict.idNumber)));
    if (siblings.every((c) => c.id === conflict.id || c.status !== "open")) {
      const submissionIds = (run.summary as { submissions: string[] }).submissions;
      const chosenName = siblings
        .map((c) => (c.id === conflict.id ? input.name : c.resolution ? (JSON.parse(c.resolution) as { name?: string }).name : undefined))
        .find((n): n is string => !!n);
      const rows = (await loadSubmittedRows(tx, submissionIds))
        .filter((r) => r.idNumber === conflict.idNumber)
        .filter((r) => !rejectedRows(siblings, conflict.id, input).has(`${r.submissionId}:${r.rowNumber}`))
        .map((r) => (chosenName ? { ...r, name: chosenName } : r));
      const registry = await loadRegistryState(tx, regionCode, [conflict.idNumber]);
      await applyPlan(tx, regionCode, planApplication(rows, registry));
    }

    const [{ open } = { open: 0 }] = await tx
      .select({ open: sql<number>`count(*)::int` })
      .from(reconciliationConflicts)
      .where(and(eq(reconciliationConflicts.runId, run.id), eq(reconciliationConflicts.status, "open")));
    const runCompleted = Number(open) === 0;
    if (runCompleted) {
      await tx.update(reconciliationRuns).set({ status: "completed", completedAt: sql`now()` }).where(eq(reconciliationRuns.id, run.id));
      await createSnapshot(tx, regionCode, run.month, run.id);
    }
    await recordAudit(tx, {
      actor,
      action: "registry.resolve_conflict",
      targetType: "reconciliation_conflict",
      targetId: conflict.id,
      details: { kind: conflict.kind, decision: input.decision, runCompleted },
    });
    return { conflict: { ...conflict, status: input.decision === "not_conflict" ? "not_conflict" : "resolved" }, runCompleted };
  });
}

function rejectedRows(
  siblings: Array<typeof reconciliationConflicts.$inferSelect>,
  currentId: string,
  input: { decision: ConflictDecision },
): Set<string> {
  const out = new Set<string>();
  for (const c of siblings) {
    const decision = c.id === currentId ? input.decision : c.resolution ? (JSON.parse(c.resolution) as { decision: string }).decision : null;
    if (decision === "reject") for (const r of (c.details as { rows: RowRef[] }).rows) out.add(`${r.submissionId}:${r.rowNumber}`);
  }
  return out;
}
