import { sql, type SQL } from "drizzle-orm";
import type { CategoryCode } from "@/db/schema/enums";
import { policySetForRegion } from "@/lib/policy";

/** 就高不重复 order of the policy set in force for a county on a date (P-ID-I1). */
export function categoryPriorityFor(regionCode: string, date: string): CategoryCode[] {
  return policySetForRegion(regionCode, date).categoryPriority;
}

/**
 * 就高不重复 in SQL (P-ID-I1), in the same order as resolveCategoryOn (resolve-category.ts): each
 * person of the county with a category in force on `date`, with the one category that wins — the
 * policy's priority first, categories it does not rank never win, then the earliest certification —
 * and the department that certified it. A subquery (person_id, category, department_code); the
 * priority is joined as a small table, not an array rebuilt for each of 100,000s of identities.
 */
export function resolvedCategoriesOn(regionCode: string, date: string): SQL {
  const ranks = categoryPriorityFor(regionCode, date)
    .filter((c) => c !== "NONE")
    .map((c, i) => `('${c}'::category, ${i + 1})`)
    .join(", ");
  return sql`(
    select distinct on (i.person_id) i.person_id, i.category, i.department_code
    from identities i
    join persons p on p.id = i.person_id
    join (values ${sql.raw(ranks)}) as priority(category, rank) on priority.category = i.category
    where p.region_code = ${regionCode}
      and i.valid_from <= ${date}::date and (i.valid_to is null or i.valid_to > ${date}::date)
    order by i.person_id, priority.rank, i.valid_from)`;
}
