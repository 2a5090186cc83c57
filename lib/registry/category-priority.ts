import { sql, type SQL } from "drizzle-orm";
import type { CategoryCode } from "@/db/schema/enums";
import { policySetForRegion } from "@/lib/policy";

/** 就高不重复 order of the policy set in force for a county on a date (P-ID-I1). */
export function categoryPriorityFor(regionCode: string, date: string): CategoryCode[] {
  return policySetForRegion(regionCode, date).categoryPriority;
}

/**
 * The priority as a small table `priority(category, rank)` to join on a category column: the
 * database ranks 100,000 identities by one hash join instead of rebuilding an array per row.
 * Categories the priority does not rank find no row (they never win).
 */
export function categoryRankTable(priority: readonly CategoryCode[]): SQL {
  return sql`(values ${sql.raw(priority.map((c, i) => `('${c}'::category, ${i + 1})`).join(", "))}) as priority(category, rank)`;
}
