import "server-only";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { reconciliationConflicts, reconciliationRuns, registrySnapshots } from "@/db/schema";
import { assertInScope, AuthError } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { maskIdNumber } from "./id-number";

/** A reconciliation run with its conflicts (ID numbers masked) and its snapshot. */
export async function getReconciliationRun(db: DbOrTx, actor: SessionUser, runId: string) {
  const [run] = await db.select().from(reconciliationRuns).where(eq(reconciliationRuns.id, runId)).limit(1);
  if (!run) throw new AuthError(404, "NOT_FOUND", "未找到该记录");
  assertInScope(actor, { permission: "registry.reconcile", region: run.regionCode });
  const conflicts = await db.select().from(reconciliationConflicts).where(eq(reconciliationConflicts.runId, run.id)).orderBy(asc(reconciliationConflicts.idNumber));
  const [snapshot] = await db.select().from(registrySnapshots).where(eq(registrySnapshots.runId, run.id)).limit(1);
  return {
    run,
    snapshot: snapshot ?? null,
    conflicts: conflicts.map(({ idNumber, ...c }) => ({ ...c, maskedIdNumber: maskIdNumber(idNumber) })),
  };
}
