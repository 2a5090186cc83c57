import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { requirePageUser, requireRecord } from "@/lib/auth/guard";
import { shanghaiDate } from "@/lib/registry/deadline";
import { getPerson } from "@/lib/registry/persons";
import { hasPermission } from "@/lib/auth/permissions";
import { latestSettlementYear, listPersonYear } from "@/lib/visits/get-settlement";
import { formatYuan } from "@/lib/money";
import { HOSPITAL_LEVEL_LABELS, LOCATION_LABELS, REFERRAL_LABELS, VISIT_KIND_LABELS } from "@/lib/settlement";
import { SettleVisitForm } from "@/components/visits/settle-visit-form";
import { settleVisitAction } from "../../settlements/actions";
import { monthLabel } from "@/lib/registry/months";
import { CATEGORY_LABELS } from "@/lib/settlement";
import { DEPARTMENT_LABELS, formatDate } from "@/lib/labels";
import { Badge, Card, PageTitle } from "@/components/ui";
import { RevealIdNumber } from "@/components/registry/reveal-id-number";
import { revealIdNumberAction } from "../actions";
import { PersonEnrolments } from "@/components/enrolment/person-enrolments";
import { PersonApplications } from "@/components/cases/person-applications";
import { PersonAlerts } from "@/components/alerts/person-alerts";

export const metadata: Metadata = { title: "人员信息" };

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const user = await requirePageUser({ permission: "beneficiary.read" });
  const { id } = await params;
  if (!z.string().uuid().safeParse(id).success) notFound();
  const today = shanghaiDate(new Date());
  const db = await getDb();
  const { person, identities, today: resolved, timeline } = await requireRecord(getPerson(db, user, id, today));
  const year = (await latestSettlementYear(db, person.id)) ?? Number(today.slice(0, 4));
  const ledger = await listPersonYear(db, user, person.id, year);
  const options = (labels: Record<string | number, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

  return (
    <>
      <p className="mb-2 flex flex-wrap justify-between gap-3">
        <Link href="/county/persons">← 人员查询</Link>
        {hasPermission(user.role, "ledger.read") ? <Link href={`/county/persons/${person.id}/ledger?year=${year}`}>专项管理台账（{year}年）</Link> : null}
      </p>
      <PageTitle>{person.name}</PageTitle>
      <div className="grid gap-5 lg:grid-cols-2">
        <Card title="基本信息">
          <dl className="grid grid-cols-[7rem_1fr] gap-y-2">
            <dt className="text-slate-500">公民身份号码</dt>
            <dd>
              <RevealIdNumber action={revealIdNumberAction} personId={person.id} masked={person.maskedIdNumber} />
            </dd>
            <dt className="text-slate-500">出生日期</dt>
            <dd>{formatDate(String(person.birthDate))}</dd>
            <dt className="text-slate-500">乡镇（街道）</dt>
            <dd>{person.township}</dd>
          </dl>
        </Card>
        <Card title="今天适用的救助类别">
          <p className="text-2xl font-bold" data-testid="resolved-category">
            {CATEGORY_LABELS[resolved.category]}
          </p>
          <p className="mt-2 text-slate-700" data-testid="resolved-reason">
            {resolved.reason}
          </p>
        </Card>
      </div>

      <Card title="身份认定记录" className="mt-5 overflow-x-auto">
        <table className="w-full min-w-[560px] text-left" data-testid="identities">
          <thead className="text-sm text-slate-500">
            <tr>
              <th className="py-1">类别</th>
              <th>认定部门</th>
              <th>起</th>
              <th>止</th>
              <th>来源名单</th>
            </tr>
          </thead>
          <tbody>
            {identities.map((i) => (
              <tr key={i.id} className="border-t border-slate-100">
                <td className="py-1.5">{CATEGORY_LABELS[i.category]}</td>
                <td>{DEPARTMENT_LABELS[i.department]}</td>
                <td>{formatDate(i.validFrom)}</td>
                <td>{i.validTo ? formatDate(i.validTo) : <Badge tone="green">在册</Badge>}</td>
                <td>{i.sourceMonth ? `${monthLabel(i.sourceMonth)}名单` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <Card title={`${year}年就诊结算`} className="mt-5 overflow-x-auto">
        {ledger.entries.length === 0 ? <p className="text-slate-500">本年度还没有结算记录。</p> : null}
        {ledger.entries.length ? (
          <table className="w-full min-w-[720px] text-left text-sm" data-testid="person-settlements">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1">日期</th>
                <th>类型</th>
                <th className="text-right">总费用</th>
                <th className="text-right">基本医保</th>
                <th className="text-right">大病保险</th>
                <th className="text-right">医疗救助</th>
                <th className="text-right">倾斜救助</th>
                <th className="text-right">个人自付</th>
              </tr>
            </thead>
            <tbody>
              {ledger.entries.map(({ settlement: s, visitDate, kind }) => (
                <tr key={s.id} className="border-t border-slate-100">
                  <td className="py-1.5">
                    <Link href={`/county/settlements/${s.id}`}>{formatDate(String(visitDate))}</Link>
                  </td>
                  <td>{s.entryType === "reversal" ? "冲销" : VISIT_KIND_LABELS[kind]}</td>
                  <td className="text-right font-mono">{formatYuan(s.totalCost)}</td>
                  <td className="text-right font-mono">{formatYuan(s.basicInsurance)}</td>
                  <td className="text-right font-mono">{formatYuan(s.criticalIllnessInsurance)}</td>
                  <td className="text-right font-mono">{formatYuan(s.medicalAssistance)}</td>
                  <td className="text-right font-mono">{formatYuan(s.tiltedAssistance)}</td>
                  <td className="text-right font-mono">{formatYuan(s.outOfPocket)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {ledger.totals ? (
          <p className="mt-3 text-sm text-slate-600" data-testid="year-totals">
            本年累计：基本医保 {formatYuan(ledger.totals.basicPaid)}，大病保险 {formatYuan(ledger.totals.criticalPaid)}，医疗救助 {formatYuan(ledger.totals.assistancePaid)}，倾斜救助{" "}
            {formatYuan(ledger.totals.tiltedPaid)}
          </p>
        ) : null}
      </Card>

      {hasPermission(user.role, "case.handle") ? <PersonAlerts user={user} personId={person.id} /> : null}

      {hasPermission(user.role, "case.handle") ? <PersonApplications user={user} personId={person.id} /> : null}

      {hasPermission(user.role, "subsidy.manage") ? <PersonEnrolments user={user} personId={person.id} regionCode={person.regionCode} today={today} /> : null}

      {hasPermission(user.role, "visit.settle") ? (
        <Card title="登记就诊并一站式结算" className="mt-5">
          <SettleVisitForm
            action={settleVisitAction}
            personId={person.id}
            today={today}
            options={{ kinds: options(VISIT_KIND_LABELS), levels: options(HOSPITAL_LEVEL_LABELS), locations: options(LOCATION_LABELS), referrals: options(REFERRAL_LABELS) }}
          />
        </Card>
      ) : null}

      <Card title="适用类别时间线（就高不重复）" className="mt-5">
        <ol className="space-y-2" data-testid="timeline">
          {timeline.map((t) => (
            <li key={t.from} className="flex flex-wrap gap-3">
              <span className="w-56 text-slate-600">
                {formatDate(t.from)} — {t.to ? formatDate(t.to) : "至今"}
              </span>
              <strong>{CATEGORY_LABELS[t.category]}</strong>
              <span className="text-sm text-slate-500">{t.reason}</span>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
