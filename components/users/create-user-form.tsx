"use client";

import { useActionState, useState } from "react";
import type { FormAction } from "@/lib/action-result";
import { Button, Field, inputClass, Notice } from "@/components/ui";

type Option = { value: string; label: string };

export function CreateUserForm({ action, roles, departments }: { action: FormAction; roles: readonly Option[]; departments: readonly Option[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  // React resets the form after each action; fields fall back to these defaults:
  // empty after success, what was sent (never the password) after a refusal.
  const values = state && !state.ok ? (state.values ?? {}) : {};

  return (
    <form action={formAction} className="grid gap-4 md:grid-cols-2">
      <div className="md:col-span-2">
        {state ? (
          <Notice tone={state.ok ? "success" : "error"} testId="create-user-result">
            {state.message}
          </Notice>
        ) : null}
      </div>
      <CreateUserFields result={state} errors={errors} values={values} roles={roles} departments={departments} />
      <div className="flex items-end">
        <Button type="submit" disabled={pending}>
          {pending ? "正在添加…" : "添加用户"}
        </Button>
      </div>
    </form>
  );
}

function CreateUserFields({
  result,
  errors,
  values,
  roles,
  departments,
}: {
  result: unknown;
  errors: Record<string, string>;
  values: Record<string, string>;
  roles: readonly Option[];
  departments: readonly Option[];
}) {
  const [role, setRole] = useState(values.role ?? "county_clerk");
  const [shownResult, setShownResult] = useState(result);
  if (result !== shownResult) {
    // A new result: the role select follows the form's reset.
    setShownResult(result);
    setRole(values.role ?? "county_clerk");
  }
  return (
    <>
      <Field label="用户名" htmlFor="username" error={errors.username} hint="3–32 位小写字母、数字或 _ . -">
        <input id="username" name="username" defaultValue={values.username} required className={inputClass} aria-invalid={!!errors.username} />
      </Field>
      <Field label="姓名" htmlFor="displayName" error={errors.displayName}>
        <input id="displayName" name="displayName" defaultValue={values.displayName} required className={inputClass} aria-invalid={!!errors.displayName} />
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
        {/* Keyed: a select's default is only read when it mounts. */}
        <select key={values.departmentCode ?? ""} id="departmentCode" name="departmentCode" disabled={role !== "department"} className={inputClass} defaultValue={values.departmentCode ?? ""}>
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
    </>
  );
}
