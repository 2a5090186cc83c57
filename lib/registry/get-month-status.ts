import "server-only";
import { and, desc, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { listSubmissions, reconciliationRuns } from "@/db/schema";
import type { DepartmentCode } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/types";
import { LIST_DEPARTMENTS } from "@/lib/registry/department-categories";
import { countyOf } from "./county-of";
import { isLate, submissionDeadline } from "./deadline";

export interface DepartmentMonthStatus {
  department: DepartmentCode;
  state: "confirmed" | "draft" | "missing";
  late: boolean;
  confirmedAt: Date | null;
  submissionId: string | null;
}

/**
 * W1.5: which departments have sent the month's list and which are late (the 5th,
 * moved to the next working day), and the month's reconciliation runs.
 */
export async function getMonthStatus(db: DbOrTx, actor: SessionUser, month: string, now: Date) {
  const regionCode = countyOf(actor);
  const deadline = submissionDeadline(month);
  const submissions = await db
    .select()
    .from(listSubmissions)
    .where(and(eq(listSubmissions.regionCode, regionCode), eq(listSubmissions.month, month), ne(listSubmissions.status, "discarded")))
    .orderBy(desc(listSubmissions.uploadedAt));
  const departments: DepartmentMonthStatus[] = LIST_DEPARTMENTS.map((department) => {
    const mine = submissions.filter((s) => s.departmentCode === department);
    const confirmed = mine.find((s) => s.status === "confirmed");
    const draft = mine.find((s) => s.status === "draft");
    const at = confirmed?.confirmedAt ?? null;
    return {
      department,
      state: confirmed ? "confirmed" : draft ? "draft" : "missing",
      late: at ? isLate(month, at) : isLate(month, now),
      confirmedAt: at,
      submissionId: (confirmed ?? draft)?.id ?? null,
    };
  });
  const runs = await db
    .select()
    .from(reconciliationRuns)
    .where(and(eq(reconciliationRuns.regionCode, regionCode), eq(reconciliationRuns.month, month)))
    .orderBy(desc(reconciliationRuns.version));
  return { month, deadline, departments, runs };
}
