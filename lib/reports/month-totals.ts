import "server-only";
import { sql } from "drizzle-orm";
import { executeRows, type Tx } from "@/db/client";
import { textArray } from "@/db/bulk";

const AMOUNTS = [
  "total_cost",
  "out_of_catalog_cost",
  "self_pay_first_cost",
  "policy_range_cost",
  "basic_insurance",
  "critical_illness_insurance",
  "supplementary_insurance",
  "medical_assistance",
  "tilted_assistance",
  "out_of_pocket",
] as const;

/**
 * Adds ledger entries to `settlement_month_totals` inside the transaction that wrote them
 * (settleVisit, reverseSettlement, a bulk batch): one upsert, grouped by county, month of
 * the visit, township and category. A reversal's amounts are already negative; its visit
 * counts −1 and its visit's out-of-catalogue and self-pay-first amounts are subtracted.
 */
export async function addToMonthTotals(tx: Tx, settlementIds: readonly string[]): Promise<void> {
  if (settlementIds.length === 0) return;
  const sign = sql.raw(`(case when s.entry_type = 'settlement' then 1 else -1 end)`);
  await executeRows(
    tx,
    sql`insert into settlement_month_totals (region_code, month, township_code, category, visits, ${sql.raw(AMOUNTS.join(", "))})
        select s.region_code, to_char(v.visit_date, 'YYYY-MM'), p.township_code, s.resolved_category, sum(${sign})::int,
          sum(s.total_cost), sum(${sign} * v.out_of_catalog_cost), sum(${sign} * v.self_pay_first_cost), sum(s.policy_range_cost),
          sum(s.basic_insurance), sum(s.critical_illness_insurance), sum(s.supplementary_insurance), sum(s.medical_assistance),
          sum(s.tilted_assistance), sum(s.out_of_pocket)
        from settlements s join visits v on v.id = s.visit_id join persons p on p.id = s.person_id
        where s.id = any(${textArray(settlementIds)}::uuid[])
        group by 1, 2, 3, 4
        order by 1, 2, 3, 4
        on conflict (region_code, month, township_code, category) do update set
          visits = settlement_month_totals.visits + excluded.visits,
          ${sql.raw(AMOUNTS.map((c) => `${c} = settlement_month_totals.${c} + excluded.${c}`).join(",\n          "))}`,
  );
}
