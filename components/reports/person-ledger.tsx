import Link from "next/link";
import type { ReactNode } from "react";
import type { PersonLedger as Ledger } from "@/lib/reports/person-ledger";
import { DEPARTMENT_LABELS, formatDate, formatDateTime } from "@/lib/labels";
import { formatYuan } from "@/lib/money";
import { ALERT_LEVEL_LABELS, CATEGORY_LABELS, INSURANCE_TIER_LABELS, VISIT_KIND_LABELS } from "@/lib/settlement";
import { EXAMPLE_VALUE_LABEL } from "@/lib/policy/types";
import { monthLabel } from "@/lib/registry/months";
import { Badge, Card, Notice, PageTitle } from "@/components/ui";
import { PrintButton } from "@/components/print-button";
import { StateBadge } from "@/components/cases/state-badge";

export interface PersonLedgerViewProps {
  ledger: Ledger;
  /** where "←" goes (the person page, or the supervisor's home) */
  back: { href: string; label: string };
  /** the same page for another year */
  yearHref: (year: number) => string;
  exportHref: string;
  /** the single statement of an entry, for readers who may open it */
  settlementHref?: (settlementId: string) => string;
}

const num = "text-right font-mono whitespace-nowrap";

function Money({ value }: { value: string | null }) {
  return <>{value === null ? "—" : formatYuan(value)}</>;
}

