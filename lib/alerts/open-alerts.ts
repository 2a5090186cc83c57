import "server-only";
import { sql } from "drizzle-orm";
import { executeRows, type Tx } from "@/db/client";
import { textArray } from "@/db/bulk";
import { alerts } from "@/db/schema";
import { assessYearBurden } from "@/lib/settlement";

export interface SettledPersonYear {
  personId: string;
  year: number;
  /** The date of the settlement that changed the year (picks the parameters). */
  date: string;
  settlementId: string;
}

/**
 * W7: after settlements, each person-year's burden is assessed from its ledger sums (reversals
 * included; kept in person_year_totals by the same transaction) and every alert level it now
 * exceeds is opened — once per person-year and level (the unique key makes a second crossing,
 * or a concurrent one, a no-op). Runs inside the settlements' transaction, after the
 * person-year rows were locked and their sums added. Returns how many opened.
 */
export async function openAlertsForPersonYears(tx: Tx, regionCode: string, settled: readonly SettledPersonYear[]): Promise<number> {
  if (settled.length === 0) return 0;
  const sums = await executeRows<{ person_id: string; year: number; policy_range: string; basic: string; critical: string; supplementary: string }>(
    tx,
    sql`select person_id, year, ledger_policy_range_cost::text as policy_range, ledger_basic_insurance::text as basic,
               ledger_critical_illness_insurance::text as critical, ledger_supplementary_insurance::text as supplementary
        from person_year_totals where person_id = any(${textArray(settled.map((s) => s.personId))}::uuid[]) and year = any(${`{${[...new Set(settled.map((s) => s.year))].join(",")}}`}::int[])`,
  );
  const byKey = new Map(sums.map((s) => [`${s.person_id}|${s.year}`, s]));
  const values = settled.flatMap((at) => {
    const s = byKey.get(`${at.personId}|${at.year}`);
    if (!s) return [];
    const assessment = assessYearBurden({
      region: regionCode,
      date: at.date,
      policyRangeCost: s.policy_range,
      basicInsurance: s.basic,
      criticalIllnessInsurance: s.critical,
      supplementaryInsurance: s.supplementary,
    });
    return assessment.levels
      .filter((l) => l.crossed)
      .map((l) => ({ personId: at.personId, regionCode, year: at.year, level: l.level, burden: assessment.burden, threshold: l.threshold, settlementId: at.settlementId }));
  });
  if (values.length === 0) return 0;
  const opened = await tx.insert(alerts).values(values).onConflictDoNothing().returning({ id: alerts.id });
  return opened.length;
}

/** One settlement's person-year (settleVisit). */
export function openAlertsAfterSettlement(tx: Tx, at: SettledPersonYear & { regionCode: string }): Promise<number> {
  return openAlertsForPersonYears(tx, at.regionCode, [at]);
}
