import "server-only";
import { sql } from "drizzle-orm";
import Decimal from "decimal.js";
import { executeRows, type DbOrTx } from "@/db/client";
import type { ApplicationState } from "@/db/schema/cases";
import type { CategoryCode } from "@/db/schema/enums";
import { MONTH_TOTAL_AMOUNT_COLUMNS } from "@/db/schema";
import { assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { getPolicySet } from "@/lib/policy";
import { selfPayAfterInsurance } from "@/lib/settlement";
import { categoryPriorityFor, resolvedCategoriesOn } from "@/lib/registry/category-priority";
import { monthEnd } from "@/lib/registry/months";
import { monthInstants } from "./month-instants";

/**
 * The monthly dispatch report (调度报表, W8, P-MON-4) of one county: figures from the
 * month-totals table (kept in step with the ledger), the registry, enrolments, alerts and
 * cases — never a formula of the engine. Shares are exact decimals; a figure with a target
 * says whether it is met.
 */

/** P-MON-4's targets, from the Chongqing document that defines the dispatch report (cq-2018 §一(二)). */
const TARGETS = (getPolicySet("cq-2018").rules.find((r) => r.ruleId === "P-MON-4")!.data as { targets: { enrolmentRate: string; assistanceShareOfPolicyRangeSelfPay: string } }).targets;
/** The categories whose assistance share is held to the target (policy-book P-MON-4). */
export const ASSISTANCE_SHARE_TARGET_CATEGORIES: readonly CategoryCode[] = ["TEKUN", "DIBAO", "FANPIN"];

export interface MoneyTotals {
  visits: number;
  totalCost: string;
  outOfCatalogCost: string;
  selfPayFirstCost: string;
  policyRangeCost: string;
  basicInsurance: string;
  criticalIllnessInsurance: string;
  supplementaryInsurance: string;
  medicalAssistance: string;
  tiltedAssistance: string;
  outOfPocket: string;
}

export interface Target {
  target: string;
  met: boolean | null;
}

export interface DispatchReport {
  regionCode: string;
  regionName: string;
  month: string;
  asOf: string;
  persons: { total: number; byCategory: { category: CategoryCode; count: number }[] };
  enrolment: { registered: number; enrolled: number; rate: string | null } & Target;
  subsidy: { persons: number; amount: string };
  visits: MoneyTotals;
  byCategory: ({ category: CategoryCode; selfPayAfterInsurance: string; assistance: string; share: string | null } & MoneyTotals & Partial<Target>)[];
  outOfCatalogShare: string | null;
  oneStop: { oneStopAssistance: string; onApplicationAssistance: string; share: string | null };
  alerts: { opened: number; closed: number; openAtMonthEnd: number };
  cases: { byState: { state: ApplicationState; count: number }[]; decided: number; averageDaysToDecide: string | null };
}

const AMOUNT_KEYS = Object.keys(MONTH_TOTAL_AMOUNT_COLUMNS) as (keyof typeof MONTH_TOTAL_AMOUNT_COLUMNS)[];
const AMOUNT_COLUMNS = MONTH_TOTAL_AMOUNT_COLUMNS;
const SUMS = sql.raw(["sum(visits)::int as visits", ...AMOUNT_KEYS.map((k) => `coalesce(sum(${AMOUNT_COLUMNS[k]}), 0)::text as "${k}"`)].join(", "));

/** a / b to four decimals (half-up), or null when b is 0. */
export function ratio(a: Decimal.Value, b: Decimal.Value): string | null {
  const d = new Decimal(b);
  return d.isZero() ? null : new Decimal(a).div(d).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
}

function toTotals(row: Record<string, unknown> | undefined): MoneyTotals {
  const out = { visits: Number(row?.visits ?? 0) } as MoneyTotals;
  for (const k of AMOUNT_KEYS) out[k] = new Decimal(String(row?.[k] ?? "0")).toFixed(2);
  return out;
}

export async function getDispatchReport(db: DbOrTx, actor: SessionUser, input: { regionCode: string; month: string }): Promise<DispatchReport> {
  assertInScope(actor, { permission: "report.read", region: input.regionCode });
  const { regionCode, month } = input;
  const asOf = monthEnd(month);
  const year = Number(month.slice(0, 4));
  const priority: CategoryCode[] = categoryPriorityFor(regionCode, asOf).filter((c) => c !== "NONE");

  const { start: monthStart, end: monthEndsAt } = monthInstants(month);
  const [region] = await executeRows<{ name: string }>(db, sql`select name from regions where code = ${regionCode}`);

  // Registered people on the month's last day, one category each (就高不重复), and their enrolment.
  const registered = await executeRows<{ category: CategoryCode; n: number; enrolled: number }>(
    db,
    sql`with resolved as ${resolvedCategoriesOn(regionCode, asOf)}
        select r.category, count(*)::int as n, count(e.person_id)::int as enrolled
        from resolved r left join enrolments e on e.person_id = r.person_id and e.year = ${year} and e.coverage_from <= ${asOf}::date
        group by r.category`,
  );
  const rank = (c: CategoryCode) => (priority.includes(c) ? priority.indexOf(c) : priority.length);
  const byPriority = (a: CategoryCode, b: CategoryCode) => rank(a) - rank(b);
  const personsTotal = registered.reduce((n, r) => n + Number(r.n), 0);
  const enrolledTotal = registered.reduce((n, r) => n + Number(r.enrolled), 0);
  const enrolmentRate = ratio(enrolledTotal, personsTotal);

  const [subsidy] = await executeRows<{ persons: number; amount: string }>(
    db,
    sql`select count(*) filter (where e.subsidy > 0)::int as persons, coalesce(sum(e.subsidy), 0)::text as amount
        from enrolments e left join subsidy_rosters r on r.id = e.roster_id
        where e.region_code = ${regionCode} and e.year = ${year} and (e.roster_id is null or r.paid_at is not null)`,
  );

  const [all] = await executeRows<Record<string, unknown>>(db, sql`select ${SUMS} from settlement_month_totals where region_code = ${regionCode} and month = ${month}`);
  const perCategory = await executeRows<Record<string, unknown> & { category: CategoryCode }>(
    db,
    sql`select category, ${SUMS} from settlement_month_totals where region_code = ${regionCode} and month = ${month} group by category`,
  );
  const visits = toTotals(all);
  const byCategory = perCategory
    .map((row) => {
      const t = toTotals(row);
      const base = new Decimal(selfPayAfterInsurance(t).toFixed(2));
      const assistance = new Decimal(t.medicalAssistance).plus(t.tiltedAssistance);
      const share = ratio(assistance, base);
      const targeted = ASSISTANCE_SHARE_TARGET_CATEGORIES.includes(row.category);
      return {
        category: row.category,
        ...t,
        selfPayAfterInsurance: base.toFixed(2),
        assistance: assistance.toFixed(2),
        share,
        ...(targeted ? { target: TARGETS.assistanceShareOfPolicyRangeSelfPay, met: share === null ? null : new Decimal(share).gte(TARGETS.assistanceShareOfPolicyRangeSelfPay) } : {}),
      };
    })
    .sort((a, b) => byPriority(a.category, b.category) || a.category.localeCompare(b.category));

  // P-MON-4 "one-stop settlement share" (an interpretation): of the assistance paid in the
  // month, the part paid at the one-stop window rather than afterwards on application.
  const [paidCases] = await executeRows<{ amount: string }>(
    db,
    sql`select coalesce(sum(a.proposed_amount), 0)::text as amount from applications a
        where a.region_code = ${regionCode} and exists (select 1 from application_events e where e.application_id = a.id and e.to_state = 'PAID'
          and e.created_at >= ${monthStart} and e.created_at < ${monthEndsAt})`,
  );
  const oneStopAssistance = new Decimal(visits.medicalAssistance).plus(visits.tiltedAssistance);

  const [alertCounts] = await executeRows<{ opened: number; closed: number; open_at_end: number }>(
    db,
    sql`select count(*) filter (where created_at >= ${monthStart})::int as opened,
               count(*) filter (where closed_at >= ${monthStart} and closed_at < ${monthEndsAt})::int as closed,
               count(*) filter (where closed_at is null or closed_at >= ${monthEndsAt})::int as open_at_end
        from alerts where region_code = ${regionCode} and created_at < ${monthEndsAt}`,
  );
  const caseStates = await executeRows<{ state: ApplicationState; n: number }>(
    db,
    sql`select state, count(*)::int as n from applications
        where region_code = ${regionCode} and created_at < ${monthEndsAt} group by state order by state`,
  );
  const [decided] = await executeRows<{ n: number; days: string | null }>(
    db,
    sql`select count(*)::int as n, (avg(extract(epoch from e.created_at - a.created_at) / 86400))::numeric(10, 1)::text as days
        from application_events e join applications a on a.id = e.application_id
        where a.region_code = ${regionCode} and e.to_state in ('APPROVED', 'REJECTED', 'REFUSED')
          and e.created_at >= ${monthStart} and e.created_at < ${monthEndsAt}`,
  );

  return {
    regionCode,
    regionName: region?.name ?? regionCode,
    month,
    asOf,
    persons: { total: personsTotal, byCategory: registered.map((r) => ({ category: r.category, count: Number(r.n) })).sort((a, b) => byPriority(a.category, b.category)) },
    enrolment: {
      registered: personsTotal,
      enrolled: enrolledTotal,
      rate: enrolmentRate,
      target: TARGETS.enrolmentRate,
      met: enrolmentRate === null ? null : new Decimal(enrolmentRate).gte(TARGETS.enrolmentRate),
    },
    subsidy: { persons: Number(subsidy?.persons ?? 0), amount: new Decimal(subsidy?.amount ?? "0").toFixed(2) },
    visits,
    byCategory,
    outOfCatalogShare: ratio(visits.outOfCatalogCost, visits.totalCost),
    oneStop: {
      oneStopAssistance: oneStopAssistance.toFixed(2),
      onApplicationAssistance: new Decimal(paidCases?.amount ?? "0").toFixed(2),
      share: ratio(oneStopAssistance, oneStopAssistance.plus(paidCases?.amount ?? "0")),
    },
    alerts: { opened: Number(alertCounts?.opened ?? 0), closed: Number(alertCounts?.closed ?? 0), openAtMonthEnd: Number(alertCounts?.open_at_end ?? 0) },
    cases: {
      byState: caseStates.map((c) => ({ state: c.state, count: Number(c.n) })),
      decided: Number(decided?.n ?? 0),
      averageDaysToDecide: decided?.days ?? null,
    },
  };
}
