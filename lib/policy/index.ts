/**
 * Policy catalogue: the five source documents as typed, dated data (policy-book.md).
 *
 * - `listPolicySets()` / `getPolicySet(code)`: the sets (UNKNOWN_POLICY for a bad code).
 * - `policySetForRegion(regionCode, date)`: the set in force whose jurisdiction is the most
 *   specific prefix of the region (500243 → pengshui-2023 from 2023-05-30, else national-2021).
 * - `resolveParameters(code, date)`: every parameter's version in force (POLICY_NOT_IN_FORCE,
 *   PARAMETER_NOT_IN_FORCE on gaps; never a silent fallback).
 * - `describePolicySet(code)`: rules, parameter tables (own / inherited / overridden) and changes.
 * - `listChanges(code, against?)`: what changed against the parent or the previous set.
 */
import { POLICY_SETS } from "./catalogue";
import type { PolicySet } from "./types";

export {
  getPolicySet,
  findPolicySet,
  policySetForRegion,
  resolveParameters,
  parameterEntry,
  parameterVersion,
  effectiveRules,
  assertPolicyInForce,
  chineseDate,
  SEED_FILES,
  type ResolvedParameter,
} from "./catalogue";
export { describePolicySet, listChanges, type PolicyDescription, type ParameterRow, type PolicyChanges } from "./describe";
export { PARAMETER_KEYS, ALL_KEYS, checkParamValue, type KeyInfo, type ValueKind } from "./keys";
export { validateCatalogue, POLICY_BOOK_RULE_IDS } from "./schema";
export { EngineError, type EngineErrorBody, type EngineErrorCode } from "./errors";
export * from "./types";

/** Summaries of the bundled sets, oldest first. */
export function listPolicySets(): Omit<PolicySet, "parameters" | "rules">[] {
  return [...POLICY_SETS]
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
    .map(({ parameters: _p, rules: _r, ...s }) => s);
}