/** 专项管理台账 (P-MON-3): presentational; the page loads the ledger with getPersonLedger. */
export function PersonLedgerView({ ledger, back, yearHref, exportHref, settlementHref }: PersonLedgerViewProps) {
  const { person, year, enrolment, totals } = ledger;
  return (
    <div className="person-ledger space-y-5">
      {/* Print: landscape A4, the wide settlement table fits; menus and links are hidden (.no-print). */}
      <style>{`.person-ledger th + th, .person-ledger td + td { padding-left: 0.75rem; }
@media print { @page { size: A4 landscape; margin: 12mm; } .person-ledger section { break-inside: avoid; box-shadow: none; } }`}</style>
      <div className="no-print flex flex-wrap items-center justify-between gap-3">
        <Link href={back.href}>← {back.label}</Link>
        <div className="flex flex-wrap items-center gap-3">
          <a href={exportHref} data-testid="ledger-export">
            导出 Excel
          </a>
          <PrintButton label="打印台账" />
        </div>
      </div>
      <nav aria-label="选择年度" className="no-print flex flex-wrap items-center gap-3 text-sm" data-testid="ledger-years">
        <span className="text-slate-500">年度：</span>
        {ledger.years.map((y) => (
          <Link key={y} href={yearHref(y)} aria-current={y === year ? "page" : undefined} className="aria-[current=page]:font-bold aria-[current=page]:text-slate-900">
            {y}年
          </Link>
        ))}
      </nav>

      <PageTitle subtitle={`${person.county}${person.township ? ` · ${person.township}` : ""} · 打印日期 ${formatDate(ledger.today)}`}>
        {person.name} · {year}年度专项管理台账
      </PageTitle>

      <Card title="基本信息">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 md:grid-cols-4" data-testid="ledger-person">
          <dt className="text-slate-500">姓名</dt>
          <dd>{person.name}</dd>
          <dt className="text-slate-500">公民身份号码</dt>
          <dd className="font-mono">{person.maskedIdNumber}</dd>
          <dt className="text-slate-500">出生日期</dt>
          <dd>{formatDate(person.birthDate)}</dd>
          <dt className="text-slate-500">所属区县、乡镇</dt>
          <dd>
            {person.county}
            {person.township ? ` ${person.township}` : ""}
          </dd>
        </dl>
      </Card>

      <Card title="身份认定与适用类别" className="overflow-x-auto">
        {ledger.identities.length === 0 ? <p className="text-slate-500">本年度没有有效的身份认定，按普通参保人。</p> : null}
        {ledger.identities.length ? (
          <Table testId="ledger-identities" head={["类别", "认定部门", "起", "止", "来源名单"]}>
            {ledger.identities.map((i) => (
              <tr key={i.id} className="border-t border-slate-100">
                <td className="py-1.5">{CATEGORY_LABELS[i.category]}</td>
                <td>{DEPARTMENT_LABELS[i.department]}</td>
                <td>{formatDate(i.validFrom)}</td>
                <td>{i.validTo ? formatDate(i.validTo) : "在册"}</td>
                <td>{i.sourceMonth ? `${monthLabel(i.sourceMonth)}名单` : "—"}</td>
              </tr>
            ))}
          </Table>
        ) : null}
        <h3 className="mt-4 mb-2 font-semibold">适用类别（就高不重复）</h3>
        <ol className="space-y-1" data-testid="ledger-timeline">
          {ledger.timeline.length === 0 ? <li className="text-slate-500">本年度均为普通参保人。</li> : null}
          {ledger.timeline.map((t) => (
            <li key={t.from} className="flex flex-wrap gap-3">
              <span className="w-64 text-slate-600">
                {formatDate(t.from)} — {t.to ? formatDate(t.to) : "至今"}
              </span>
              <strong>{CATEGORY_LABELS[t.category]}</strong>
              <span className="text-slate-600">{t.department ? DEPARTMENT_LABELS[t.department] : ""}</span>
              <span className="text-sm text-slate-500">{t.reason}</span>
            </li>
          ))}
        </ol>
      </Card>

      <Card title="参保与资助">
        {enrolment === null ? (
          <p className="text-slate-500" data-testid="ledger-enrolment">
            {year}年度没有参保登记。
          </p>
        ) : (
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 md:grid-cols-4" data-testid="ledger-enrolment">
            <dt className="text-slate-500">参保档次</dt>
            <dd>{INSURANCE_TIER_LABELS[enrolment.insuranceTier as 1 | 2]}</dd>
            <dt className="text-slate-500">缴费日期</dt>
            <dd>{formatDate(enrolment.paidOn)}</dd>
            <dt className="text-slate-500">待遇起始日期</dt>
            <dd>
              {formatDate(enrolment.coverageFrom)} {enrolment.late ? <Badge tone="amber">补缴</Badge> : null}
            </dd>
            <dt className="text-slate-500">资助类别</dt>
            <dd>{CATEGORY_LABELS[enrolment.category]}</dd>
            <dt className="text-slate-500">个人缴费标准</dt>
            <dd className="font-mono">{formatYuan(enrolment.individualContribution)}</dd>
            <dt className="text-slate-500">资助金额</dt>
            <dd className="font-mono">{formatYuan(enrolment.subsidy)}</dd>
            <dt className="text-slate-500">个人实缴</dt>
            <dd className="font-mono">{formatYuan(enrolment.personPays)}</dd>
            <dt className="text-slate-500">资助名单</dt>
            <dd>
              {!enrolment.onRoster
                ? "单独登记，未列入资助名单"
                : enrolment.subsidyPaidAt
                  ? `已拨付（${formatDate(enrolment.subsidyPaidAt)}，凭证号 ${enrolment.subsidyPaymentReference ?? "—"}）`
                  : "已列入名单，尚未拨付"}
            </dd>
          </dl>
        )}
      </Card>

      <Card title="就诊结算" className="overflow-x-auto">
        {ledger.entries.length === 0 ? <p className="text-slate-500">本年度没有结算记录。</p> : null}
        {ledger.entries.length ? (
          <table className="w-full min-w-[1100px] text-left text-sm" data-testid="ledger-entries">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1">就诊日期</th>
                <th>类型</th>
                <th>医院</th>
                <th>适用类别</th>
                <th className="text-right">总费用</th>
                <th className="text-right">政策范围内</th>
                <th className="text-right">目录外</th>
                <th className="text-right">基本医保</th>
                <th className="text-right">大病保险</th>
                <th className="text-right">补充保险</th>
                <th className="text-right">医疗救助</th>
                <th className="text-right">倾斜救助</th>
                <th className="text-right">个人自付</th>
              </tr>
            </thead>
            <tbody>
              {ledger.entries.map((e) => {
                const date = formatDate(e.visitDate);
                const reversal = e.entryType === "reversal";
                return (
                  <tr key={e.id} className={`border-t border-slate-100 ${reversal ? "bg-red-50/60" : ""}`} data-entry-type={e.entryType}>
                    <td className="py-1.5 whitespace-nowrap">{settlementHref ? <Link href={settlementHref(e.id)}>{date}</Link> : date}</td>
                    <td>
                      {reversal ? (
                        <span title={e.reason ?? undefined}>
                          <Badge tone="red">冲销</Badge>
                          {e.reason ? <span className="block text-xs text-slate-500">{e.reason}</span> : null}
                        </span>
                      ) : (
                        <>
                          {VISIT_KIND_LABELS[e.kind]}
                          {e.reversedById ? (
                            <span className="ml-1">
                              <Badge tone="slate">已冲销</Badge>
                            </span>
                          ) : null}
                        </>
                      )}
                    </td>
                    <td>{e.hospitalName ?? "—"}</td>
                    <td>{CATEGORY_LABELS[e.category]}</td>
                    <td className={num}>{formatYuan(e.totalCost)}</td>
                    <td className={num}>{formatYuan(e.policyRangeCost)}</td>
                    <td className={num}>{formatYuan(e.outOfCatalogCost)}</td>
                    <td className={num}>{formatYuan(e.basicInsurance)}</td>
                    <td className={num}>{formatYuan(e.criticalIllnessInsurance)}</td>
                    <td className={num}>{formatYuan(e.supplementaryInsurance)}</td>
                    <td className={num}>{formatYuan(e.medicalAssistance)}</td>
                    <td className={num}>{formatYuan(e.tiltedAssistance)}</td>
                    <td className={num}>{formatYuan(e.outOfPocket)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr className="border-t-2 border-slate-300 font-semibold" data-testid="ledger-totals">
                <td className="py-1.5" colSpan={4}>
                  本年合计（结算 {totals.settlements} 笔，冲销 {totals.reversals} 笔）
                </td>
                <td className={num}>{formatYuan(totals.totalCost)}</td>
                <td className={num}>{formatYuan(totals.policyRangeCost)}</td>
                <td className={num}>{formatYuan(totals.outOfCatalogCost)}</td>
                <td className={num}>{formatYuan(totals.basicInsurance)}</td>
                <td className={num}>{formatYuan(totals.criticalIllnessInsurance)}</td>
                <td className={num}>{formatYuan(totals.supplementaryInsurance)}</td>
                <td className={num}>{formatYuan(totals.medicalAssistance)}</td>
                <td className={num}>{formatYuan(totals.tiltedAssistance)}</td>
                <td className={num}>{formatYuan(totals.outOfPocket)}</td>
              </tr>
            </tfoot>
          </table>
        ) : null}
      </Card>

      <Card title="年度累计与限额" className="overflow-x-auto">
        {ledger.policy ? (
          <p className="mb-3 text-sm text-slate-600">
            限额按{formatDate(ledger.policy.capDate)}施行的《{ledger.policy.document}》读取；当日适用类别：{CATEGORY_LABELS[ledger.policy.categoryOnCapDate]}
            {enrolment ? `；参保档次：${INSURANCE_TIER_LABELS[enrolment.insuranceTier as 1 | 2]}` : ""}。
          </p>
        ) : null}
        {ledger.policyError ? (
          <div className="mb-3">
            <Notice tone="error">未能读取限额：{ledger.policyError}</Notice>
          </div>
        ) : null}
        {ledger.openingSource ? (
          <p className="mb-3 text-sm text-slate-600" data-testid="ledger-opening">
            本年累计含平台启用前的期初结转（来源：{ledger.openingSource}）。
          </p>
        ) : null}
        <Table testId="ledger-accumulators" head={["项目", "本年累计", "其中期初结转", "年度限额", "剩余额度", "依据"]} numeric={[1, 2, 3, 4]}>
          {ledger.accumulators.map((a) => (
            <tr key={a.field} className="border-t border-slate-100" data-field={a.field}>
              <td className="py-1.5">{a.label}</td>
              <td className={num}>{formatYuan(a.paid)}</td>
              <td className={num}>
                <Money value={a.opening} />
              </td>
              <td className={num}>{a.cap !== null ? formatYuan(a.cap) : a.capKey || a.noCapReason ? <span className="font-sans text-slate-600">{a.noCapReason ?? "不设限额"}</span> : "—"}</td>
              <td className={num}>
                {a.remaining === null ? "—" : a.remaining === "0.00" ? <span className="text-red-700">{formatYuan(a.remaining)}（已用完）</span> : formatYuan(a.remaining)}
              </td>
              <td className="text-sm">
                {a.ruleId ?? ""} {a.exampleValue ? <Badge tone="amber">{EXAMPLE_VALUE_LABEL}</Badge> : null}
              </td>
            </tr>
          ))}
        </Table>
      </Card>

      <Card title="高额费用预警">
        {ledger.alerts.length === 0 ? <p className="text-slate-500">本年度没有预警。</p> : null}
        <ul className="space-y-2" data-testid="ledger-alerts">
          {ledger.alerts.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-3">
              <Badge tone={a.level === 2 ? "red" : "amber"}>{ALERT_LEVEL_LABELS[a.level]}</Badge>
              <span>
                个人负担 {formatYuan(a.burden)}（预警线 {formatYuan(a.threshold)}），{formatDate(a.createdAt)}生成，{a.stateLabel}
                {a.closeReason ? `：${a.closeReason}` : ""}
                {a.applicationNumber ? `，救助申请 ${a.applicationNumber}` : ""}
              </span>
            </li>
          ))}
        </ul>
      </Card>

      <Card title="依申请救助" className="overflow-x-auto">
        {ledger.applications.length === 0 ? <p className="text-slate-500">本年度没有救助申请。</p> : null}
        {ledger.applications.length ? (
          <Table testId="ledger-applications" head={["申请编号", "提交时间", "来源", "状态", "拟救助金额", "发放凭证"]} numeric={[4]}>
            {ledger.applications.map((a) => (
              <tr key={a.id} className="border-t border-slate-100">
                <td className="py-1.5 font-mono">{a.number}</td>
                <td>{formatDateTime(a.createdAt)}</td>
                <td>{a.sourceLabel}</td>
                <td>
                  <StateBadge state={a.state} />
                </td>
                <td className={num}>
                  <Money value={a.proposedAmount} />
                </td>
                <td>{a.paymentReference ?? "—"}</td>
              </tr>
            ))}
          </Table>
        ) : null}
      </Card>
    </div>
  );
}

function Table({ head, numeric = [], testId, children }: { head: string[]; numeric?: number[]; testId: string; children: ReactNode }) {
  return (
    <table className="w-full min-w-[640px] text-left text-sm" data-testid={testId}>
      <thead className="text-slate-500">
        <tr>
          {head.map((h, i) => (
            <th key={h} className={`${i === 0 ? "py-1" : ""} ${numeric.includes(i) ? "text-right" : ""}`}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
