/**
 * A synthetic 彭水 county-year in a database, for the benchmarks and the bulk settlement
 * command: the registry's people with their identities, this year's subsidy roster (through
 * `buildRoster`; the others enrol paying their own contribution, so everyone is covered from
 * 1 January) and generated visits ready to stage.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { persons } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/types";
import type { StagedVisit } from "@/lib/bulk-settlement/stage-job";
import { buildRoster } from "@/lib/enrolment";
import { generatePersons } from "@/lib/registry/synthetic";
import { settleSubsidy } from "@/lib/settlement";
import { generateVisits } from "@/lib/visits/synthetic-visits";

export async function loadSyntheticCounty(db: Db, clerk: SessionUser, options: { persons: number; year: number; seed: number }): Promise<string[]> {
  const people = generatePersons({ count: options.persons, seed: options.seed, to: `${options.year - 1}-12-31` });
  for (let i = 0; i < people.length; i += 5_000) {
    const chunk = people.slice(i, i + 5_000);
    await db.insert(persons).values(chunk.map((p) => ({ idNumber: p.idNumber, name: p.name, regionCode: "500243", townshipCode: p.townshipCode, birthDate: p.birthDate })));
  }
  const identityRows = people.flatMap((p) => p.identities.filter((i) => i.removedOn === null).map((i) => ({ id_number: p.idNumber, category: i.category, department: i.department, valid_from: i.certifiedOn })));
  for (let i = 0; i < identityRows.length; i += 20_000) {
    await db.execute(sql`insert into identities (person_id, category, department_code, valid_from)
      select p.id, x.category::category, x.department::department_code, x.valid_from from json_to_recordset(${JSON.stringify(identityRows.slice(i, i + 20_000))}::json)
      as x(id_number varchar, category text, department text, valid_from date) join persons p on p.id_number = x.id_number`);
  }
  await buildRoster(db, clerk, { year: String(options.year), subsidyDate: `${options.year - 1}-12-31` });
  // Everyone else is insured too, paying the full tier-1 contribution themselves (no subsidy).
  const own = settleSubsidy({ region: "500243", date: `${options.year}-01-01`, person: { categories: [], insuranceTier: 1 } });
  await db.execute(sql`insert into enrolments (person_id, region_code, year, insurance_tier, paid_on, coverage_from, late, resolved_category,
      individual_contribution, subsidy, person_pays, policy_code, parameter_version, created_by)
    select p.id, p.region_code, ${options.year}, 1, ${`${options.year - 1}-12-15`}::date, ${`${options.year}-01-01`}::date, false, 'NONE',
      ${own.individualContribution}, ${own.subsidy}, ${own.personPays}, ${own.policy.code}, ${own.policy.parameterVersion}, ${clerk.id}::uuid
    from persons p where not exists (select 1 from enrolments e where e.person_id = p.id and e.year = ${options.year})`);
  const ids = (await db.select({ id: persons.id, idNumber: persons.idNumber }).from(persons)).reduce((m, r) => m.set(r.idNumber, r.id), new Map<string, string>());
  return people.map((p) => ids.get(p.idNumber)!);
}

/** `count` generated visits of the county's people, as a bulk job stages them. */
export function syntheticVisits(personIds: readonly string[], options: { count: number; year: number; seed: number }): StagedVisit[] {
  return generateVisits({ count: options.count, persons: personIds.length, year: options.year, seed: options.seed }).map((v, i) => ({
    personId: personIds[v.personIndex]!,
    externalVisitNumber: `GEN${options.year}-${String(i + 1).padStart(7, "0")}`,
    visitDate: v.visitDate,
    visit: {
      kind: v.kind,
      hospitalLevel: v.hospitalLevel,
      location: v.location,
      referral: v.referral,
      specialDisease: v.specialDisease ? "on" : undefined,
      totalCost: v.totalCost,
      outOfCatalogCost: v.outOfCatalogCost,
      selfPayFirstCost: v.selfPayFirstCost,
    },
  }));
}
