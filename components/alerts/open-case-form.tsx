"use client";

import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import type { FormAction } from "@/lib/action-result";
import { Button, Field, inputClass, Notice } from "@/components/ui";

/** W7 → W6: what the clerk adds to an alert to open a case (the bills come from the ledger). */
export function OpenCaseForm({ action, alertId, defaults }: { action: FormAction; alertId: string; defaults: { phone: string; reason: string } }) {
  const [state, formAction, pending] = useActionState(action, null);
  const router = useRouter();
  const caseId = state?.ok ? (state.data as { applicationId?: string } | undefined)?.applicationId : undefined;
  useEffect(() => {
    if (caseId) router.push(`/county/cases/${caseId}`);
  }, [caseId, router]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const input = (name: string, label: string, props: React.ComponentProps<"input"> = {}) => (
    <Field label={label} htmlFor={`case-${name}`} error={errors[name]}>
      <input id={`case-${name}`} name={name} defaultValue={values[name] ?? (name === "phone" ? defaults.phone : "")} className={inputClass} {...props} />
    </Field>
  );
  return (
    <form action={formAction} className="grid max-w-2xl gap-4" data-testid="open-case-form">
      <input type="hidden" name="alertId" value={alertId} />
      {input("phone", "联系电话", { inputMode: "tel" })}
      {input("householdSize", "家庭人口数", { inputMode: "numeric" })}
      {input("householdAnnualIncome", "家庭年收入（元）", { inputMode: "decimal" })}
      <Field label="家庭收入情况" htmlFor="case-incomeStatement" error={errors.incomeStatement}>
        <textarea id="case-incomeStatement" name="incomeStatement" rows={2} defaultValue={values.incomeStatement ?? ""} className={inputClass} />
      </Field>
      <Field label="发起理由" htmlFor="case-reason" error={errors.reason}>
        <textarea id="case-reason" name="reason" rows={3} defaultValue={values.reason ?? defaults.reason} className={inputClass} />
      </Field>
      {state && !state.ok && !Object.keys(errors).length ? <Notice tone="error">{state.message}</Notice> : null}
      {state && !state.ok && errors.bills ? <Notice tone="error">{errors.bills}</Notice> : null}
      <div>
        <Button type="submit" disabled={pending || Boolean(caseId)}>
          {pending ? "正在发起…" : "发起依申请救助"}
        </Button>
      </div>
    </form>
  );
}
