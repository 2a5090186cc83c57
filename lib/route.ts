import "server-only";
import { NextResponse } from "next/server";
import { AuthError, requireUser } from "@/lib/auth/guard";
import type { Requirement } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/types";

/** Route handlers call the same guard as pages and actions; refusals are JSON in Chinese. */
export function withUser<C>(
  requirement: Requirement,
  handler: (user: SessionUser, request: Request, context: C) => Promise<Response>,
) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      const user = await requireUser(requirement);
      return await handler(user, request, context);
    } catch (error) {
      if (error instanceof AuthError) {
        return NextResponse.json({ error: { code: error.code, message: error.message } }, { status: error.status });
      }
      throw error;
    }
  };
}
