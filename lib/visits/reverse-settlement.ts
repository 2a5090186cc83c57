import "server-only";
import { eq, sql } from "drizzle-orm";
import { executeRows, type Db } from "@/db/client";
import { settlements } from "@/db/schema";
import { UserFacingError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { YEAR_TO_DATE_FIELDS, type YearToDate } from "@/lib/settlement";
import { addToMonthTotals } from "@/lib/reports/month-totals";
import { addToLedgerSums, lockYearToDate, writeYearToDate } from "./settle-visit";

/**
 * Corrects a wrong settlement by a reversing entry (W5): the same amounts negated, and the
 * person-year's totals lowered by exactly what the settlement added. Both entries stay in
 * the ledger; a settlement is reversed at most once (a second click changes nothing).
 */
export async function reverseSettlement(db: Db, actor: SessionUser, input: { settlementId: string; reason: string }) {
  return db.transaction(async (tx) => {
    const [original] = await tx.select().from(settlements).where(eq(settlements.id, input.settlementId)).limit(1);
    if (!original) throw new AuthError(404, "NOT_FOUND", "未找到该结算");
    assertInScope(actor, { permission: "visit.settle", region: original.regionCode });
    if (original.entryType !== "settlement") throw new UserFacingError("NOT_REVERSIBLE", "冲销记录本身不能再冲销");

    const current = await lockYearToDate(tx, original.personId, original.year);
    const [done] = await tx.select({ id: settlements.id }).from(settlements).where(eq(settlements.reversesId, original.id)).limit(1);
    if (done) return { reversalId: done.id, existing: true };

    // New totals = current − (after − before), exact in the database's numeric arithmetic.
    const before = original.yearToDateBefore as YearToDate;
    const after = original.yearToDateAfter as YearToDate;
    const [restored] = await executeRows<YearToDate>(
      tx,
      sql`select ${sql.join(
        YEAR_TO_DATE_FIELDS.map((f) => sql`(${current[f]}::numeric - (${after[f]}::numeric - ${before[f]}::numeric))::text as ${sql.identifier(f)}`),
        sql`, `,
      )}`,
    );
    const [reversal] = await executeRows<{ id: string }>(
      tx,
      sql`insert into settlements (visit_id, person_id, region_code, year, entry_type, reverses_id, policy_code, parameter_version, receipt_id,
            resolved_category, total_cost, policy_range_cost, basic_insurance, critical_illness_insurance, supplementary_insurance,
            medical_assistance, tilted_assistance, out_of_pocket, year_to_date_before, year_to_date_after,
            engine_version, receipt_request, receipt_parameter_set, reason, created_by)
          select visit_id, person_id, region_code, year, 'reversal', id, policy_code, parameter_version, receipt_id,
            resolved_category, -total_cost, -policy_range_cost, -basic_insurance, -critical_illness_insurance,
            -supplementary_insurance, -medical_assistance, -tilted_assistance, -out_of_pocket,
            ${JSON.stringify(current)}::jsonb, ${JSON.stringify(restored)}::jsonb,
            engine_version, receipt_request, receipt_parameter_set, ${input.reason}, ${actor.id}
          from settlements where id = ${original.id}
          returning id`,
    );
    await writeYearToDate(tx, original.personId, original.year, restored!);
    await addToLedgerSums(tx, [reversal!.id]);
    await addToMonthTotals(tx, [reversal!.id]);
    await recordAudit(tx, {
      actor,
      action: "settlement.reverse",
      targetType: "settlement",
      targetId: original.id,
      details: { reversalId: reversal!.id },
      before: current,
      after: restored,
    });
    return { reversalId: reversal!.id, existing: false };
  });
}
