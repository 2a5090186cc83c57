import { eq, sql } from "drizzle-orm";
import { executeRows, type Db } from "../client";
import { listSubmissions, users } from "../schema";
import type { DepartmentCode } from "../schema/enums";
import type { SessionUser } from "@/lib/auth/types";
import { buildRoster } from "@/lib/enrolment/build-roster";
import { enrolPerson } from "@/lib/enrolment/enrol-person";
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
 * county pages have people to look up, and this year's subsidy roster (W4) so they are enrolled.
 * Runs once, on an empty registry.
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
  const clerk = await asUser(db, "clerk");
  await reconcileMonth(db, clerk, { month });
  // W4: this year's subsidy roster, from the registry on 31 December of last year — paid in the
  // collection period, so everyone on it is covered from 1 January and demo visits can be settled.
  const year = Number(today.slice(0, 4));
  await buildRoster(db, clerk, { year, subsidyDate: `${year - 1}-12-31` });
  // People certified since then enrol as new subsidised enrolees on the day they were certified
  // (late: covered per P-BASIC-6), so every demo person has this year's enrolment.
  const newcomers = await executeRows<{ person_id: string; paid_on: string }>(
    db,
    sql`select i.person_id, min(i.valid_from)::text as paid_on from identities i join persons p on p.id = i.person_id
        where p.region_code = ${clerk.regionScope} and i.valid_from >= ${`${year}-01-01`}::date and i.valid_from <= ${today}::date
          and not exists (select 1 from enrolments e where e.person_id = i.person_id and e.year = ${year})
        group by i.person_id`,
  );
  for (const n of newcomers) await enrolPerson(db, clerk, { personId: n.person_id, year, insuranceTier: 1, paidOn: n.paid_on });
  return true;
}
