import "server-only";
import { z } from "zod";
import { AuthError, requireUser } from "@/lib/auth/guard";
import { UserFacingError } from "./errors";
import type { Requirement } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/types";

import type { ActionResult } from "./action-result";

export type { ActionResult } from "./action-result";

/** What the form shows again after a refusal (React resets form fields); never passwords. */
function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !/password/i.test(key) && !key.startsWith("$")) values[key] = value.slice(0, 200);
  }
  return values;
}

export { UserFacingError } from "./errors";

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * One wrapper for server actions (style.md §4): a server action is a public POST
 * endpoint, so parse FormData with zod, check the permission, then run the use case.
 * Returns a result for useActionState; never throws to the client.
 */
export function defineAction<S extends z.ZodType, T>(config: {
  requirement: Requirement;
  input: S;
  run: (user: SessionUser, input: z.infer<S>) => Promise<T>;
  success?: string;
}) {
  return async function action(_previous: unknown, formData: FormData): Promise<ActionResult<T>> {
    const values = echoValues(formData);
    try {
      const user = await requireUser(config.requirement);
      const parsed = config.input.safeParse(Object.fromEntries(formData.entries()));
      if (!parsed.success) {
        const fieldErrors = fieldErrorsOf(parsed.error);
        return { ok: false, code: "INVALID_INPUT", message: Object.values(fieldErrors)[0] ?? "输入有误", fieldErrors, values };
      }
      const data = await config.run(user, parsed.data);
      return { ok: true, data, message: config.success };
    } catch (error) {
      if (error instanceof AuthError) return { ok: false, code: error.code, message: error.message };
      if (error instanceof UserFacingError) {
        return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, values };
      }
      // Details go to the server log by error name only: they may hold personal data.
      console.error("server action failed:", error instanceof Error ? error.name : typeof error);
      return { ok: false, code: "INTERNAL", message: "系统繁忙，请稍后重试；数据未作更改" };
    }
  };
}
