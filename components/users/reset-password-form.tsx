"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/action-result";
import { Button, Field, inputClass, Notice } from "@/components/ui";

export function ResetPasswordForm({ action, userId }: { action: FormAction; userId: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const error = state && !state.ok ? (state.fieldErrors?.password ?? state.message) : undefined;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="userId" value={userId} />
      <Field label="新密码" htmlFor="new-password" error={error} hint="至少 10 位，须含字母和数字">
        <input id="new-password" name="password" type="password" autoComplete="new-password" required className={inputClass} />
      </Field>
      <Button type="submit" disabled={pending}>
        重设密码
      </Button>
      {state?.ok ? <Notice tone="success">{state.message}</Notice> : null}
    </form>
  );
}
