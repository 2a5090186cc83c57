import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { listSubmissions, users } from "../schema";
import type { DepartmentCode } from "../schema/enums";
import type { SessionUser } from "@/lib/auth/types";
import { shanghaiDate } from "@/lib/registry/deadline";
import { monthEnd, monthOf, recentMonths } from "@/lib/registry/months";
import { reconcileMonth } from "@/lib/registry/reconcile-month";
import { confirmSubmission, stageListUpload } from "@/lib/registry/stage-list-upload";
import { departmentList, encodeListCsv, generatePersons } from "@/lib/registry/synthetic";

const DEMO_DEPARTMENTS: Array<[DepartmentCode, string]> = [
  ["MINZHENG", "minzheng"],
  ["XIANGCUN", "xiangcun"],
  ["TUIYI", "tuiyi"],
  ["CANLIAN", "canlian"],
];

async function asUser(db: Db, username: string): Promise<SessionUser> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  if (!row) throw new Error(`demo user ${username} missing`);
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role, regionScope: row.regionScope, departmentCode: row.departmentCode };
}

/**
 * The embedded demo's registry: last month's lists of 3,000 synthetic 彭水 people, sent by
 * the four departments through the real intake and reconciled by the demo clerk — so the
 * county pages have people to look up. Runs once, on an empty registry.
 */
export async function seedDemoRegistry(db: Db): Promise<boolean> {
  const [any] = await db.select({ id: listSubmissions.id }).from(listSubmissions).limit(1);
  if (any) return false;
  const month = recentMonths(monthOf(new Date()), 2)[1]!;
  const persons = generatePersons({ count: 3000, seed: "demo", to: monthEnd(month) });
  const today = shanghaiDate(new Date());
  for (const [department, username] of DEMO_DEPARTMENTS) {
    const user = await asUser(db, username);
    const rows = departmentList(persons, department, month, { seed: "demo" });
    if (rows.length === 0) continue;
    const outcome = await stageListUpload(db, user, {
      bytes: encodeListCsv(rows, department === "MINZHENG" ? "gbk" : "utf-8"),
      fileName: `${month}-${department}.csv`,
      month,
      declaredEncoding: "auto",
      dropInvalidRows: true,
      today,
    });
    if (outcome.kind === "staged") await confirmSubmission(db, user, outcome.submissionId);
  }
  await reconcileMonth(db, await asUser(db, "clerk"), { month });
  return true;
}
