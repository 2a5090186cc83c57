import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { executeRows, type Db } from "@/db/client";
import { subsidyRosters } from "@/db/schema";
import type { CategoryCode } from "@/db/schema/enums";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { UserFacingError } from "@/lib/errors";
import { formatDate } from "@/lib/labels";
import { countyOf } from "@/lib/registry/county-of";
import { coverageFrom, isLateEnrolment, subsidyPolicyDate } from "./coverage";
import { buildRosterSchema, parseInput, type BuildRosterInput } from "./schemas";
import { coverageRuleOn, subsidyCalculator, type SubsidyFigures } from "./subsidy";

/**
 * W4: the county's subsidy roster for a year. Every person of the county with a category in
 * force on the subsidy date who is not yet enrolled that year gets an enrolment at tier 1
 * (tier 2 is set per line later), with the engine's subsidy. Set-based: one statement finds
 * the candidates and their category sets for the whole county, the engine runs once per
 * distinct category set (it is pure), and one INSERT … SELECT writes every line — 100,000
 * people in seconds. One roster per county-year: a second build answers with the first.
 *
 * The roster's lines are paid on the subsidy date: a date in the collection period (before
 * 1 January of the year) covers them from 1 January; a later date is a late enrolment (P-BASIC-6).
 */
export async function buildRoster(db: Db, actor: SessionUser, raw: BuildRosterInput) {
  const { year, subsidyDate } = parseInput(buildRosterSchema, raw);
  const regionCode = countyOf(actor);
  assertInScope(actor, { permission: "subsidy.manage", region: regionCode });
  return db.transaction(async (tx) => {
    // One build of a county-year at a time; the second waits, then finds the first.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`subsidy-roster:${regionCode}:${year}`}))`);
    const [existing] = await tx.select().from(subsidyRosters).where(and(eq(subsidyRosters.regionCode, regionCode), eq(subsidyRosters.year, year))).limit(1);
    if (existing) {
      const [{ n } = { n: 0 }] = await executeRows<{ n: number }>(tx, sql`select count(*)::int as n from enrolments where roster_id = ${existing.id}`);
      return { rosterId: existing.id, existing: true, persons: n };
    }

    const late = isLateEnrolment(year, subsidyDate);
    const policyDate = subsidyPolicyDate(year, subsidyDate);
    const subsidyOf = subsidyCalculator(regionCode, policyDate, "subsidyDate");
    const cover = coverageFrom({ year, paidOn: subsidyDate, late, rule: coverageRuleOn(regionCode, policyDate, "subsidyDate") });

    await tx.execute(sql`
      create temporary table roster_candidates on commit drop as
      select i.person_id, string_agg(distinct i.category::text, ',' order by i.category::text) as categories
      from identities i join persons p on p.id = i.person_id
      where p.region_code = ${regionCode}
        and i.valid_from <= ${subsidyDate}::date and (i.valid_to is null or i.valid_to > ${subsidyDate}::date)
        and not exists (select 1 from enrolments e where e.person_id = i.person_id and e.year = ${year})
      group by i.person_id`);
    const sets = await executeRows<{ categories: string; n: number }>(tx, sql`select categories, count(*)::int as n from roster_candidates group by categories order by categories`);
    if (sets.length === 0) {
      const message = `${formatDate(subsidyDate)}本县没有在册且${year}年度尚未参保的困难群众，未生成资助名单`;
      throw new UserFacingError("NO_CANDIDATES", message, { subsidyDate: message });
    }

    const figures = sets.map((s) => ({ categories: s.categories, n: s.n, ...subsidyOf(s.categories.split(",") as CategoryCode[], 1) }));
    const first: SubsidyFigures = figures[0]!;
    const [roster] = await tx
      .insert(subsidyRosters)
      .values({ regionCode, year, subsidyDate, policyCode: first.policyCode, parameterVersion: first.parameterVersion, createdBy: actor.id })
      .returning();
    const table = JSON.stringify(
      figures.map((f) => ({
        categories: f.categories,
        resolved_category: f.resolvedCategory,
        individual_contribution: f.individualContribution,
        subsidy: f.subsidy,
        person_pays: f.personPays,
        policy_code: f.policyCode,
        parameter_version: f.parameterVersion,
      })),
    );
    const [{ n: persons } = { n: 0 }] = await executeRows<{ n: number }>(
      tx,
      sql`with written as (
            insert into enrolments (person_id, region_code, year, insurance_tier, paid_on, coverage_from, late, resolved_category,
              individual_contribution, subsidy, person_pays, policy_code, parameter_version, roster_id, created_by)
            select c.person_id, ${regionCode}, ${year}, 1, ${subsidyDate}::date, ${cover}::date, ${late}, f.resolved_category::category,
              f.individual_contribution::numeric, f.subsidy::numeric, f.person_pays::numeric, f.policy_code, f.parameter_version, ${roster!.id}::uuid, ${actor.id}::uuid
            from roster_candidates c
            join json_to_recordset(${table}::json) as f(categories text, resolved_category text, individual_contribution text, subsidy text,
              person_pays text, policy_code text, parameter_version text) on f.categories = c.categories
            on conflict (person_id, year) do nothing
            returning 1)
          select count(*)::int as n from written`,
    );
    const byCategory: Partial<Record<CategoryCode, number>> = {};
    for (const f of figures) byCategory[f.resolvedCategory] = (byCategory[f.resolvedCategory] ?? 0) + f.n;
    await recordAudit(tx, {
      actor,
      action: "subsidy_roster.build",
      targetType: "subsidy_roster",
      targetId: roster!.id,
      details: { year, subsidyDate, coverageFrom: cover, late, persons, byCategory, policy: first.policyCode, parameterVersion: first.parameterVersion },
    });
    return { rosterId: roster!.id, existing: false, persons };
  });
}
