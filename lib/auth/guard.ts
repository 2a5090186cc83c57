import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { authorize, type Requirement } from "./authorize";
import { AuthError } from "./errors";
import { getSessionUser } from "./session";
import type { SessionUser } from "./types";

export { AuthError, assertInScope } from "./errors";

/**
 * The one check every server action, route handler and use case calls:
 * signed in, role allowed, record within region scope and department.
 */
export async function requireUser(requirement: Requirement): Promise<SessionUser> {
  const decision = authorize(await getSessionUser(), requirement);
  if (!decision.ok) throw new AuthError(decision.status, decision.code, decision.message);
  return decision.user;
}

/** The same check for pages: sign-in page, 403 page or 404 page. */
export async function requirePageUser(requirement: Requirement, returnTo?: string): Promise<SessionUser> {
  const decision = authorize(await getSessionUser(), requirement);
  if (decision.ok) return decision.user;
  if (decision.status === 401) {
    redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : "/login");
  }
  if (decision.status === 403) forbidden();
  notFound();
}

/** For pages: a use case's refusal becomes the 404 or 403 page (another county's record reads as missing). */
export async function requireRecord<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof AuthError) {
      if (error.status === 403) forbidden();
      notFound();
    }
    throw error;
  }
}
