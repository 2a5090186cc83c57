import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { requirePageUser, requireRecord } from "@/lib/auth/guard";
import { getReconciliationRun } from "@/lib/registry/get-reconciliation-run";
import { CONFLICT_KIND_LABELS, RUN_STATUS_LABELS } from "@/lib/registry/labels";
import { monthLabel } from "@/lib/registry/months";
import { CATEGORY_LABELS } from "@/lib/settlement";
import { DEPARTMENT_LABELS, formatDateTime } from "@/lib/labels";
import { Badge, Card, PageTitle } from "@/components/ui";
import { ResolveConflictForm } from "@/components/registry/resolve-conflict-form";
import { resolveConflictAction } from "../../actions";

export const metadata: Metadata = { title: "比对结果" };

type Details = {
  names?: Array<{ name: string; sources: string[] }>;
  removed?: { department: keyof typeof DEPARTMENT_LABELS; category: keyof typeof CATEGORY_LABELS; date: string };
  added?: { department: keyof typeof DEPARTMENT_LABELS; category: keyof typeof CATEGORY_LABELS; date: string };
  department?: keyof typeof DEPARTMENT_LABELS;
  category?: keyof typeof CATEGORY_LABELS;
};

function describe(details: Details) {
  if (details.names) {
    return details.names.map((n) => `“${n.name}”（${n.sources.map((s) => DEPARTMENT_LABELS[s as keyof typeof DEPARTMENT_LABELS] ?? s).join("、")}）`).join(" 与 ");
  }
  if (details.removed && details.added) {
    return `${DEPARTMENT_LABELS[details.removed.department]}报减少（${CATEGORY_LABELS[details.removed.category]}），${DEPARTMENT_LABELS[details.added.department]}报新增（${CATEGORY_LABELS[details.added.category]}）`;
  }
  if (details.department && details.category) return `${DEPARTMENT_LABELS[details.department]}报送了“${CATEGORY_LABELS[details.category]}”`;
  return "";
}

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const user = await requirePageUser({ permission: "registry.reconcile" });
  const { id } = await params;
  if (!z.string().uuid().safeParse(id).success) notFound();
  const { run, conflicts, snapshot } = await requireRecord(getReconciliationRun(await getDb(), user, id));
  const summary = run.summary as { added: number; removed: number; changed: number; unchanged: number; rows: number };
  const open = conflicts.filter((c) => c.status === "open");

  return (
    <>
      <p className="mb-2">
        <Link href={`/county/registry?month=${run.month}`}>← {monthLabel(run.month)}名单汇总比对</Link>
      </p>
      <PageTitle subtitle={`${formatDateTime(run.runAt)} · 共 ${summary.rows} 行：新增 ${summary.added}，退出 ${summary.removed}，信息变更 ${summary.changed}，无变化 ${summary.unchanged}`}>
        {monthLabel(run.month)} 第 {run.version} 次比对 <Badge tone={run.status === "completed" ? "green" : "amber"}>{RUN_STATUS_LABELS[run.status]}</Badge>
      </PageTitle>
      {snapshot ? (
        <p className="mb-4">
          已生成登记快照第 {snapshot.version} 版。<a href={`/api/v1/registry/snapshots/${snapshot.id}/export`}>导出 Excel</a>
        </p>
      ) : null}
      <h2 className="mb-3 text-xl font-semibold">冲突（待处理 {open.length} / 共 {conflicts.length}）</h2>
      <div className="space-y-4" data-testid="conflicts">
        {conflicts.map((c) => (
          <Card key={c.id}>
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={c.status === "open" ? "amber" : "green"}>{c.status === "open" ? "待处理" : c.status === "not_conflict" ? "不是冲突" : "已处理"}</Badge>
              <strong>{CONFLICT_KIND_LABELS[c.kind]}</strong>
              <span className="font-mono text-sm">{c.maskedIdNumber}</span>
            </div>
            <p className="mt-2">{describe(c.details as Details)}</p>
            {c.status === "open" ? (
              <ResolveConflictForm
                action={resolveConflictAction}
                conflictId={c.id}
                names={c.kind === "NAME_MISMATCH" ? ((c.details as Details).names ?? []).map((n) => n.name) : null}
              />
            ) : null}
          </Card>
        ))}
      </div>
    </>
  );
}
