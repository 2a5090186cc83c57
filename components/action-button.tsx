"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/action-result";
import { Button, Notice } from "@/components/ui";

/** A one-button form for a server action with hidden fields (confirm, discard, reveal …). */
export function ActionButton({
  action,
  fields,
  label,
  pendingLabel,
  variant = "primary",
  testId,
}: {
  action: FormAction;
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger";
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline-flex flex-col gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} disabled={pending} data-testid={testId}>
        {pending ? (pendingLabel ?? "处理中…") : label}
      </Button>
      {state ? <Notice tone={state.ok ? "success" : "error"}>{state.message ?? (state.ok ? "已完成" : "")}</Notice> : null}
    </form>
  );
}
