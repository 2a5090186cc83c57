import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { persons, visitImports } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { UserFacingError } from "@/lib/errors";
import { countyOf } from "@/lib/registry/county-of";
import { shanghaiDate } from "@/lib/registry/deadline";
import { parseIdNumber } from "@/lib/registry/id-number";
import { ListFileError, readTableFile, type DeclaredEncoding } from "@/lib/registry/list-file";
import { HOSPITAL_EXPORT_HEADERS, HOSPITAL_EXPORT_SPEC, VISIT_FIELD_TO_COLUMN, exportRowToVisitInput, type HospitalExportKey } from "./hospital-export";
import { visitInputSchema } from "./schemas";
import { settleVisit } from "./settle-visit";

/** A hospital export is settled while the clerk waits: one file holds at most this many visits. */
export const MAX_EXPORT_ROWS = 5_000;
export const MAX_EXPORT_BYTES = 10 * 1024 * 1024;

export type ImportRowOutcome =
  | { rowNumber: number; externalVisitNumber: string; outcome: "settled" | "existing"; settlementId: string }
  | { rowNumber: number; externalVisitNumber: string; outcome: "refused"; column: string; message: string };

export interface ImportResult {
  importId: string;
  rowCount: number;
  settledCount: number;
  existingCount: number;
  refusedCount: number;
  rows: ImportRowOutcome[];
}

function refused(rowNumber: number, externalVisitNumber: string, key: HospitalExportKey | null, message: string): ImportRowOutcome {
  return { rowNumber, externalVisitNumber, outcome: "refused", column: key ? HOSPITAL_EXPORT_HEADERS[key] : "", message };
}

/**
 * W5 bulk: a hospital's settlement export (CSV UTF-8/GBK or XLSX) settled visit by visit
 * through `settleVisit` — the same path as the form, each visit its own transaction. Every
 * row needs a 结算单号: a row already settled answers with its first settlement, so importing
 * the same file again (or the corrected file after fixing refused rows) settles nothing twice.
 * A file that cannot be read is refused whole and nothing is written.
 */
export async function importHospitalExport(
  db: Db,
  actor: SessionUser,
  file: { bytes: Uint8Array; fileName: string; declaredEncoding?: DeclaredEncoding },
): Promise<ImportResult> {
  const regionCode = countyOf(actor);
  const today = shanghaiDate(new Date());
  assertInScope(actor, { permission: "visit.settle", region: regionCode });
  let table;
  try {
    table = await readTableFile(file.bytes, HOSPITAL_EXPORT_SPEC, { fileName: file.fileName, declaredEncoding: file.declaredEncoding, maxBytes: MAX_EXPORT_BYTES });
  } catch (error) {
    if (error instanceof ListFileError) throw new UserFacingError(error.code, error.message);
    throw error;
  }
  if (table.rows.length > MAX_EXPORT_ROWS) {
    throw new UserFacingError("TOO_MANY_ROWS", `一个文件最多 ${MAX_EXPORT_ROWS.toLocaleString("en-US")} 条结算记录（本文件 ${table.rows.length.toLocaleString("en-US")} 条），请拆分后分批导入`);
  }

  // The registry's people of the county named in the file, by ID number.
  const ids = [...new Set(table.rows.map((r) => r.cells.idNumber.toUpperCase()))];
  const known = new Map<string, { id: string; name: string }>();
  for (let i = 0; i < ids.length; i += 1_000) {
    const chunk = ids.slice(i, i + 1_000);
    const rows = await db
      .select({ id: persons.id, idNumber: persons.idNumber, name: persons.name })
      .from(persons)
      .where(and(eq(persons.regionCode, regionCode), inArray(persons.idNumber, chunk)));
    for (const r of rows) known.set(r.idNumber, { id: r.id, name: r.name });
  }

  const outcomes: ImportRowOutcome[] = [];
  const seen = new Set<string>();
  for (const row of table.rows) {
    const number = row.cells.externalVisitNumber;
    if (number === "") {
      outcomes.push(refused(row.rowNumber, number, "externalVisitNumber", "缺少结算单号"));
      continue;
    }
    if (seen.has(number)) {
      outcomes.push(refused(row.rowNumber, number, "externalVisitNumber", "结算单号在本文件中重复"));
      continue;
    }
    seen.add(number);
    const id = parseIdNumber(row.cells.idNumber, today);
    if (!id.ok) {
      outcomes.push(refused(row.rowNumber, number, "idNumber", id.message));
      continue;
    }
    const person = known.get(id.idNumber);
    if (!person) {
      outcomes.push(refused(row.rowNumber, number, "idNumber", "本县登记人员中没有此公民身份号码"));
      continue;
    }
    if (person.name !== row.cells.name) {
      outcomes.push(refused(row.rowNumber, number, "name", "姓名与登记信息不一致"));
      continue;
    }
    const mapped = exportRowToVisitInput(row);
    if ("errors" in mapped) {
      const [key, message] = Object.entries(mapped.errors)[0]!;
      outcomes.push(refused(row.rowNumber, number, key as HospitalExportKey, message!));
      continue;
    }
    const parsed = visitInputSchema.safeParse({ ...mapped.input, personId: person.id });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      outcomes.push(refused(row.rowNumber, number, VISIT_FIELD_TO_COLUMN[String(issue.path[0])] ?? null, issue.message));
      continue;
    }
    try {
      const { settlementId, existing } = await settleVisit(db, actor, parsed.data);
      outcomes.push({ rowNumber: row.rowNumber, externalVisitNumber: number, outcome: existing ? "existing" : "settled", settlementId });
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      const field = Object.keys(error.fieldErrors ?? {})[0];
      outcomes.push(refused(row.rowNumber, number, field ? (VISIT_FIELD_TO_COLUMN[field] ?? null) : null, error.message));
    }
  }

  const count = (o: ImportRowOutcome["outcome"]) => outcomes.filter((r) => r.outcome === o).length;
  const summary = { rowCount: outcomes.length, settledCount: count("settled"), existingCount: count("existing"), refusedCount: count("refused") };
  const importId = await db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(visitImports)
      .values({ regionCode, fileName: file.fileName.slice(0, 200), fileHash: createHash("sha256").update(file.bytes).digest("hex"), ...summary, createdBy: actor.id })
      .returning({ id: visitImports.id });
    await recordAudit(tx, { actor, action: "visit.import", targetType: "visit_import", targetId: saved!.id, details: summary });
    return saved!.id;
  });
  return { importId, ...summary, rows: outcomes };
}
