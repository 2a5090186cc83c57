import "server-only";
import { sql } from "drizzle-orm";
import { executeRows, type DbOrTx } from "@/db/client";
import type { AlertState } from "@/db/schema";
import { assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { ALERT_STATE_LABELS } from "@/lib/alerts/alerts";
import { maskIdNumber } from "@/lib/registry/id-number";
import { monthSchemaPattern } from "@/lib/registry/months";
import { monthInstants } from "./month-instants";

export interface MonthAlert {
  alertId: string;
  personId: string;
  name: string;
  maskedId: string;
  township: string | null;
  year: number;
  level: number;
  burden: string;
  threshold: string;
  state: AlertState;
  stateLabel: string;
}

/**
 * The report's drill-down (W8): the high-cost alerts a county opened in the month, each
 * leading to the person's ledger. ID numbers are masked; at most `limit` rows, newest first.
 */
export async function listAlertsOpenedInMonth(db: DbOrTx, actor: SessionUser, input: { regionCode: string; month: string }, limit = 50): Promise<MonthAlert[]> {
  assertInScope(actor, { permission: "report.read", region: input.regionCode });
  if (!monthSchemaPattern.test(input.month)) throw new RangeError(`月份格式应为 YYYY-MM：${input.month}`);
  const { start, end } = monthInstants(input.month);
  const rows = await executeRows<{ id: string; person_id: string; name: string; id_number: string; township: string | null; year: number; level: number; burden: string; threshold: string; state: AlertState }>(
    db,
    sql`select a.id, a.person_id, p.name, p.id_number, r.name as township, a.year, a.level, a.burden::text, a.threshold::text, a.state
        from alerts a join persons p on p.id = a.person_id left join regions r on r.code = p.township_code
        where a.region_code = ${input.regionCode} and a.created_at >= ${start} and a.created_at < ${end}
        order by a.created_at desc, a.level limit ${limit}`,
  );
  return rows.map((r) => ({
    alertId: r.id,
    personId: r.person_id,
    name: r.name,
    maskedId: maskIdNumber(r.id_number),
    township: r.township,
    year: Number(r.year),
    level: Number(r.level),
    burden: r.burden,
    threshold: r.threshold,
    state: r.state,
    stateLabel: ALERT_STATE_LABELS[r.state],
  }));
}
