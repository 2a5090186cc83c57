import "server-only";
import { sql, type SQL } from "drizzle-orm";
import Decimal from "decimal.js";
import { executeRows, type DbOrTx } from "@/db/client";
import { MONTH_TOTAL_AMOUNT_COLUMNS } from "@/db/schema";
import type { CategoryCode } from "@/db/schema/enums";
import { assertInScope, AuthError } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { monthSchemaPattern } from "@/lib/registry/months";
import { selfPayAfterInsurance } from "@/lib/settlement";
import { PAYMENT_TIERS, type PaymentTier } from "@/lib/settlement/labels";
import { ASSISTANCE_SHARE_TARGET_CATEGORIES, ratio } from "./dispatch-report";

/**
 * The supervisor dashboard's figures (W8): trends by month and splits by tier, category,
 * township and county. Every query reads only `settlement_month_totals` (kept in step with
 * the ledger), grouped in SQL with exact `numeric` sums; amounts leave as 2-decimal strings
 * and shares as 4-decimal strings (`ratio`). Every function checks `report.read` and the
 * region scope of each county it reads; a county outside the scope answers 404.
 */

const AMOUNTS = MONTH_TOTAL_AMOUNT_COLUMNS;
type AmountKey = keyof typeof AMOUNTS;


export interface TrendTotals extends Record<AmountKey, string> {
  visits: number;
  /** Policy-range self-pay after basic, critical-illness and supplementary insurance. */
  selfPayAfterInsurance: string;
  /** Medical plus tilted assistance. */
  assistance: string;
  /** assistance ÷ selfPayAfterInsurance over every category (null when nothing was borne). */
  assistanceShare: string | null;
  /** The same share over the categories held to P-MON-4's 70% target (特困、低保、返贫致贫). */
  targetedAssistanceShare: string | null;
}

const targeted = sql.raw(`category::text in (${ASSISTANCE_SHARE_TARGET_CATEGORIES.map((c) => `'${c}'`).join(", ")})`);
/** The grouped sums every function selects, from table alias `t` (nulls from a left join read as 0). */
const SUMS = sql.join(
  [
    sql.raw(`coalesce(sum(t.visits), 0)::int as visits`),
    ...Object.entries(AMOUNTS).map(([key, column]) => sql.raw(`coalesce(sum(t.${column}), 0)::text as "${key}"`)),
    sql`coalesce(sum(t.medical_assistance + t.tilted_assistance) filter (where t.${targeted}), 0)::text as "targetedAssistance"`,
    sql`coalesce(sum(t.policy_range_cost - t.basic_insurance - t.critical_illness_insurance - t.supplementary_insurance) filter (where t.${targeted}), 0)::text as "targetedBase"`,
  ],
  sql`, `,
);

function toTotals(row: Record<string, unknown> | undefined): TrendTotals {
  const out = { visits: Number(row?.visits ?? 0) } as TrendTotals;
  for (const key of Object.keys(AMOUNTS) as AmountKey[]) out[key] = new Decimal(String(row?.[key] ?? "0")).toFixed(2);
  const base = new Decimal(selfPayAfterInsurance(out).toFixed(2));
  const assistance = new Decimal(out.medicalAssistance).plus(out.tiltedAssistance);
  out.selfPayAfterInsurance = base.toFixed(2);
  out.assistance = assistance.toFixed(2);
  out.assistanceShare = ratio(assistance, base);
  out.targetedAssistanceShare = ratio(String(row?.targetedAssistance ?? "0"), String(row?.targetedBase ?? "0"));
  return out;
}

const COUNTY_CODE = /^\d{6}$/;

function checkMonths(months: readonly string[]): string[] {
  if (months.length === 0 || months.length > 36 || months.some((m) => !monthSchemaPattern.test(m))) throw new RangeError("月份格式应为 YYYY-MM，且最多 36 个月");
  return [...new Set(months)].sort();
}

/** report.read, and every county within the actor's scope (another county answers 404). */
function checkCounties(actor: SessionUser, regionCodes: readonly string[]): string[] {
  assertInScope(actor, { permission: "report.read" });
  if (regionCodes.length === 0) throw new RangeError("至少需要一个区县");
  for (const code of regionCodes) {
    if (!COUNTY_CODE.test(code)) throw new AuthError(404, "NOT_FOUND", "未找到该记录");
    assertInScope(actor, { permission: "report.read", region: code });
  }
  return [...new Set(regionCodes)];
}

const textArray = (values: readonly string[]) => sql`string_to_array(${values.join(",")}, ',')`;

