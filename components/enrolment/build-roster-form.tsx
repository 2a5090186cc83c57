"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/action-result";
import { Button, Field, inputClass, Notice } from "@/components/ui";

/** W4: build the county's roster for a year from the registry on the subsidy date. */
export function BuildRosterForm({ action, year, defaultDate, maxDate }: { action: FormAction; year: number; defaultDate: string; maxDate: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-4" data-testid="build-roster-form">
      <input type="hidden" name="year" value={year} />
      <Field label="资助认定日期" htmlFor="roster-subsidyDate" error={errors.subsidyDate ?? errors.year} hint="按此日在册的救助类别确定每人的资助（就高不重复）">
        <input
          id="roster-subsidyDate"
          type="date"
          name="subsidyDate"
          defaultValue={values.subsidyDate ?? defaultDate}
          max={maxDate}
          className={inputClass}
          aria-invalid={!!errors.subsidyDate}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "正在生成…" : `生成${year}年度资助名单`}
      </Button>
      {state && !state.ok ? (
        <Notice tone="error" testId="build-roster-error">
          {state.message}
        </Notice>
      ) : null}
    </form>
  );
}
