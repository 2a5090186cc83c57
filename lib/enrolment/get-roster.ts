import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { executeRows, type DbOrTx } from "@/db/client";
import { subsidyRosters, type SubsidyRoster } from "@/db/schema";
import type { CategoryCode } from "@/db/schema/enums";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { CATEGORY_CODES, type InsuranceTier } from "@/lib/policy/types";
import { countyOf } from "@/lib/registry/county-of";
import { maskIdNumber } from "@/lib/registry/id-number";

export interface RosterAmounts {
  persons: number;
  individualContribution: string;
  subsidy: string;
  personPays: string;
}
export interface RosterSummaryRow extends RosterAmounts {
  category: CategoryCode;
  insuranceTier: InsuranceTier;
}
export interface RosterLine {
  enrolmentId: string;
  personId: string;
  maskedIdNumber: string;
  name: string;
  township: string | null;
  category: CategoryCode;
  insuranceTier: InsuranceTier;
  individualContribution: string;
  subsidy: string;
  personPays: string;
  paidOn: string;
  coverageFrom: string;
}

/** A roster by id, within the caller's county (another county's roster reads as missing). */
export async function getRoster(db: DbOrTx, actor: SessionUser, rosterId: string): Promise<SubsidyRoster> {
  const [roster] = await db.select().from(subsidyRosters).where(eq(subsidyRosters.id, rosterId)).limit(1);
  if (!roster) throw new AuthError(404, "NOT_FOUND", "未找到该资助名单");
  assertInScope(actor, { permission: "subsidy.manage", region: roster.regionCode });
  return roster;
}

/** The caller's county roster for a year, or null before it is built. */
export async function getRosterForYear(db: DbOrTx, actor: SessionUser, year: number): Promise<SubsidyRoster | null> {
  const regionCode = countyOf(actor);
  assertInScope(actor, { permission: "subsidy.manage", region: regionCode });
  const [roster] = await db.select().from(subsidyRosters).where(and(eq(subsidyRosters.regionCode, regionCode), eq(subsidyRosters.year, year))).limit(1);
  return roster ?? null;
}

const money = (column: string) => sql.raw(`coalesce(sum(${column}), 0)::numeric(20, 2)::text`);

/**
 * Totals per category × tier and the grand total, summed by the database over numeric
 * (exact to the fen). Categories in the catalogue's order, tier 1 before tier 2.
 */
export async function rosterSummary(db: DbOrTx, actor: SessionUser, rosterId: string) {
  const roster = await getRoster(db, actor, rosterId);
  const rows = await executeRows<{ category: CategoryCode | null; tier: number | null; persons: number; contribution: string; subsidy: string; pays: string }>(
    db,
    sql`select resolved_category::text as category, insurance_tier as tier, count(*)::int as persons,
          ${money("individual_contribution")} as contribution, ${money("subsidy")} as subsidy, ${money("person_pays")} as pays
        from enrolments where roster_id = ${roster.id}
        group by grouping sets ((resolved_category, insurance_tier), ())`,
  );
  const amounts = (r: (typeof rows)[number]): RosterAmounts => ({ persons: r.persons, individualContribution: r.contribution, subsidy: r.subsidy, personPays: r.pays });
  const grand = rows.find((r) => r.category === null);
  const byCategory: RosterSummaryRow[] = rows
    .filter((r) => r.category !== null)
    .map((r) => ({ category: r.category!, insuranceTier: r.tier as InsuranceTier, ...amounts(r) }))
    .sort((a, b) => CATEGORY_CODES.indexOf(a.category) - CATEGORY_CODES.indexOf(b.category) || a.insuranceTier - b.insuranceTier);
  return { roster, rows: byCategory, totals: grand ? amounts(grand) : { persons: 0, individualContribution: "0.00", subsidy: "0.00", personPays: "0.00" } };
}

type LineRow = {
  enrolment_id: string;
  person_id: string;
  id_number: string;
  name: string;
  township: string | null;
  category: CategoryCode;
  tier: number;
  contribution: string;
  subsidy: string;
  pays: string;
  paid_on: string;
  coverage_from: string;
};

function lineSql(rosterId: string) {
  return sql`select e.id as enrolment_id, e.person_id, p.id_number, p.name, r.name as township, e.resolved_category::text as category,
               e.insurance_tier as tier, e.individual_contribution::text as contribution, e.subsidy::text as subsidy,
               e.person_pays::text as pays, e.paid_on::text as paid_on, e.coverage_from::text as coverage_from
             from enrolments e join persons p on p.id = e.person_id left join regions r on r.code = p.township_code
             where e.roster_id = ${rosterId}
             order by p.township_code, p.name, e.id`;
}

function toLine(r: LineRow): RosterLine {
  return {
    enrolmentId: r.enrolment_id,
    personId: r.person_id,
    maskedIdNumber: maskIdNumber(r.id_number),
    name: r.name,
    township: r.township,
    category: r.category,
    insuranceTier: r.tier as InsuranceTier,
    individualContribution: r.contribution,
    subsidy: r.subsidy,
    personPays: r.pays,
    paidOn: r.paid_on,
    coverageFrom: r.coverage_from,
  };
}

export const ROSTER_PAGE_SIZE = 50;

/** One page of the roster's lines (ID numbers masked), by township and name. */
export async function listRosterLines(db: DbOrTx, actor: SessionUser, rosterId: string, options: { page?: number; pageSize?: number } = {}) {
  const roster = await getRoster(db, actor, rosterId);
  const pageSize = Math.min(Math.max(options.pageSize ?? ROSTER_PAGE_SIZE, 1), 500);
  const [{ n: total } = { n: 0 }] = await executeRows<{ n: number }>(db, sql`select count(*)::int as n from enrolments where roster_id = ${roster.id}`);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(Math.trunc(options.page ?? 1) || 1, 1), pageCount);
  const rows = await executeRows<LineRow>(db, sql`${lineSql(roster.id)} limit ${pageSize} offset ${(page - 1) * pageSize}`);
  return { lines: rows.map(toLine), total, page, pageCount, pageSize };
}

/** Every line of a roster (masked), for the export. */
export async function allRosterLines(db: DbOrTx, rosterId: string): Promise<RosterLine[]> {
  return (await executeRows<LineRow>(db, lineSql(rosterId))).map(toLine);
}
