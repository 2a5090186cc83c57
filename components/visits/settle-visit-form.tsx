"use client";

import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { Button, Field, inputClass, Notice } from "@/components/ui";

type Option = { value: string; label: string };
type SettleAction = (previous: ActionResult | null, form: FormData) => Promise<ActionResult<{ settlementId: string; existing: boolean }>>;

/** W5: the clerk records a visit for this person and settles it; the statement opens next. */
export function SettleVisitForm({
  action,
  personId,
  today,
  options,
}: {
  action: SettleAction;
  personId: string;
  today: string;
  options: { kinds: Option[]; levels: Option[]; locations: Option[]; referrals: Option[] };
}) {
  const [state, formAction, pending] = useActionState(action as (p: ActionResult<{ settlementId: string; existing: boolean }> | null, f: FormData) => Promise<ActionResult<{ settlementId: string; existing: boolean }>>, null);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push(`/county/settlements/${state.data.settlementId}`);
  }, [state, router]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const select = (name: string, label: string, list: Option[], fallback: string) => (
    <Field label={label} htmlFor={`visit-${name}`} error={errors[name]}>
      <select id={`visit-${name}`} name={name} key={values[name] ?? fallback} defaultValue={values[name] ?? fallback} className={inputClass}>
        {list.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
  const money = (name: string, label: string, hint?: string) => (
    <Field label={label} htmlFor={`visit-${name}`} error={errors[name]} hint={hint}>
      <input id={`visit-${name}`} name={name} inputMode="decimal" defaultValue={values[name]} className={inputClass} aria-invalid={!!errors[name]} />
    </Field>
  );
  return (
    <form action={formAction} className="grid gap-4 md:grid-cols-3" data-testid="settle-visit-form">
      <input type="hidden" name="personId" value={personId} />
      <Field label="出院（就诊）日期" htmlFor="visit-visitDate" error={errors.visitDate}>
        <input id="visit-visitDate" type="date" name="visitDate" defaultValue={values.visitDate ?? today} max={today} className={inputClass} />
      </Field>
      {select("kind", "就诊类型", options.kinds, "inpatient")}
      {select("hospitalLevel", "医院等级", options.levels, "2")}
      {select("location", "就医地点", options.locations, "county")}
      {select("referral", "转诊情况", options.referrals, "not_required")}
      {select("transferFromLevel", "转出医院等级（转诊时）", [{ value: "", label: "不是转诊" }, ...options.levels], "")}
      <label className="inline-flex min-h-11 items-center gap-2 self-end">
        <input type="checkbox" name="specialDisease" defaultChecked={values.specialDisease === "on"} className="h-5 w-5" />
        特殊疾病（门诊慢特病、重特大疾病）
      </label>
      <Field label="医院结算单号（选填）" htmlFor="visit-externalVisitNumber" error={errors.externalVisitNumber} hint="同一单号重复导入不会重复结算">
        <input id="visit-externalVisitNumber" name="externalVisitNumber" defaultValue={values.externalVisitNumber} className={inputClass} />
      </Field>
      {money("totalCost", "医疗总费用（元）")}
      {money("outOfCatalogCost", "目录外费用（元）", "不填为 0")}
      {money("selfPayFirstCost", "先行自付（元）", "不填为 0")}
      <div className="md:col-span-3 flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "正在结算…" : "一站式结算"}
        </Button>
        {state && !state.ok ? (
          <Notice tone="error" testId="settle-error">
            {state.message}
          </Notice>
        ) : null}
      </div>
    </form>
  );
}
