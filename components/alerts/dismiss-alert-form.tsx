"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/action-result";
import { Button, inputClass, Notice } from "@/components/ui";

/** W7: dismiss an alert with a reason (kept on the alert and in the audit log). */
export function DismissAlertForm({ action, alertId }: { action: FormAction; alertId: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) return <Notice tone="success">已排除</Notice>;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="alertId" value={alertId} />
      <label className="sr-only" htmlFor={`reason-${alertId}`}>
        排除原因
      </label>
      <input id={`reason-${alertId}`} name="reason" className={`${inputClass} w-56`} placeholder="排除原因，例如：已获商业保险赔付" />
      <Button type="submit" variant="secondary" disabled={pending}>
        排除
      </Button>
      {state && !state.ok ? <Notice tone="error">{state.fieldErrors?.reason ?? state.message}</Notice> : null}
    </form>
  );
}
