/**
 * The one error type of the catalogue and the engine. `code` is stable
 * (INVALID_REQUEST, UNKNOWN_POLICY, POLICY_NOT_IN_FORCE, PARAMETER_NOT_IN_FORCE,
 * NO_POLICY_FOR_REGION, INTERNAL_INVARIANT, INVALID_RECEIPT); `message` is Chinese, fit for a citizen.
 */
export type EngineErrorCode =
  | "INVALID_REQUEST"
  | "UNKNOWN_POLICY"
  | "POLICY_NOT_IN_FORCE"
  | "PARAMETER_NOT_IN_FORCE"
  | "NO_POLICY_FOR_REGION"
  | "INTERNAL_INVARIANT"
  | "INVALID_RECEIPT";

export interface EngineErrorBody {
  code: EngineErrorCode;
  field?: string;
  message: string;
}

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly field: string | undefined;

  constructor(code: EngineErrorCode, message: string, field?: string) {
    super(message);
    this.name = "EngineError";
    this.code = code;
    this.field = field;
  }

  /** `{"code", "field"?, "message"}` as the contract's `{"error": …}` body. */
  toJSON(): EngineErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, field: this.field, message: this.message };
  }
}
