import "server-only";
import { sql } from "drizzle-orm";
import { executeRows, type DbOrTx } from "@/db/client";
import type { CategoryCode } from "@/db/schema/enums";

/**
 * The categories in force for one person on a date (intervals [validFrom, validTo)); the
 * engine applies the highest-benefit rule itself (P-ID-2). Used by visit settlement,
 * enrolment and case proposals; the roster does the same for a whole county in one
 * statement (lib/enrolment/build-roster.ts).
 */
export async function categoriesOn(db: DbOrTx, personId: string, date: string): Promise<CategoryCode[]> {
  const rows = await executeRows<{ category: CategoryCode }>(
    db,
    sql`select distinct category::text as category from identities
        where person_id = ${personId} and valid_from <= ${date}::date and (valid_to is null or valid_to > ${date}::date)
        order by 1`,
  );
  return rows.map((r) => r.category);
}
