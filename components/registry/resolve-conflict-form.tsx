"use client";

import { useActionState, useState } from "react";
import type { FormAction } from "@/lib/action-result";
import { Button, inputClass, Notice } from "@/components/ui";

/** A clerk's decision on one conflict: apply (choosing the right name where names differ), reject, or not a conflict. */
export function ResolveConflictForm({ action, conflictId, names }: { action: FormAction; conflictId: string; names: string[] | null }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [decision, setDecision] = useState("apply");
  if (state?.ok) return <Notice tone="success">已处理</Notice>;
  return (
    <form action={formAction} className="mt-3 space-y-3" data-testid={`resolve-${conflictId}`}>
      <input type="hidden" name="conflictId" value={conflictId} />
      <fieldset className="flex flex-wrap gap-4">
        <legend className="sr-only">处理方式</legend>
        {[
          ["apply", names ? "采用选定姓名并入库" : "按报送内容入库"],
          ["reject", "不予采用"],
          ["not_conflict", "不是冲突（以后不再提示）"],
        ].map(([value, label]) => (
          <label key={value} className="inline-flex items-center gap-2">
            <input type="radio" name="decision" value={value} checked={decision === value} onChange={() => setDecision(value!)} className="h-5 w-5" />
            {label}
          </label>
        ))}
      </fieldset>
      {names && decision === "apply" ? (
        <label className="flex flex-col gap-1">
          <span className="font-medium">正确的姓名</span>
          <select name="name" className={inputClass} defaultValue="">
            <option value="" disabled>
              请选择
            </option>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="flex flex-col gap-1">
        <span className="font-medium">处理理由</span>
        <textarea name="reason" rows={2} className={inputClass} placeholder="例如：经电话核实，民政局名单姓名有误" />
      </label>
      <Button type="submit" disabled={pending}>
        提交处理
      </Button>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
    </form>
  );
}
