/**
 * The settlement engine (settlement-contract.md): pure, exact (decimal.js), explained.
 *
 * - `settle(request, policySet?, options?)` → SettlementResult; throws EngineError.
 * - `simulate(request, options?)` → the same, policy from the catalogue (by code, or region + date).
 * - `settleSubsidy(request, policySet?)` → SubsidyResult (资助参保, P-PS).
 * - `replay(receipt)` → recomputes from the receipt's parameter snapshot.
 * - `assessYearBurden(input)` → the person-year's burden against the alert levels (P-MON-1/2).
 * - `validateSettlementRequest(input)` → `{ ok: true, request } | { ok: false, error }`.
 * - `errorBody(e)` → the contract's `{"error": {...}}` body for any thrown value.
 * - Chinese labels for categories, visit kinds, locations, referrals, levels, tiers.
 */
import { EngineError, type EngineErrorBody } from "@/lib/policy/errors";
import type { SettlementRequest } from "./types";
import { parseSettlementRequest } from "./validate";

export { settle, simulate, settleSubsidy, replay, receiptIdOf, ENGINE_VERSION } from "./settle";
export { checkInvariants, type InvariantInput } from "./invariants";
export { parseSettlementRequest, parseSubsidyRequest } from "./validate";
export { canonicalJson } from "./receipt";
export { proposeOnApplication, parseOnApplicationRequest, type OnApplicationBill, type OnApplicationRequest, type OnApplicationResult } from "./on-application";
export { assessYearBurden, selfPayAfterInsurance, ALERT_LEVEL_LABELS, type BurdenAssessment, type AlertLevel } from "./monitoring";
export * from "./labels";
export type {
  Amounts,
  PolicyRef,
  Receipt,
  SettleOptions,
  SettlementRequest,
  SettlementResult,
  SnapshotEntry,
  Step,
  StepProvenance,
  SubsidyRequest,
  SubsidyResult,
  Warning,
  YearToDate,
  YearToDateField,
} from "./types";
export { YEAR_TO_DATE_FIELDS } from "./types";
export { EngineError, type EngineErrorBody };

export type ValidationOutcome = { ok: true; request: SettlementRequest } | { ok: false; error: EngineErrorBody };

/** Validates and normalises a request without settling it (forms, the HTTP API). */
export function validateSettlementRequest(input: unknown): ValidationOutcome {
  try {
    return { ok: true, request: parseSettlementRequest(input) };
  } catch (e) {
    return { ok: false, error: errorBody(e) };
  }
}

/** The contract's error object for anything thrown by the engine (unexpected errors become INTERNAL_INVARIANT). */
export function errorBody(e: unknown): EngineErrorBody {
  if (e instanceof EngineError) return e.toJSON();
  return { code: "INTERNAL_INVARIANT", message: "结算时发生内部错误，请联系系统管理员" };
}
