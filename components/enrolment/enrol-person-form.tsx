"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/action-result";
import { Button, Field, inputClass, Notice } from "@/components/ui";

/** W4: enrol one person for a year (补缴/新增, or missing from the roster), with tier and payment date. */
export function EnrolPersonForm({ action, personId, years, defaultYear, today }: { action: FormAction; personId: string; years: number[]; defaultYear: number; today: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={formAction} className="grid gap-4 md:grid-cols-4" data-testid="enrol-person-form">
      <input type="hidden" name="personId" value={personId} />
      <Field label="参保年度" htmlFor="enrol-year" error={errors.year}>
        <select id="enrol-year" name="year" key={values.year ?? defaultYear} defaultValue={values.year ?? String(defaultYear)} className={inputClass}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}年
            </option>
          ))}
        </select>
      </Field>
      <Field label="参保档次" htmlFor="enrol-insuranceTier" error={errors.insuranceTier}>
        <select id="enrol-insuranceTier" name="insuranceTier" key={values.insuranceTier ?? "1"} defaultValue={values.insuranceTier ?? "1"} className={inputClass}>
          <option value="1">一档</option>
          <option value="2">二档</option>
        </select>
      </Field>
      <Field label="缴费日期" htmlFor="enrol-paidOn" error={errors.paidOn}>
        <input id="enrol-paidOn" type="date" name="paidOn" defaultValue={values.paidOn ?? today} max={today} className={inputClass} aria-invalid={!!errors.paidOn} />
      </Field>
      <div className="flex items-end">
        <Button type="submit" disabled={pending}>
          {pending ? "正在登记…" : "登记参保"}
        </Button>
      </div>
      {state ? (
        <div className="md:col-span-4">
          <Notice tone={state.ok ? "success" : "error"} testId={state.ok ? "enrol-success" : "enrol-error"}>
            {state.message}
          </Notice>
        </div>
      ) : null}
    </form>
  );
}
