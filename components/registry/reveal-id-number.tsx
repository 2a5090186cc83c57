"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";

type RevealAction = (previous: ActionResult | null, form: FormData) => Promise<ActionResult<{ idNumber: string }>>;

/** Masked by default; the full number is fetched on click and the view is audited (W3). */
export function RevealIdNumber({ action, personId, masked }: { action: RevealAction; personId: string; masked: string }) {
  const [state, formAction, pending] = useActionState(action as (p: ActionResult<{ idNumber: string }> | null, f: FormData) => Promise<ActionResult<{ idNumber: string }>>, null);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="personId" value={personId} />
      <span className="font-mono" data-testid="id-number">
        {state?.ok ? state.data.idNumber : masked}
      </span>
      {state?.ok ? null : (
        <button type="submit" disabled={pending} className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100">
          显示完整号码
        </button>
      )}
      {state && !state.ok ? <span className="text-sm text-red-700">{state.message}</span> : null}
    </form>
  );
}
