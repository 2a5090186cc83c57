"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/action-result";
import { Button, Field, inputClass, Notice } from "@/components/ui";

/** W4: the roster's subsidy was paid; recorded once with its payment reference. */
export function RecordPaymentForm({ action, rosterId }: { action: FormAction; rosterId: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-4" data-testid="record-payment-form">
      <input type="hidden" name="rosterId" value={rosterId} />
      <Field label="拨付凭证号" htmlFor="roster-paymentReference" error={errors.paymentReference} hint="记录后名单不能再修改档次">
        <input id="roster-paymentReference" name="paymentReference" className={`${inputClass} w-64`} aria-invalid={!!errors.paymentReference} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "正在记录…" : "记录拨付"}
      </Button>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
    </form>
  );
}
