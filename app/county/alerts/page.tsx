import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/db";
import { ALERT_STATES, type AlertState } from "@/db/schema";
import { DismissAlertForm } from "@/components/alerts/dismiss-alert-form";
import { Badge, Card, PageTitle } from "@/components/ui";
import { ALERT_STATE_LABELS, listAlerts } from "@/lib/alerts/alerts";
import { requirePageUser } from "@/lib/auth/guard";
import { formatDate } from "@/lib/labels";
import { formatYuan } from "@/lib/money";
import { ALERT_LEVEL_LABELS } from "@/lib/settlement";
import { dismissAlertAction } from "./actions";

export const metadata: Metadata = { title: "高额费用预警" };

export default async function AlertsPage({ searchParams }: { searchParams: Promise<{ state?: string }> }) {
  await connection();
  const user = await requirePageUser({ permission: "case.handle" });
  const requested = (await searchParams).state;
  const state: AlertState | undefined = requested === "all" ? undefined : ALERT_STATES.includes(requested as AlertState) ? (requested as AlertState) : "OPEN";
  const rows = await listAlerts(await getDb(), user, { state });
  return (
    <>
      <PageTitle subtitle="每次结算后重新计算本年度经基本医保、大病保险支付后的政策范围内个人自付；超过预警线（上年农村居民人均可支配收入 × 预警比例，P-MON-2）即生成预警，每人每年每级一次。可排除（须写明原因）或发起依申请救助。">
        高额费用预警
      </PageTitle>
      <nav aria-label="按状态筛选" className="mb-4 flex flex-wrap gap-3 text-sm">
        {[...ALERT_STATES, "all" as const].map((s) => (
          <Link key={s} href={`/county/alerts?state=${s}`} aria-current={(state ?? "all") === s ? "page" : undefined} className="aria-[current=page]:font-bold">
            {s === "all" ? "全部" : ALERT_STATE_LABELS[s]}
          </Link>
        ))}
      </nav>
      <Card>
        {rows.length === 0 ? (
          <p className="text-slate-600">没有{state ? ALERT_STATE_LABELS[state] : ""}的预警。</p>
        ) : (
          <table className="w-full text-sm" data-testid="alerts">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1.5">人员</th>
                <th>乡镇</th>
                <th>年度</th>
                <th>级别</th>
                <th className="text-right">个人负担</th>
                <th className="text-right">预警线</th>
                <th>生成日期</th>
                <th>状态</th>
                <th>处理</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ alert: a, name, maskedId, township }) => (
                <tr key={a.id} className="border-t border-slate-100 align-top">
                  <td className="py-2">
                    <Link href={`/county/persons/${a.personId}`}>{name}</Link>
                    <div className="font-mono text-xs text-slate-500">{maskedId}</div>
                  </td>
                  <td>{township ?? ""}</td>
                  <td>{a.year}</td>
                  <td>
                    <Badge tone={a.level === 2 ? "red" : "amber"}>{ALERT_LEVEL_LABELS[a.level as 1 | 2]}</Badge>
                  </td>
                  <td className="text-right font-mono">{formatYuan(a.burden)}</td>
                  <td className="text-right font-mono">{formatYuan(a.threshold)}</td>
                  <td>{formatDate(a.createdAt)}</td>
                  <td>
                    {ALERT_STATE_LABELS[a.state]}
                    {a.closeReason ? <div className="text-xs text-slate-500">{a.closeReason}</div> : null}
                  </td>
                  <td>
                    {a.state === "OPEN" ? (
                      <div className="flex flex-col gap-2">
                        <Link href={`/county/alerts/${a.id}/case`} className="font-medium">
                          发起依申请救助
                        </Link>
                        <DismissAlertForm action={dismissAlertAction} alertId={a.id} />
                      </div>
                    ) : a.applicationId ? (
                      <Link href={`/county/cases/${a.applicationId}`}>查看救助案件</Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
