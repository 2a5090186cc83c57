import "server-only";
import { and, asc, desc, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { listSubmissionRows, listSubmissions } from "@/db/schema";
import { assertInScope, AuthError } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { loadRegistryState } from "./load-registry-state";
import { previewAgainstRegistry } from "./plan-list-changes";

/**
 * One submission with its rows: for a draft, the preview against the registry as it
 * stands now; afterwards, what became of each row. Department users only see their
 * own department's (403 for another's); other counties' answer 404.
 */
export async function getSubmission(db: DbOrTx, actor: SessionUser, submissionId: string) {
  const [submission] = await db.select().from(listSubmissions).where(eq(listSubmissions.id, submissionId)).limit(1);
  if (!submission) throw new AuthError(404, "NOT_FOUND", "未找到该记录");
  const permission = actor.role === "department" ? "registry.submit" : "registry.reconcile";
  assertInScope(actor, { permission, region: submission.regionCode, department: submission.departmentCode });
  const rows = await db.select().from(listSubmissionRows).where(eq(listSubmissionRows.submissionId, submission.id)).orderBy(asc(listSubmissionRows.rowNumber));
  const listRows = rows.map((r) => ({ ...r, certifiedOn: String(r.certifiedOn), changeType: r.changeType as "ADD" | "REMOVE" | "CURRENT" }));
  const preview =
    submission.status === "draft"
      ? previewAgainstRegistry(listRows, submission.departmentCode, await loadRegistryState(db, submission.regionCode, listRows.map((r) => r.idNumber)))
      : null;
  return { submission, rows: listRows, preview };
}

/** The submissions a user may see: a department's own, or all of the county's. */
export async function listSubmissionsFor(db: DbOrTx, actor: SessionUser, filter: { month?: string } = {}) {
  const conditions = [eq(listSubmissions.regionCode, actor.regionScope), ne(listSubmissions.status, "discarded")];
  if (actor.role === "department" && actor.departmentCode) conditions.push(eq(listSubmissions.departmentCode, actor.departmentCode));
  if (filter.month) conditions.push(eq(listSubmissions.month, filter.month));
  return db
    .select()
    .from(listSubmissions)
    .where(and(...conditions))
    .orderBy(desc(listSubmissions.month), desc(listSubmissions.uploadedAt))
    .limit(200);
}
