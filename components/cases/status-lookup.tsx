"use client";

import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { formatYuan } from "@/lib/money";
import { Button, Card, Field, inputClass, Notice } from "@/components/ui";

type View = {
  number: string;
  state: string;
  stateLabel: string;
  submittedOn: string;
  stateChangedOn: string;
  decision: string | null;
  approvedAmount: string | null;
  missingDocuments: string[] | null;
  history: { stateLabel: string; on: string }[];
};
type StatusAction = (previous: ActionResult<View> | null, form: FormData) => Promise<ActionResult<View>>;

/**
 * The applicant's status page: number + last 4 ID characters, sent by POST (never in the URL).
 * A 退回补正 can be answered here once the documents are handed in.
 */
export function StatusLookup({ lookup, answer }: { lookup: StatusAction; answer: StatusAction }) {
  const [looked, lookupAction, looking] = useActionState(lookup, null);
  const [answered, answerAction, answering] = useActionState(answer, null);
  const [number, setNumber] = useState("");
  const [last4, setLast4] = useState("");
  // The newer of the two answers is the one to show.
  const [shown, setShown] = useState<"lookup" | "answer">("lookup");
  const result = shown === "answer" && answered?.ok ? answered : looked;
  const errors = looked && !looked.ok ? (looked.fieldErrors ?? {}) : {};
  const status = result?.ok ? result.data : null;

  return (
    <div className="space-y-6">
      <Card>
        <form action={(f) => { setShown("lookup"); return lookupAction(f); }} className="space-y-4" data-testid="status-form">
          <Field label="申请编号" htmlFor="status-number" error={errors.number} hint="提交申请时页面上显示的编号，例如 YS2026ABCD2345">
            <input id="status-number" name="number" value={number} onChange={(e) => setNumber(e.target.value)} autoComplete="off" className={`${inputClass} text-lg font-mono`} aria-invalid={!!errors.number} />
          </Field>
          <Field label="身份证号码后4位" htmlFor="status-last4" error={errors.last4}>
            <input id="status-last4" name="last4" value={last4} onChange={(e) => setLast4(e.target.value)} maxLength={4} autoComplete="off" className={`${inputClass} w-40 text-lg font-mono`} aria-invalid={!!errors.last4} />
          </Field>
          <Button type="submit" disabled={looking} className="text-lg">
            {looking ? "正在查询…" : "查询进度"}
          </Button>
        </form>
      </Card>

      {looked && !looked.ok && shown === "lookup" ? (
        <Notice tone="error" testId="status-error">
          {looked.message}
        </Notice>
      ) : null}

      {status ? (
        <Card title={`申请编号 ${status.number}`}>
          <div data-testid="status-result" className="space-y-4">
            <p className="text-2xl font-bold" data-testid="status-state">
              {status.stateLabel}
            </p>
            <p className="text-slate-600">
              提交于 {status.submittedOn}，{status.stateChangedOn} 进入当前状态。
            </p>
            {status.approvedAmount ? (
              <p className="text-xl">
                批准救助金额：<strong data-testid="status-amount">{formatYuan(status.approvedAmount)}</strong>
              </p>
            ) : null}
            {status.decision ? (
              <p>
                <span className="font-semibold">办理结果：</span>
                <span data-testid="status-decision">{status.decision}</span>
              </p>
            ) : null}
            {status.missingDocuments ? (
              <div className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4" data-testid="status-missing">
                <p className="font-semibold">请补充以下材料（交到县医保局窗口或按工作人员告知的方式提交）：</p>
                <ul className="list-disc pl-6">
                  {status.missingDocuments.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
                <form action={(f) => { setShown("answer"); return answerAction(f); }} className="space-y-3">
                  <input type="hidden" name="number" value={number} />
                  <input type="hidden" name="last4" value={last4} />
                  <Field label="已补充的材料说明" htmlFor="status-note" error={answered && !answered.ok ? answered.fieldErrors?.note : undefined}>
                    <textarea id="status-note" name="note" rows={2} className={`${inputClass} text-lg`} />
                  </Field>
                  <Button type="submit" disabled={answering}>
                    {answering ? "正在提交…" : "我已补充材料"}
                  </Button>
                  {answered && !answered.ok ? <Notice tone="error">{answered.message}</Notice> : null}
                </form>
              </div>
            ) : null}
            {shown === "answer" && answered?.ok ? <Notice tone="success">已收到您的补充说明，申请恢复审核。</Notice> : null}
            <div>
              <h3 className="mb-2 font-semibold">办理经过</h3>
              <ol className="space-y-1" data-testid="status-history">
                {status.history.map((h, i) => (
                  <li key={i} className="flex gap-4">
                    <span className="w-40 text-slate-600">{h.on}</span>
                    <span>{h.stateLabel}</span>
                  </li>
                ))}
              </ol>
            </div>
          </div>
        </Card>
      ) : null}
    </div>
  );
}
