"use client";

import { useActionState } from "react";
import Link from "next/link";
import type { ActionResult } from "@/lib/action-result";
import type { ApplicationState } from "@/db/schema/cases";
import { formatDate } from "@/lib/labels";
import { formatYuan } from "@/lib/money";
import { Badge, Button, inputClass, Notice } from "@/components/ui";
import { StateBadge } from "./state-badge";

export type CaseRow = {
  id: string;
  number: string;
  applicantName: string;
  source: "public" | "window" | "alert";
  state: ApplicationState;
  proposedAmount: string | null;
  createdAt: string;
  ageDays: number;
  daysInState: number;
  overdue: boolean;
};
type Listing = { targetDays: number; rows: CaseRow[] };
type SearchAction = (previous: ActionResult<Listing> | null, form: FormData) => Promise<ActionResult<Listing>>;

/** The county's cases with filters; the search goes by POST (names are personal data). */
export function CaseList({
  action,
  initial,
  states,
  sources,
}: {
  action: SearchAction;
  initial: Listing;
  states: { value: string; label: string }[];
  sources: { value: string; label: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const listing = state?.ok ? state.data : initial;
  const sourceLabel = Object.fromEntries(sources.map((s) => [s.value, s.label]));
  return (
    <div className="space-y-4">
      <form action={formAction} className="flex flex-wrap items-end gap-4" data-testid="case-filters">
        <label className="flex flex-col gap-1">
          <span className="font-medium">状态</span>
          <select name="state" className={inputClass} defaultValue="">
            <option value="">全部</option>
            {states.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">来源</span>
          <select name="source" className={inputClass} defaultValue="">
            <option value="">全部</option>
            {sources.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">申请编号或姓名</span>
          <input name="q" className={`${inputClass} w-56`} autoComplete="off" />
        </label>
        <Button type="submit" disabled={pending}>
          筛选
        </Button>
      </form>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <p className="text-sm text-slate-600">
        目标办理时限：提交后 {listing.targetDays} 天内作出决定（P-APP-3，示例值，非文件规定）；超过时限尚未决定的申请标记“超时提醒”。
      </p>
      {listing.rows.length === 0 ? <p className="text-slate-500">没有符合条件的申请。</p> : null}
      {listing.rows.length ? (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[760px] text-left" data-testid="case-list">
            <thead className="text-sm text-slate-500">
              <tr>
                <th className="py-1">申请编号</th>
                <th>申请人</th>
                <th>来源</th>
                <th>状态</th>
                <th>提交日期</th>
                <th className="text-right">已受理天数</th>
                <th className="text-right">本状态天数</th>
                <th className="text-right">拟救助金额</th>
              </tr>
            </thead>
            <tbody>
              {listing.rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100" data-number={r.number}>
                  <td className="py-1.5 font-mono">
                    <Link href={`/county/cases/${r.id}`}>{r.number}</Link>
                  </td>
                  <td>{r.applicantName}</td>
                  <td>{sourceLabel[r.source]}</td>
                  <td>
                    <StateBadge state={r.state} /> {r.overdue ? <Badge tone="red">超时提醒</Badge> : null}
                  </td>
                  <td>{formatDate(r.createdAt)}</td>
                  <td className="text-right">{r.ageDays}</td>
                  <td className="text-right">{r.daysInState}</td>
                  <td className="text-right font-mono">{r.proposedAmount ? formatYuan(r.proposedAmount) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
