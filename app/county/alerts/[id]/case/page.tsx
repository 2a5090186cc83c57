import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { z } from "zod";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { persons } from "@/db/schema";
import { OpenCaseForm } from "@/components/alerts/open-case-form";
import { Card, PageTitle } from "@/components/ui";
import { getAlert } from "@/lib/alerts/alerts";
import { billsFromLedger } from "@/lib/alerts/open-case";
import { requirePageUser, requireRecord } from "@/lib/auth/guard";
import { formatDate } from "@/lib/labels";
import { formatYuan } from "@/lib/money";
import { maskIdNumber } from "@/lib/registry/id-number";
import { ALERT_LEVEL_LABELS } from "@/lib/settlement";
import { openCaseFromAlertAction } from "../../actions";

export const metadata: Metadata = { title: "由预警发起依申请救助" };

export default async function AlertCasePage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const user = await requirePageUser({ permission: "case.handle" });
  const { id } = await params;
  if (!z.string().uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const alert = await requireRecord(getAlert(db, user, id));
  const [person] = await db.select().from(persons).where(eq(persons.id, alert.personId)).limit(1);
  const bills = await billsFromLedger(db, alert.personId, alert.year);
  return (
    <>
      <p className="mb-2">
        <Link href="/county/alerts">← 高额费用预警</Link>
      </p>
      <PageTitle subtitle="申请人和票据取自登记信息和本年度结算记录；三重制度已支付的金额计为已支付，只对仍由个人负担的政策范围内费用提出救助方案。">由预警发起依申请救助</PageTitle>
      <Card title="预警">
        <p>
          {person!.name}（{maskIdNumber(person!.idNumber)}），{alert.year}年{ALERT_LEVEL_LABELS[alert.level as 1 | 2]}：个人负担 {formatYuan(alert.burden)}，预警线 {formatYuan(alert.threshold)}。
        </p>
      </Card>
      <Card title={`票据（${bills.length} 张）`} className="mt-5">
        <table className="w-full text-sm" data-testid="alert-bills">
          <thead className="text-left text-slate-500">
            <tr>
              <th className="py-1.5">就诊日期</th>
              <th>医院</th>
              <th className="text-right">医疗总费用</th>
              <th className="text-right">三重制度已支付</th>
              <th className="text-right">政策范围内个人负担</th>
            </tr>
          </thead>
          <tbody>
            {bills.map((b, i) => (
              <tr key={i} className="border-t border-slate-100">
                <td className="py-1.5">{formatDate(b.visitDate)}</td>
                <td>{b.hospitalName}</td>
                <td className="text-right font-mono">{formatYuan(b.totalCost)}</td>
                <td className="text-right font-mono">{formatYuan(b.insurancePaid)}</td>
                <td className="text-right font-mono">{formatYuan(b.selfPay)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title="补充申请信息" className="mt-5">
        {alert.state === "OPEN" ? (
          <OpenCaseForm
            action={openCaseFromAlertAction}
            alertId={alert.id}
            defaults={{ phone: person!.phone ?? "", reason: `高额费用预警：${alert.year}年政策范围内个人负担${formatYuan(alert.burden)}，超过预警线${formatYuan(alert.threshold)}，主动发起救助。` }}
          />
        ) : alert.applicationId ? (
          <Link href={`/county/cases/${alert.applicationId}`}>该预警已发起救助，查看案件</Link>
        ) : (
          <p>该预警已排除：{alert.closeReason}</p>
        )}
      </Card>
    </>
  );
}
