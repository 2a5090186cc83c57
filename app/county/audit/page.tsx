import type { Metadata } from "next";
import { connection } from "next/server";
import { getDb } from "@/db";
import { requirePageUser } from "@/lib/auth/guard";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { AUDIT_ACTION_LABELS } from "@/lib/audit/labels";
import { formatDateTime } from "@/lib/labels";
import { Card, PageTitle } from "@/components/ui";

export const metadata: Metadata = { title: "审计日志" };

export default async function AuditPage() {
  await connection();
  const admin = await requirePageUser({ permission: "audit.read" });
  const entries = await listAuditEntries(await getDb(), admin);
  return (
    <>
      <PageTitle subtitle="只增不改：登录、登录失败、每一次写操作和个人信息的完整查看都会记录在此。">审计日志</PageTitle>
      <Card className="overflow-x-auto">
        <table className="w-full min-w-[720px] text-left text-sm" data-testid="audit-table">
          <thead className="text-slate-500">
            <tr>
              <th className="py-2">时间</th>
              <th>操作人</th>
              <th>操作</th>
              <th>对象</th>
              <th>来源地址</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className="border-t border-slate-100">
                <td className="py-1.5 whitespace-nowrap">{formatDateTime(e.at)}</td>
                <td className="font-mono">{e.actorUsername ?? "—"}</td>
                <td>{AUDIT_ACTION_LABELS[e.action] ?? e.action}</td>
                <td className="font-mono text-xs">{e.targetType ? `${e.targetType}:${e.targetId?.slice(0, 8)}` : ""}</td>
                <td className="font-mono text-xs">{e.clientAddress ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
