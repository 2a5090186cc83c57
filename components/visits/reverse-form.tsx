"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/action-result";
import { Button, inputClass, Notice } from "@/components/ui";

export function ReverseSettlementForm({ action, settlementId }: { action: FormAction; settlementId: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) return <Notice tone="success">已冲销：本次结算的金额已全部退回本年度累计。</Notice>;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="settlementId" value={settlementId} />
      <label className="flex flex-col gap-1">
        <span className="font-medium">冲销原因</span>
        <input name="reason" className={`${inputClass} w-72`} placeholder="例如：医院退费后重新结算" />
      </label>
      <Button type="submit" variant="danger" disabled={pending}>
        冲销此次结算
      </Button>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
    </form>
  );
}
