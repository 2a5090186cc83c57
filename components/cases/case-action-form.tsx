"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Button, Field, inputClass, Notice } from "@/components/ui";

type Outcome = { unchanged: boolean; state: string };
type CaseAction = (previous: ActionResult<Outcome> | null, form: FormData) => Promise<ActionResult<Outcome>>;
export type CaseField = { name: string; label: string; kind?: "text" | "textarea" | "money"; defaultValue?: string; hint?: string };

/** One transition of a case as a small form: hidden case id, its fields, one button. */
export function CaseActionForm({
  action,
  applicationId,
  fields = [],
  label,
  variant = "primary",
  testId,
}: {
  action: CaseAction;
  applicationId: string;
  fields?: CaseField[];
  label: string;
  variant?: "primary" | "secondary" | "danger";
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const id = (name: string) => `${testId ?? label}-${name}`;
  return (
    <form action={formAction} className="flex flex-col gap-3" data-testid={testId}>
      <input type="hidden" name="applicationId" value={applicationId} />
      {fields.map((f) => (
        <Field key={f.name} label={f.label} htmlFor={id(f.name)} error={errors[f.name]} hint={f.hint}>
          {f.kind === "textarea" ? (
            <textarea id={id(f.name)} name={f.name} rows={3} defaultValue={values[f.name] ?? f.defaultValue} aria-invalid={!!errors[f.name]} className={inputClass} />
          ) : (
            <input id={id(f.name)} name={f.name} inputMode={f.kind === "money" ? "decimal" : undefined} defaultValue={values[f.name] ?? f.defaultValue} aria-invalid={!!errors[f.name]} autoComplete="off" className={inputClass} />
          )}
        </Field>
      ))}
      <div>
        <Button type="submit" variant={variant} disabled={pending}>
          {pending ? "处理中…" : label}
        </Button>
      </div>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      {state?.ok ? <Notice tone="success">{state.data.unchanged ? "该申请已处于此状态，未重复办理" : "已办理"}</Notice> : null}
    </form>
  );
}
