import "server-only";
import { createHash } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { eachJsonChunk } from "@/db/bulk";
import { sql } from "drizzle-orm";
import { listSubmissions, regions } from "@/db/schema";
import { UserFacingError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { AuthError } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { countyOf } from "./county-of";
import { FILE_TOO_LARGE_MESSAGE, MAX_LIST_BYTES } from "./limits";
import { ListFileError, readListFile } from "./list-file";
import { loadRegistryState } from "./load-registry-state";
import { previewAgainstRegistry } from "./plan-list-changes";
import { validateListRows } from "./validate-list";


export interface RowError {
  rowNumber: number;
  column: string;
  message: string;
}

export type StageOutcome =
  | { kind: "refused"; code: string; message: string }
  | { kind: "invalid"; rowCount: number; validCount: number; errors: RowError[] }
  | { kind: "existing"; submissionId: string; status: string }
  | { kind: "staged"; submissionId: string };

/**
 * W1.1–W1.4: reads and validates a department file; with errors nothing is stored
 * (unless the clerk chose to drop the bad rows); a clean file becomes a draft
 * submission with its preview against the registry, waiting for confirmation.
 * The same content for the same month is the same submission.
 */
export async function stageListUpload(
  db: Db,
  actor: SessionUser,
  input: { bytes: Uint8Array; fileName: string; month: string; declaredEncoding: "auto" | "utf-8" | "gbk"; dropInvalidRows: boolean; today: string },
): Promise<StageOutcome> {
  const regionCode = countyOf(actor);
  const department = actor.departmentCode;
  if (!department) throw new AuthError(403, "FORBIDDEN", "只有部门经办员可以报送名单");
  if (input.bytes.byteLength > MAX_LIST_BYTES) {
    return { kind: "refused", code: "FILE_TOO_LARGE", message: FILE_TOO_LARGE_MESSAGE };
  }
  const fileHash = createHash("sha256").update(input.bytes).digest("hex");
  const [existing] = await db
    .select({ id: listSubmissions.id, status: listSubmissions.status })
    .from(listSubmissions)
    .where(
      and(
        eq(listSubmissions.regionCode, regionCode),
        eq(listSubmissions.departmentCode, department),
        eq(listSubmissions.month, input.month),
        eq(listSubmissions.fileHash, fileHash),
        ne(listSubmissions.status, "discarded"),
      ),
    )
    .limit(1);
  if (existing) return { kind: "existing", submissionId: existing.id, status: existing.status };

  let file;
  try {
    file = await readListFile(input.bytes, { fileName: input.fileName, declaredEncoding: input.declaredEncoding, maxBytes: MAX_LIST_BYTES });
  } catch (error) {
    if (error instanceof ListFileError) return { kind: "refused", code: error.code, message: error.message };
    throw error;
  }
  const townships = await db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.parentCode, regionCode));
  const { valid, errors } = validateListRows(file.rows, { department, townships, today: input.today, month: input.month });
  if (errors.length > 0 && (!input.dropInvalidRows || valid.length === 0)) {
    return { kind: "invalid", rowCount: file.rows.length, validCount: valid.length, errors };
  }

  const registry = await loadRegistryState(db, regionCode, valid.map((r) => r.idNumber));
  const preview = previewAgainstRegistry(valid, department, registry);
  const dropped = new Set(errors.map((e) => e.rowNumber)).size;
  const submissionId = await db.transaction(async (tx) => {
    const [submission] = await tx
      .insert(listSubmissions)
      .values({
        regionCode,
        departmentCode: department,
        month: input.month,
        fileName: input.fileName.slice(0, 200),
        fileHash,
        format: file.format,
        encoding: file.encoding,
        status: "draft",
        rowCount: file.rows.length,
        droppedCount: dropped,
        preview: preview.counts,
        uploadedBy: actor.id,
      })
      .returning({ id: listSubmissions.id });
    const id = submission!.id;
    await eachJsonChunk(valid, (json) =>
      tx.execute(sql`
        insert into list_submission_rows (submission_id, row_number, id_number, name, category, change_type, certified_on, township_code, phone)
        select ${id}::uuid, x."rowNumber", x."idNumber", x.name, x.category::category, x."changeType", x."certifiedOn", x."townshipCode", x.phone
        from json_to_recordset(${json}::json) as x("rowNumber" int, "idNumber" varchar, name text, category text, "changeType" varchar, "certifiedOn" date, "townshipCode" varchar, phone varchar)`),
    );
    await recordAudit(tx, {
      actor,
      action: "registry.stage_list",
      targetType: "list_submission",
      targetId: id,
      details: { month: input.month, rows: file.rows.length, dropped, format: file.format, preview: preview.counts },
    });
    return id;
  });
  return { kind: "staged", submissionId };
}

/** The caller's own department's submission, locked for a state change (404 elsewhere, 403 for another department's). */
async function lockOwnSubmission(tx: Tx, actor: SessionUser, submissionId: string) {
  const regionCode = countyOf(actor);
  const [submission] = await tx.select().from(listSubmissions).where(eq(listSubmissions.id, submissionId)).for("update").limit(1);
  if (!submission || submission.regionCode !== regionCode) throw new AuthError(404, "NOT_FOUND", "未找到该记录");
  if (submission.departmentCode !== actor.departmentCode) throw new AuthError(403, "FORBIDDEN", "这是其他部门报送的名单，您无权查看");
  return submission;
}

/** Confirms a draft (W1.2): earlier confirmed lists of the same department and month are superseded. */
export async function confirmSubmission(db: Db, actor: SessionUser, submissionId: string) {
  return db.transaction(async (tx) => {
    const submission = await lockOwnSubmission(tx, actor, submissionId);
    if (submission.status === "confirmed") return submission; // a double click confirms once
    if (submission.status !== "draft") throw new UserFacingError("NOT_DRAFT", "该名单已作废或被替换，不能确认");
    await tx
      .update(listSubmissions)
      .set({ status: "superseded" })
      .where(
        and(
          eq(listSubmissions.regionCode, submission.regionCode),
          eq(listSubmissions.departmentCode, submission.departmentCode),
          eq(listSubmissions.month, submission.month),
          eq(listSubmissions.status, "confirmed"),
        ),
      );
    const [confirmed] = await tx
      .update(listSubmissions)
      .set({ status: "confirmed", confirmedBy: actor.id, confirmedAt: sql`now()` })
      .where(eq(listSubmissions.id, submission.id))
      .returning();
    await recordAudit(tx, { actor, action: "registry.confirm_list", targetType: "list_submission", targetId: submission.id, details: { month: submission.month } });
    return confirmed!;
  });
}

/** Throws away a draft the clerk does not want to send. */
export async function discardSubmission(db: Db, actor: SessionUser, submissionId: string) {
  return db.transaction(async (tx) => {
    const submission = await lockOwnSubmission(tx, actor, submissionId);
    if (submission.status === "discarded") return submission;
    if (submission.status !== "draft") throw new UserFacingError("NOT_DRAFT", "已确认的名单不能作废；如有错误请重新报送更正后的名单");
    await tx.update(listSubmissions).set({ status: "discarded" }).where(eq(listSubmissions.id, submission.id));
    await recordAudit(tx, { actor, action: "registry.discard_list", targetType: "list_submission", targetId: submission.id });
    return { ...submission, status: "discarded" as const };
  });
}
