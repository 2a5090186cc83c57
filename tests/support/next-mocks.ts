import type { SessionUser } from "@/lib/auth/types";

/**
 * Lets integration tests call pages, server actions and route handlers as plain
 * functions: the session is whatever the test says, and Next's control-flow
 * functions throw recognisable errors instead of needing a request scope.
 */
export class NavigationInterrupt extends Error {
  constructor(
    readonly kind: "redirect" | "forbidden" | "notFound",
    readonly location?: string,
  ) {
    super(`${kind}${location ? ` ${location}` : ""}`);
  }
}

export const session: { user: SessionUser | null } = { user: null };

