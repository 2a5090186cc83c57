import "server-only";
import { sql } from "drizzle-orm";
import { executeRows, type DbOrTx } from "@/db/client";
import type { CategoryCode, DepartmentCode } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/types";
import { countyOf } from "./county-of";
import { maskIdNumber } from "./id-number";

export type DifferenceKind = "new" | "left" | "category_changed";

export interface MonthDifference {
  department: DepartmentCode;
  kind: DifferenceKind;
  personId: string;
  name: string;
  maskedIdNumber: string;
  from: CategoryCode | null;
  to: CategoryCode | null;
}

export const DIFFERENCE_LABELS: Record<DifferenceKind, string> = { new: "新增", left: "退出", category_changed: "类别变化" };

/**
 * Month-over-month difference per department (issue 4, W2): who the month's lists
 * brought in, who left, and whose category changed within the same department.
 */
export async function listMonthDifferences(db: DbOrTx, actor: SessionUser, month: string): Promise<MonthDifference[]> {
  const regionCode = countyOf(actor);
  const rows = await executeRows<{ department_code: DepartmentCode; person_id: string; name: string; id_number: string; opened: CategoryCode | null; closed: CategoryCode | null }>(
    db,
    sql`with opened as (
          select i.person_id, i.department_code, i.category from identities i
          join list_submissions s on s.id = i.source_submission_id
          where s.region_code = ${regionCode} and s.month = ${month}),
        closed as (
          select i.person_id, i.department_code, i.category from identities i
          join list_submissions s on s.id = i.closed_by_submission_id
          where s.region_code = ${regionCode} and s.month = ${month})
        select coalesce(o.department_code, c.department_code) as department_code, coalesce(o.person_id, c.person_id) as person_id,
               p.name, p.id_number, o.category as opened, c.category as closed
        from opened o full join closed c on c.person_id = o.person_id and c.department_code = o.department_code
        join persons p on p.id = coalesce(o.person_id, c.person_id)
        order by 1, p.name`,
  );
  return rows
    .filter((r) => r.opened !== r.closed)
    .map((r) => ({
      department: r.department_code,
      kind: r.opened && r.closed ? "category_changed" : r.opened ? "new" : "left",
      personId: r.person_id,
      name: r.name,
      maskedIdNumber: maskIdNumber(r.id_number),
      from: r.closed,
      to: r.opened,
    }));
}
