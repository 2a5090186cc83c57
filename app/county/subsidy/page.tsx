import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/db";
import { requirePageUser } from "@/lib/auth/guard";
import { coverageExplanation, getRosterForYear, listRosterLines, rosterSummary } from "@/lib/enrolment";
import { formatDate, formatDateTime } from "@/lib/labels";
import { formatYuan } from "@/lib/money";
import { shanghaiDate } from "@/lib/registry/deadline";
import { CATEGORY_LABELS, INSURANCE_TIER_LABELS } from "@/lib/settlement/labels";
import { ActionButton } from "@/components/action-button";
import { BuildRosterForm } from "@/components/enrolment/build-roster-form";
import { RecordPaymentForm } from "@/components/enrolment/record-payment-form";
import { Badge, Card, inputClass, PageTitle } from "@/components/ui";
import { buildRosterAction, recordRosterPaymentAction, setEnrolmentTierAction } from "./actions";

export const metadata: Metadata = { title: "资助参保" };

export default async function SubsidyPage({ searchParams }: { searchParams: Promise<{ year?: string; page?: string }> }) {
  await connection();
  const user = await requirePageUser({ permission: "subsidy.manage" });
  const today = shanghaiDate(new Date());
  const currentYear = Number(today.slice(0, 4));
  const years = Array.from({ length: 6 }, (_, i) => currentYear + 1 - i);
  const query = await searchParams;
  const requested = Number(query.year);
  const year = years.includes(requested) ? requested : currentYear;
  const db = await getDb();
  const roster = await getRosterForYear(db, user, year);
  const summary = roster ? await rosterSummary(db, user, roster.id) : null;
  const lines = roster ? await listRosterLines(db, user, roster.id, { page: Number(query.page) || 1 }) : null;
  const defaultDate = `${year - 1}-12-31` < today ? `${year - 1}-12-31` : today;
  const pageLink = (page: number) => `/county/subsidy?year=${year}&page=${page}`;

  return (
    <>
      <PageTitle subtitle="按资助认定日在册的救助类别，计算每人的个人缴费资助（就高不重复），生成年度资助名单并记录拨付。">资助参保</PageTitle>
      <form method="get" className="mb-5 flex items-end gap-3">
        <label className="flex flex-col gap-1">
          <span className="font-medium">参保年度</span>
          <select name="year" defaultValue={year} className={inputClass}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}年
              </option>
            ))}
          </select>
        </label>
        <button className="min-h-11 rounded-md border border-slate-300 bg-white px-4">查看</button>
      </form>

      {!roster ? (
        <Card title={`${year}年度资助名单`}>
          <p className="mb-3 text-slate-700">本年度还没有资助名单。生成时，本县在资助认定日有救助类别、且本年度尚未参保的每个人都会列入名单（默认一档，可逐人改为二档）。</p>
          <ul className="mb-4 list-disc pl-5 text-sm text-slate-600">
            {coverageExplanation(user.regionScope, year).map((t) => (
              <li key={t}>{t}</li>
            ))}
            <li>名单中的人员以资助认定日为缴费日期；每个年度只生成一份名单，重复生成会直接打开已有名单。</li>
          </ul>
          <BuildRosterForm action={buildRosterAction} year={year} defaultDate={defaultDate} maxDate={today} />
        </Card>
      ) : null}

      {roster && summary && lines ? (
        <>
          <Card title={`${year}年度资助名单`}>
            <dl className="grid grid-cols-[8rem_1fr] gap-y-2" data-testid="roster-info">
              <dt className="text-slate-500">资助认定日期</dt>
              <dd>{formatDate(roster.subsidyDate)}</dd>
              <dt className="text-slate-500">适用政策</dt>
              <dd>
                {roster.policyCode} <span className="text-sm text-slate-500">（参数版本 {roster.parameterVersion}）</span>
              </dd>
              <dt className="text-slate-500">生成时间</dt>
              <dd>{formatDateTime(roster.createdAt)}</dd>
              <dt className="text-slate-500">拨付状态</dt>
              <dd data-testid="roster-payment">
                {roster.paidAt ? (
                  <>
                    <Badge tone="green">已拨付</Badge> 凭证号 {roster.paymentReference}，{formatDateTime(roster.paidAt)}
                  </>
                ) : (
                  <Badge tone="amber">未拨付</Badge>
                )}
              </dd>
            </dl>
            <p className="mt-3">
              <a href={`/api/v1/subsidy/rosters/${roster.id}/export`} data-testid="roster-export">
                导出资助名单（Excel）
              </a>
            </p>
          </Card>

          <Card title="按类别和档次汇总" className="mt-5 overflow-x-auto">
            <table className="w-full min-w-[640px] text-left" data-testid="roster-totals">
              <thead className="text-sm text-slate-500">
                <tr>
                  <th className="py-1">资助类别</th>
                  <th>档次</th>
                  <th className="text-right">人数</th>
                  <th className="text-right">个人缴费合计</th>
                  <th className="text-right">资助金额合计</th>
                  <th className="text-right">本人缴纳合计</th>
                </tr>
              </thead>
              <tbody>
                {summary.rows.map((r) => (
                  <tr key={`${r.category}-${r.insuranceTier}`} className="border-t border-slate-100" data-row={`${r.category}-${r.insuranceTier}`}>
                    <td className="py-1.5">{CATEGORY_LABELS[r.category]}</td>
                    <td>{INSURANCE_TIER_LABELS[r.insuranceTier]}</td>
                    <td className="text-right">{r.persons}</td>
                    <td className="text-right font-mono">{formatYuan(r.individualContribution)}</td>
                    <td className="text-right font-mono">{formatYuan(r.subsidy)}</td>
                    <td className="text-right font-mono">{formatYuan(r.personPays)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t-2 border-slate-300 font-semibold" data-row="total">
                  <td className="py-1.5">合计</td>
                  <td />
                  <td className="text-right" data-amount="persons">
                    {summary.totals.persons}
                  </td>
                  <td className="text-right font-mono" data-amount="individualContribution">
                    {formatYuan(summary.totals.individualContribution)}
                  </td>
                  <td className="text-right font-mono" data-amount="subsidy">
                    {formatYuan(summary.totals.subsidy)}
                  </td>
                  <td className="text-right font-mono" data-amount="personPays">
                    {formatYuan(summary.totals.personPays)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </Card>

          {!roster.paidAt ? (
            <Card title="记录拨付" className="mt-5">
              <RecordPaymentForm action={recordRosterPaymentAction} rosterId={roster.id} />
            </Card>
          ) : null}

          <Card title={`名单明细（共 ${lines.total} 人）`} className="mt-5 overflow-x-auto">
            <table className="w-full min-w-[900px] text-left text-sm" data-testid="roster-lines">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-1">姓名</th>
                  <th>公民身份号码</th>
                  <th>乡镇（街道）</th>
                  <th>资助类别</th>
                  <th>档次</th>
                  <th className="text-right">个人缴费</th>
                  <th className="text-right">资助金额</th>
                  <th className="text-right">本人缴纳</th>
                  <th className="pl-4">待遇起始</th>
                  {!roster.paidAt ? <th className="pl-4">调整</th> : null}
                </tr>
              </thead>
              <tbody>
                {lines.lines.map((l) => (
                  <tr key={l.enrolmentId} className="border-t border-slate-100" data-line={l.enrolmentId}>
                    <td className="py-1.5">
                      <Link href={`/county/persons/${l.personId}`}>{l.name}</Link>
                    </td>
                    <td className="font-mono">{l.maskedIdNumber}</td>
                    <td>{l.township ?? ""}</td>
                    <td>{CATEGORY_LABELS[l.category]}</td>
                    <td data-field="tier">{INSURANCE_TIER_LABELS[l.insuranceTier]}</td>
                    <td className="text-right font-mono">{formatYuan(l.individualContribution)}</td>
                    <td className="text-right font-mono" data-field="subsidy">
                      {formatYuan(l.subsidy)}
                    </td>
                    <td className="text-right font-mono" data-field="personPays">
                      {formatYuan(l.personPays)}
                    </td>
                    <td className="pl-4">{formatDate(l.coverageFrom)}</td>
                    {!roster.paidAt ? (
                      <td className="py-1 pl-4">
                        <ActionButton
                          key={`${l.enrolmentId}-${l.insuranceTier}`}
                          action={setEnrolmentTierAction}
                          fields={{ enrolmentId: l.enrolmentId, insuranceTier: l.insuranceTier === 1 ? "2" : "1" }}
                          label={l.insuranceTier === 1 ? "改为二档" : "改为一档"}
                          pendingLabel="正在重算…"
                          variant="secondary"
                        />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
            {lines.pageCount > 1 ? (
              <nav className="mt-3 flex items-center gap-4" aria-label="分页">
                {lines.page > 1 ? <Link href={pageLink(lines.page - 1)}>上一页</Link> : null}
                <span className="text-slate-600">
                  第 {lines.page} / {lines.pageCount} 页
                </span>
                {lines.page < lines.pageCount ? <Link href={pageLink(lines.page + 1)}>下一页</Link> : null}
              </nav>
            ) : null}
          </Card>
        </>
      ) : null}
    </>
  );
}
