import type { CategoryCode } from "@/db/schema/enums";
import { policySetForRegion } from "@/lib/policy";

/** 就高不重复 order of the policy set in force for a county on a date (P-ID-I1). */
export function categoryPriorityFor(regionCode: string, date: string): CategoryCode[] {
  return policySetForRegion(regionCode, date).categoryPriority;
}