async function grouped(db: DbOrTx, select: SQL, where: SQL, groupBy: SQL) {
  return executeRows<Record<string, unknown>>(db, sql`select ${select}, ${SUMS} from settlement_month_totals t where ${where} group by ${groupBy}`);
}

export interface Scope {
  regionCodes: readonly string[];
  months: readonly string[];
}

/** Per month (oldest first, every month present, zeros where nothing was settled). */
export async function monthlyTrend(db: DbOrTx, actor: SessionUser, input: Scope): Promise<({ month: string } & TrendTotals)[]> {
  const codes = checkCounties(actor, input.regionCodes);
  const months = checkMonths(input.months);
  const rows = await grouped(db, sql`t.month::text as month`, sql`t.region_code = any(${textArray(codes)}) and t.month = any(${textArray(months)})`, sql`t.month`);
  const byMonth = new Map(rows.map((r) => [String(r.month), r]));
  return months.map((month) => ({ month, ...toTotals(byMonth.get(month)) }));
}

/** Each system's payments and the person's own share over the months, in statement order. */
export async function splitByTier(db: DbOrTx, actor: SessionUser, input: Scope): Promise<{ tier: PaymentTier; amount: string; share: string | null }[]> {
  const codes = checkCounties(actor, input.regionCodes);
  const months = checkMonths(input.months);
  const [row] = await executeRows<Record<string, unknown>>(db, sql`select ${SUMS} from settlement_month_totals t where t.region_code = any(${textArray(codes)}) and t.month = any(${textArray(months)})`);
  const totals = toTotals(row);
  return PAYMENT_TIERS.map((tier) => ({ tier, amount: totals[tier], share: ratio(totals[tier], totals.totalCost) }));
}

/** Per category of the ledger entries (就高不重复 at settlement), categories with visits only, by code. */
export async function splitByCategory(db: DbOrTx, actor: SessionUser, input: Scope): Promise<({ category: CategoryCode; targeted: boolean } & TrendTotals)[]> {
  const codes = checkCounties(actor, input.regionCodes);
  const months = checkMonths(input.months);
  const rows = await grouped(db, sql`t.category::text as category`, sql`t.region_code = any(${textArray(codes)}) and t.month = any(${textArray(months)})`, sql`t.category`);
  return rows
    .map((r) => ({ category: r.category as CategoryCode, targeted: ASSISTANCE_SHARE_TARGET_CATEGORIES.includes(r.category as CategoryCode), ...toTotals(r) }))
    .sort((a, b) => a.category.localeCompare(b.category));
}

/** Per township of one county (names from `regions`); every township of the county is listed, zeros included. */
export async function splitByTownship(db: DbOrTx, actor: SessionUser, input: { regionCode: string; months: readonly string[] }): Promise<({ townshipCode: string; townshipName: string } & TrendTotals)[]> {
  const [code] = checkCounties(actor, [input.regionCode]);
  const months = checkMonths(input.months);
  const rows = await executeRows<Record<string, unknown>>(
    db,
    sql`with sums as (
          select t.township_code, ${SUMS} from settlement_month_totals t
          where t.region_code = ${code} and t.month = any(${textArray(months)}) group by t.township_code)
        select coalesce(r.code, s.township_code) as "townshipCode", coalesce(r.name, s.township_code) as "townshipName", s.*
        from (select code, name from regions where parent_code = ${code} and level = 'township') r
        full join sums s on s.township_code = r.code
        order by 1`,
  );
  return rows.map((r) => ({ townshipCode: String(r.townshipCode), townshipName: String(r.townshipName), ...toTotals(r) }));
}

/** Every county of the actor's scope side by side for one month: one grouped query; counties without data show 0. */
export async function countyOverview(db: DbOrTx, actor: SessionUser, input: { month: string }): Promise<({ regionCode: string; regionName: string } & TrendTotals)[]> {
  assertInScope(actor, { permission: "report.read" });
  const [month] = checkMonths([input.month]);
  const rows = await executeRows<Record<string, unknown>>(
    db,
    sql`select r.code as "regionCode", r.name as "regionName", ${SUMS}
        from regions r left join settlement_month_totals t on t.region_code = r.code and t.month = ${month}
        where r.level = 'county' and starts_with(r.code, ${actor.regionScope})
        group by r.code, r.name order by r.code`,
  );
  return rows.map((r) => ({ regionCode: String(r.regionCode), regionName: String(r.regionName), ...toTotals(r) }));
}
