import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { executeRows, type DbOrTx } from "@/db/client";
import { applications, identities, personYearTotals } from "@/db/schema";
import type { Application } from "@/db/schema/cases";
import type { CategoryCode } from "@/db/schema/enums";
import { UserFacingError } from "@/lib/errors";
import { categoriesOn } from "@/lib/registry/categories-on";
import { shanghaiDate } from "@/lib/registry/deadline";
import { EngineError, proposeOnApplication, type OnApplicationBill, type OnApplicationResult } from "@/lib/settlement";

/**
 * Assistance already paid to the person in the year (P-ASSIST-5: one annual limit): the
 * settlements' year-to-date assistance plus other on-application cases approved or paid that year.
 */
export async function assistancePaidInYear(db: DbOrTx, personId: string, year: number, exceptApplicationId: string): Promise<string> {
  const [totals] = await db
    .select({ paid: sql<string>`${personYearTotals.assistancePaid}::text` })
    .from(personYearTotals)
    .where(and(eq(personYearTotals.personId, personId), eq(personYearTotals.year, year)));
  const [cases] = await executeRows<{ paid: string }>(
    db,
    sql`select coalesce(sum(${applications.proposedAmount}), 0)::numeric(14,2)::text as paid from ${applications}
        where ${and(eq(applications.personId, personId), ne(applications.id, exceptApplicationId), inArray(applications.state, ["APPROVED", "PAID"]))}
          and extract(year from (${applications.createdAt} at time zone 'Asia/Shanghai')) = ${year}`,
  );
  const [row] = await executeRows<{ total: string }>(db, sql`select (${totals?.paid ?? "0"}::numeric + ${cases?.paid ?? "0"}::numeric)::numeric(14,2)::text as total`);
  return row!.total;
}

/**
 * The engine's proposal for a case: its bills, the applicant's categories on the submission
 * date (from the registry; none when the applicant is not in it), the year's assistance so far.
 */
export async function engineProposal(db: DbOrTx, app: Application): Promise<OnApplicationResult> {
  const date = shanghaiDate(app.createdAt);
  const categories = app.personId ? await categoriesOn(db, app.personId, date) : [];
  const assistancePaid = app.personId ? await assistancePaidInYear(db, app.personId, Number(date.slice(0, 4)), app.id) : "0.00";
  try {
    return proposeOnApplication({ region: app.regionCode, date, person: { categories }, bills: app.bills as OnApplicationBill[], yearToDate: { assistancePaid } });
  } catch (error) {
    if (error instanceof EngineError) throw new UserFacingError("ENGINE_REFUSED", `系统无法测算救助金额：${error.message}`);
    throw error;
  }
}
