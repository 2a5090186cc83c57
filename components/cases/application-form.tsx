"use client";

import { useActionState, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { Button, Field, inputClass, Notice } from "@/components/ui";

type SubmitAction = (previous: ActionResult | null, form: FormData) => Promise<ActionResult<{ number: string; id?: string }>>;

const MAX_BILLS = 20;
const BILL_FIELDS = [
  { name: "hospitalName", label: "医院名称", mode: "text" },
  { name: "visitDate", label: "就诊（出院）日期", mode: "date" },
  { name: "totalCost", label: "医疗总费用（元）", mode: "decimal" },
  { name: "insurancePaid", label: "医保已支付（元）", mode: "decimal", hint: "基本医保和大病保险合计" },
  { name: "selfPay", label: "政策范围内个人自付（元）", mode: "decimal", hint: "结算单上的“政策范围内自付”" },
] as const;

/**
 * W6 application: the citizen on the public site (with the county to apply to) or a clerk at
 * the window. Works on a phone: one column, 16 px and up, every input labelled.
 */
export function ApplicationForm({
  action,
  counties,
  today,
  mode,
}: {
  action: SubmitAction;
  /** the public form's county choice; the window form uses the clerk's county */
  counties?: { code: string; name: string }[];
  today: string;
  mode: "public" | "window";
}) {
  const [state, formAction, pending] = useActionState(action as (p: ActionResult<{ number: string; id?: string }> | null, f: FormData) => Promise<ActionResult<{ number: string; id?: string }>>, null);
  const router = useRouter();
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const initialRows = Math.max(1, ...Object.keys(values).map((k) => (/^bills\.(\d+)\./.exec(k) ? Number(/^bills\.(\d+)\./.exec(k)![1]) + 1 : 0)));
  const [rows, setRows] = useState(initialRows);
  useEffect(() => {
    if (mode === "window" && state?.ok && state.data.id) router.push(`/county/cases/${state.data.id}`);
  }, [state, router, mode]);

  if (mode === "public" && state?.ok) {
    return (
      <div className="space-y-4" data-testid="application-submitted">
        <Notice tone="success">您的申请已提交。</Notice>
        <p className="text-lg">
          申请编号：<strong className="font-mono text-2xl tracking-wider" data-testid="application-number">{state.data.number}</strong>
        </p>
        <p>
          请抄写或截图保存这个编号。以后在“进度查询”页面输入编号和身份证号码后4位，就能查看办理进度和结果。工作人员可能会打电话联系您核实情况或请您补充材料。
        </p>
        <p>
          <a href="/apply/status">去查询办理进度</a>
        </p>
      </div>
    );
  }

  const text = (name: string, label: string, opts: { hint?: string; inputMode?: "numeric" | "decimal" | "tel"; autoComplete?: string; type?: string } = {}) => (
    <Field label={label} htmlFor={`app-${name}`} error={errors[name]} hint={opts.hint}>
      <input
        id={`app-${name}`}
        name={name}
        type={opts.type ?? "text"}
        inputMode={opts.inputMode}
        autoComplete={opts.autoComplete ?? "off"}
        defaultValue={values[name]}
        aria-invalid={!!errors[name]}
        aria-describedby={errors[name] ? `app-${name}-error` : undefined}
        className={`${inputClass} text-lg`}
      />
    </Field>
  );
  const area = (name: string, label: string, hint?: string) => (
    <Field label={label} htmlFor={`app-${name}`} error={errors[name]} hint={hint}>
      <textarea id={`app-${name}`} name={name} rows={3} defaultValue={values[name]} aria-invalid={!!errors[name]} className={`${inputClass} text-lg`} />
    </Field>
  );

  return (
    <form action={formAction} className="space-y-6 text-base" data-testid="application-form" noValidate>
      {state && !state.ok ? (
        <Notice tone="error" testId="application-error">
          {state.code === "INVALID_INPUT" ? `请检查标红的项目：${state.message}` : state.message}
        </Notice>
      ) : null}

      <fieldset className="space-y-4">
        <legend className="mb-2 text-xl font-semibold">申请人</legend>
        {counties ? (
          <Field label="申请的区县" htmlFor="app-regionCode" error={errors.regionCode}>
            <select id="app-regionCode" name="regionCode" defaultValue={values.regionCode ?? counties[0]?.code ?? ""} className={`${inputClass} text-lg`} aria-invalid={!!errors.regionCode}>
              {counties.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          {text("applicantName", "姓名", { autoComplete: "name" })}
          {text("idNumber", "公民身份号码（18位）", { hint: "最后一位是X的请照写X" })}
          {text("phone", "联系电话", { inputMode: "tel", autoComplete: "tel", type: "tel" })}
          {text("householdSize", "家庭人口数", { inputMode: "numeric" })}
          {text("householdAnnualIncome", "家庭年收入（元）", { inputMode: "decimal" })}
        </div>
        {area("incomeStatement", "家庭收入情况说明", "例如：务农，两人外出务工，年收入约1.8万元")}
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="mb-2 text-xl font-semibold">已经医保结算的医疗费用票据</legend>
        <p className="text-slate-600">填写经基本医保、大病保险报销后的结算单上的金额。最多 {MAX_BILLS} 张。</p>
        {errors.bills ? <p className="text-red-700">{errors.bills}</p> : null}
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="rounded-lg border border-slate-200 p-4" data-testid={`bill-${i}`}>
            <p className="mb-3 font-semibold">第 {i + 1} 张票据</p>
            <div className="grid gap-4 sm:grid-cols-2">
              {BILL_FIELDS.map((f) => {
                const name = `bills.${i}.${f.name}`;
                return (
                  <Field key={name} label={f.label} htmlFor={`app-${name}`} error={errors[name]} hint={"hint" in f ? f.hint : undefined}>
                    <input
                      id={`app-${name}`}
                      name={name}
                      type={f.mode === "date" ? "date" : "text"}
                      max={f.mode === "date" ? today : undefined}
                      inputMode={f.mode === "decimal" ? "decimal" : undefined}
                      autoComplete="off"
                      defaultValue={values[name]}
                      aria-invalid={!!errors[name]}
                      className={`${inputClass} text-lg`}
                    />
                  </Field>
                );
              })}
            </div>
          </div>
        ))}
        {rows < MAX_BILLS ? (
          <Button type="button" variant="secondary" onClick={() => setRows((n) => Math.min(MAX_BILLS, n + 1))}>
            再添加一张票据
          </Button>
        ) : null}
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="mb-2 text-xl font-semibold">申请理由</legend>
        {area("reason", "为什么申请救助", "例如：因病住院花费大，家庭生活困难")}
      </fieldset>

      <Button type="submit" disabled={pending} className="w-full text-lg sm:w-auto" data-testid="submit-application">
        {pending ? "正在提交…" : mode === "public" ? "提交申请" : "登记申请"}
      </Button>
    </form>
  );
}
