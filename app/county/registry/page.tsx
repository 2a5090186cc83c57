import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/db";
import { requirePageUser } from "@/lib/auth/guard";
import { getMonthStatus } from "@/lib/registry/get-month-status";
import { latestSnapshot } from "@/lib/registry/create-snapshot";
import { DIFFERENCE_LABELS, listMonthDifferences, type DifferenceKind } from "@/lib/registry/month-differences";
import { RUN_STATUS_LABELS } from "@/lib/registry/labels";
import { monthLabel, monthOf, monthSchemaPattern, recentMonths } from "@/lib/registry/months";
import { CATEGORY_LABELS } from "@/lib/settlement";
import { DEPARTMENT_LABELS, formatDate, formatDateTime } from "@/lib/labels";
import { Badge, Card, PageTitle } from "@/components/ui";
import { ActionButton } from "@/components/action-button";
import { MonthSelect } from "@/components/month-select";
import { reconcileMonthAction } from "./actions";

export const metadata: Metadata = { title: "名单汇总比对" };

export default async function RegistryPage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  await connection();
  const user = await requirePageUser({ permission: "registry.reconcile" });
  const current = monthOf(new Date());
  const requested = (await searchParams).month;
  const month = requested && monthSchemaPattern.test(requested) ? requested : current;
  const db = await getDb();
  const status = await getMonthStatus(db, user, month, new Date());
  const snapshot = await latestSnapshot(db, user.regionScope, month);
  const differences = await listMonthDifferences(db, user, month);
  const byDepartment = new Map<string, Record<DifferenceKind, number>>();
  for (const d of differences) {
    const row = byDepartment.get(d.department) ?? { new: 0, left: 0, category_changed: 0 };
    row[d.kind] += 1;
    byDepartment.set(d.department, row);
  }
  const counts = snapshot?.counts as { total: number; byCategory: Record<string, number>; additions: number; removals: number; changes: number; asOf: string } | undefined;

  return (
    <>
      <PageTitle subtitle="各部门每月报送的名单在这里合并比对，按就高不重复确定每人的救助类别。">名单汇总比对</PageTitle>
      <form method="get" className="mb-5 flex items-end gap-3">
        <MonthSelect label="月份" month={month} months={recentMonths(current, 12)} />
        <button className="min-h-11 rounded-md border border-slate-300 bg-white px-4">查看</button>
      </form>

      <div className="grid gap-5 lg:grid-cols-2">
        <Card title={`${monthLabel(month)}报送情况（截止 ${formatDate(status.deadline)}）`}>
          <table className="w-full text-left" data-testid="department-status">
            <tbody>
              {status.departments.map((d) => (
                <tr key={d.department} className="border-t border-slate-100" data-department={d.department}>
                  <td className="py-1.5">{DEPARTMENT_LABELS[d.department]}</td>
                  <td>
                    {d.state === "confirmed" ? <Badge tone="green">已报送 {d.confirmedAt ? formatDateTime(d.confirmedAt) : ""}</Badge> : null}
                    {d.state === "draft" ? <Badge tone="amber">已上传待确认</Badge> : null}
                    {d.state === "missing" ? <Badge tone="slate">未报送</Badge> : null}
                  </td>
                  <td>{d.late ? <Badge tone="red">逾期</Badge> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="mt-4">
            <ActionButton action={reconcileMonthAction} fields={{ month }} label="合并比对本月名单" pendingLabel="正在比对…" testId="reconcile" />
          </div>
        </Card>

        <Card title="比对记录">
          {status.runs.length === 0 ? <p className="text-slate-500">本月尚未比对。</p> : null}
          <ul className="space-y-2" data-testid="runs">
            {status.runs.map((run) => {
              const summary = run.summary as { added: number; removed: number; changed: number; conflicts: number };
              return (
                <li key={run.id} className="flex flex-wrap items-center gap-2">
                  <Link href={`/county/registry/runs/${run.id}`}>第 {run.version} 次比对</Link>
                  <Badge tone={run.status === "completed" ? "green" : "amber"}>{RUN_STATUS_LABELS[run.status]}</Badge>
                  <span className="text-sm text-slate-600">
                    新增 {summary.added}，退出 {summary.removed}，变更 {summary.changed}，冲突 {summary.conflicts}
                  </span>
                </li>
              );
            })}
          </ul>
        </Card>
      </div>

      <Card title={`${monthLabel(month)}各部门名单变化`} className="mt-5">
        {byDepartment.size === 0 ? (
          <p className="text-slate-500">本月名单尚未带来变化。</p>
        ) : (
          <table className="w-full text-left" data-testid="month-differences">
            <thead className="text-sm text-slate-500">
              <tr>
                <th className="py-1">部门</th>
                {(Object.keys(DIFFERENCE_LABELS) as DifferenceKind[]).map((k) => (
                  <th key={k}>{DIFFERENCE_LABELS[k]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...byDepartment].map(([department, row]) => (
                <tr key={department} className="border-t border-slate-100">
                  <td className="py-1.5">{DEPARTMENT_LABELS[department as keyof typeof DEPARTMENT_LABELS]}</td>
                  <td>{row.new}</td>
                  <td>{row.left}</td>
                  <td>{row.category_changed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="mt-3">
          <a href={`/api/v1/registry/differences?month=${month}`}>导出变化明细（Excel）</a>
        </p>
      </Card>

      {snapshot && counts ? (
        <Card title={`${monthLabel(month)}登记快照（第 ${snapshot.version} 版，截至 ${formatDate(counts.asOf)}）`} className="mt-5">
          <p className="mb-3">
            在册 <strong data-testid="snapshot-total">{counts.total}</strong> 人；较上一快照新增 {counts.additions}，退出 {counts.removals}，类别变化 {counts.changes}。
            <a href={`/api/v1/registry/snapshots/${snapshot.id}/export`} className="ml-3">
              导出 Excel
            </a>
          </p>
          <ul className="grid grid-cols-2 gap-2 md:grid-cols-4" data-testid="snapshot-counts">
            {Object.entries(counts.byCategory).map(([category, n]) => (
              <li key={category} className="rounded-md bg-slate-100 px-3 py-2">
                {CATEGORY_LABELS[category as keyof typeof CATEGORY_LABELS]} <strong>{n}</strong>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
