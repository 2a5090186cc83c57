"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";

type RevealAction = (previous: ActionResult | null, form: FormData) => Promise<ActionResult<{ idNumber: string; phone: string }>>;

/** Masked by default; the full ID number and phone are fetched on click and the view is audited. */
export function RevealContact({ action, applicationId, maskedId, maskedPhone }: { action: RevealAction; applicationId: string; maskedId: string; maskedPhone: string }) {
  const [state, formAction, pending] = useActionState(action as (p: ActionResult<{ idNumber: string; phone: string }> | null, f: FormData) => Promise<ActionResult<{ idNumber: string; phone: string }>>, null);
  return (
    <form action={formAction} className="mt-2 space-y-1">
      <input type="hidden" name="applicationId" value={applicationId} />
      <p>
        <span className="text-slate-500">公民身份号码：</span>
        <span className="font-mono" data-testid="applicant-id">
          {state?.ok ? state.data.idNumber : maskedId}
        </span>
      </p>
      <p className="flex flex-wrap items-center gap-2">
        <span className="text-slate-500">联系电话：</span>
        <span className="font-mono">{state?.ok ? state.data.phone : maskedPhone}</span>
        {state?.ok ? null : (
          <button type="submit" disabled={pending} className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100">
            显示完整号码和电话
          </button>
        )}
        {state && !state.ok ? <span className="text-sm text-red-700">{state.message}</span> : null}
      </p>
    </form>
  );
}
