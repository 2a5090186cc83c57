/** What every server action returns to its form (client-safe: types only). */
export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

/** A server action as a form's useActionState sees it. */
export type FormAction = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;
