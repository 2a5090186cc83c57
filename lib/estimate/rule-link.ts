import { effectiveRules, listPolicySets } from "@/lib/policy";

/** Where a rule is explained: on the set's own page when it applies the rule, else on the first set that does. */
export function ruleHref(policyCode: string, ruleId: string): string {
  const has = (code: string) => effectiveRules(code).some((r) => r.ruleId === ruleId);
  if (has(policyCode)) return `/policies/${policyCode}#${ruleId}`;
  const other = listPolicySets().find((s) => has(s.code));
  return other ? `/policies/${other.code}#${ruleId}` : `/policies/${policyCode}`;
}
