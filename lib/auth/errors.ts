import { authorize, type Requirement } from "./authorize";
import type { SessionUser } from "./types";

/** A refusal by the authorisation rule; pages, actions and route handlers turn it into 401/403/404. */
export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403 | 404,
    readonly code: "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND",
    message: string,
  ) {
    super(message);
    this.name = "AuthError";
  }
}

/** Re-checks a loaded record against the caller's scope (guessed ids answer 404). */
export function assertInScope(user: SessionUser, requirement: Requirement): void {
  const decision = authorize(user, requirement);
  if (!decision.ok) throw new AuthError(decision.status, decision.code, decision.message);
}
