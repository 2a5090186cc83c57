import Link from "next/link";
import { getDb } from "@/db";
import type { SessionUser } from "@/lib/auth/types";
import { listPersonApplications, SOURCE_LABELS } from "@/lib/cases";
import { formatDate } from "@/lib/labels";
import { formatYuan } from "@/lib/money";
import { Card } from "@/components/ui";
import { StateBadge } from "./state-badge";

/** The person's on-application cases (W6), for the person page. */
export async function PersonApplications({ user, personId }: { user: SessionUser; personId: string }) {
  const rows = await listPersonApplications(await getDb(), user, personId);
  return (
    <Card title="依申请救助" className="mt-5 overflow-x-auto">
      {rows.length === 0 ? <p className="text-slate-500">没有救助申请。</p> : null}
      {rows.length ? (
        <table className="w-full min-w-[560px] text-left text-sm" data-testid="person-applications">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1">申请编号</th>
              <th>提交日期</th>
              <th>来源</th>
              <th>状态</th>
              <th className="text-right">拟救助金额</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="py-1.5 font-mono">
                  <Link href={`/county/cases/${r.id}`}>{r.number}</Link>
                </td>
                <td>{formatDate(r.createdAt)}</td>
                <td>{SOURCE_LABELS[r.source]}</td>
                <td>
                  <StateBadge state={r.state} />
                </td>
                <td className="text-right font-mono">{r.proposedAmount ? formatYuan(r.proposedAmount) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Card>
  );
}
