import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { listSubmissionRows, listSubmissions, users } from "@/db/schema";
import type { CategoryCode, ChangeType, DepartmentCode } from "@/db/schema/enums";
import { idCheckDigit } from "@/lib/registry/id-number";
import type { SessionUser } from "@/lib/auth/types";

/** A valid 彭水 ID number for a birth date and a serial (GB 11643 check digit computed). */
export function pengshuiId(birth: string, serial: number): string {
  const first17 = `500243${birth.replaceAll("-", "")}${String(serial).padStart(3, "0")}`;
  return first17 + idCheckDigit(first17);
}

export async function sessionUser(db: Db, username: string): Promise<SessionUser> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  if (!row) throw new Error(`no user ${username}`);
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role, regionScope: row.regionScope, departmentCode: row.departmentCode };
}

export interface TestRow {
  idNumber: string;
  name: string;
  category: CategoryCode;
  changeType: ChangeType;
  certifiedOn: string;
  townshipCode?: string;
}

/** A confirmed department submission written directly (the intake path has its own tests). */
export async function confirmedSubmission(db: Db, uploader: SessionUser, department: DepartmentCode, month: string, rows: TestRow[]) {
  const [submission] = await db
    .insert(listSubmissions)
    .values({
      regionCode: "500243",
      departmentCode: department,
      month,
      fileName: `${department}-${month}.csv`,
      fileHash: `${department}${month}${rows.length}${Math.random()}`.padEnd(64, "0").slice(0, 64),
      format: "csv",
      encoding: "utf-8",
      status: "confirmed",
      rowCount: rows.length,
      preview: {},
      uploadedBy: uploader.id,
      confirmedBy: uploader.id,
      confirmedAt: new Date(),
    })
    .returning();
  await db.insert(listSubmissionRows).values(
    rows.map((r, i) => ({
      submissionId: submission!.id,
      rowNumber: i + 2,
      idNumber: r.idNumber,
      name: r.name,
      category: r.category,
      changeType: r.changeType,
      certifiedOn: r.certifiedOn,
      townshipCode: r.townshipCode ?? "500243001",
      phone: null,
    })),
  );
  return submission!;
}
