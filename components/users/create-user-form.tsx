"use client";

import { useActionState, useState } from "react";
import type { FormAction } from "@/lib/action-result";
import { Button, Field, inputClass, Notice } from "@/components/ui";

export function CreateUserForm({
  action,
  roles,
  departments,
}: {
  action: FormAction;
  roles: ReadonlyArray<{ value: string; label: string }>;
  departments: ReadonlyArray<{ value: string; label: string }>;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [role, setRole] = useState("county_clerk");
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  return (
    <form action={formAction} className="grid gap-4 md:grid-cols-2" key={state?.ok ? "done" : "form"}>
      <div className="md:col-span-2">
        {state?.ok ? <Notice tone="success" testId="create-user-result">{state.message}</Notice> : null}
        {state && !state.ok ? <Notice tone="error" testId="create-user-result">{state.message}</Notice> : null}
      </div>
      <Field label="用户名" htmlFor="username" error={errors.username} hint="3–32 位小写字母、数字或 _ . -">
        <input id="username" name="username" required className={inputClass} aria-invalid={!!errors.username} />
      </Field>
      <Field label="姓名" htmlFor="displayName" error={errors.displayName}>
        <input id="displayName" name="displayName" required className={inputClass} aria-invalid={!!errors.displayName} />
      </Field>
      <Field label="角色" htmlFor="role" error={errors.role}>
        <select id="role" name="role" value={role} onChange={(e) => setRole(e.target.value)} className={inputClass}>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="所属部门" htmlFor="departmentCode" error={errors.departmentCode} hint="仅部门经办员需要选择">
        <select id="departmentCode" name="departmentCode" disabled={role !== "department"} className={inputClass} defaultValue="">
          <option value="">—</option>
          {departments.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="初始密码" htmlFor="password" error={errors.password} hint="至少 10 位，须含字母和数字">
        <input id="password" name="password" type="password" autoComplete="new-password" required className={inputClass} aria-invalid={!!errors.password} />
      </Field>
      <div className="flex items-end">
        <Button type="submit" disabled={pending}>
          {pending ? "正在添加…" : "添加用户"}
        </Button>
      </div>
    </form>
  );
}
