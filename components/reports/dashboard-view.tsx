"use client";

import Link from "next/link";
import type { DashboardData, DashboardFigures } from "@/lib/reports/dashboard";
import { formatShare } from "@/lib/reports/dispatch-layout";
import { monthLabel } from "@/lib/registry/months";
import { CATEGORY_LABELS, PAYMENT_TIERS, TIER_LABELS, type PaymentTier } from "@/lib/settlement/labels";
import { formatYuan } from "@/lib/money";
import { Chart, type ChartSpec } from "@/components/reports/chart";
import { TotalsTable, type TotalsColumn } from "@/components/reports/totals-table";
import { Card, inputClass, numberCellsClass } from "@/components/ui";
import { MonthSelect } from "@/components/month-select";

/** The columns every totals table shows after its first (a month, a township or a county), in `totalsCells` order. */
const TOTALS_COLUMNS: TotalsColumn[] = [
  { label: "就诊人次" },
  { label: "医疗总费用", field: "totalCost" },
  { label: TIER_LABELS.basicInsurance },
  { label: TIER_LABELS.criticalIllnessInsurance },
  { label: "医疗救助（含倾斜）" },
  { label: TIER_LABELS.outOfPocket },
  { label: "救助比例（三类）", title: "特困人员、低保对象、返贫致贫人口，目标 ≥ 70%" },
];
function totalsCells(t: DashboardFigures): string[] {
  return [t.visits.toLocaleString("zh-CN"), formatYuan(t.totalCost), formatYuan(t.basicInsurance), formatYuan(t.criticalIllnessInsurance), formatYuan(t.assistance), formatYuan(t.outOfPocket), formatShare(t.targetedAssistanceShare)];
}

const tierSeries = (rows: Pick<DashboardFigures, PaymentTier>[]) => PAYMENT_TIERS.map((tier) => ({ name: TIER_LABELS[tier], values: rows.map((t) => t[tier]) }));

function charts(d: DashboardData) {
  const trend: ChartSpec = {
    kind: "stacked",
    unit: "元",
    categories: d.trend.map((t) => monthLabel(t.month)),
    series: tierSeries(d.trend),
    line: { name: "救助比例（特困、低保、返贫致贫）", values: d.trend.map((t) => t.targetedAssistanceShare) },
    height: 360,
  };
  const tiers: ChartSpec = { kind: "pie", unit: "元", categories: d.tiers.map((t) => TIER_LABELS[t.tier]), series: [{ name: "金额", values: d.tiers.map((t) => t.amount) }] };
  const categories: ChartSpec = {
    kind: "bar",
    unit: "元",
    horizontal: true,
    categories: d.categories.map((c) => CATEGORY_LABELS[c.category]),
    series: [
      { name: "医疗总费用", values: d.categories.map((c) => c.totalCost) },
      { name: "医疗救助（含倾斜）", values: d.categories.map((c) => c.assistance) },
    ],
    height: Math.max(220, 60 + d.categories.length * 44),
  };
  const withData = d.townships?.filter((t) => t.visits !== 0 || t.totalCost !== "0.00") ?? [];
  const townships: ChartSpec = {
    kind: "stacked",
    unit: "元",
    horizontal: true,
    categories: withData.map((t) => t.townshipName),
    series: tierSeries(withData),
    height: Math.max(220, 70 + withData.length * 26),
  };
  const overview = d.overview ?? [];
  const counties: ChartSpec = {
    kind: "stacked",
    unit: "元",
    horizontal: true,
    categories: overview.map((c) => c.regionName),
    series: tierSeries(overview),
    height: Math.max(240, 70 + overview.length * 24),
  };
  return { trend, tiers, categories, townships, counties, townshipsWithData: withData.length };
}

/**
 * The supervisor dashboard's body (W8). A client component, so the page sends its figures
 * (dashboardData) rather than the server-rendered element tree of every chart, table and link:
 * that tree, serialised for the RSC payload on every request, was most of the page's cost under
 * load (docs/benchmarks.md). The server still renders the HTML, so the tables read without
 * JavaScript. `months` are the choices of the month filter; `county` is the filter's value.
 */
export function DashboardView({ d, months, county }: { d: DashboardData; months: string[]; county?: string }) {
  const { month } = d;
  const spec = charts(d);
  const exportHref = `/api/v1/reports/dashboard?month=${month}${county ? `&county=${county}` : ""}`;
  const current = d.trend.at(-1);

  return (
    <>
      <form method="get" action="/supervisor" className="no-print mb-5 flex flex-wrap items-end gap-3" data-testid="dashboard-filter">
        <MonthSelect label="月份" month={month} months={months} />
        {d.counties.length > 1 ? (
          <label className="flex flex-col gap-1">
            <span className="font-medium">区县</span>
            <select name="county" defaultValue={county ?? ""} className={inputClass}>
              <option value="">全部区县</option>
              {d.counties.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button className="min-h-11 rounded-md border border-slate-300 bg-white px-4">查看</button>
        <a href={exportHref} data-testid="dashboard-export" className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4">
          导出看板数据（Excel）
        </a>
      </form>

      <h2 className="mb-3 text-xl font-semibold" data-testid="dashboard-heading">
        {d.label} · {monthLabel(month)}
        {d.county ? (
          <span className="ml-3 text-base font-normal">
            <Link href={`/supervisor/reports/${d.county.code}?month=${month}`} data-testid="county-report-link">
              查看{d.county.name}调度报表
            </Link>
            {county && d.counties.length > 1 ? (
              <Link href={`/supervisor?month=${month}`} className="ml-3">
                返回全部区县
              </Link>
            ) : null}
          </span>
        ) : null}
      </h2>

      {current ? (
        <dl className="mb-5 grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="dashboard-figures">
          {[
            ["就诊人次", current.visits.toLocaleString("zh-CN")],
            ["医疗总费用", formatYuan(current.totalCost)],
            ["医疗救助（含倾斜）", formatYuan(current.assistance)],
            ["救助比例（三类，目标 ≥ 70%）", formatShare(current.targetedAssistanceShare)],
          ].map(([label, value]) => (
            <div key={label} className="rounded-lg border border-slate-200 bg-white p-4">
              <dt className="text-sm text-slate-600">{label}</dt>
              <dd className="mt-1 font-mono text-xl font-semibold">{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}

      <div className="grid gap-5">
        <Card title="按月趋势（近12个月）">
          <Chart spec={spec.trend} caption={`${d.label}近12个月各制度支付（堆叠柱，合计即医疗总费用）与特困、低保、返贫致贫人员救助比例（折线，右轴）`} testId="chart-trend" />
          <details className="mt-3">
            <summary className="cursor-pointer text-brand-700">查看数据表</summary>
            <div className="overflow-x-auto">
              <TotalsTable testId="trend-table" first="月份" columns={TOTALS_COLUMNS} rows={d.trend.map((t) => ({ key: t.month, label: monthLabel(t.month), cells: totalsCells(t) }))} />
            </div>
          </details>
        </Card>

        <div className="grid gap-5 lg:grid-cols-2">
          <Card title={`${monthLabel(month)}各制度支付`}>
            <Chart spec={spec.tiers} caption={`${d.label}${monthLabel(month)}医疗总费用按制度分担（环形图）`} testId="chart-tiers" />
            <table className={`mt-3 w-full border-collapse text-sm ${numberCellsClass}`} data-testid="tier-table">
              <thead>
                <tr className="border-b border-slate-300 text-left text-slate-600">
                  <th className="py-1.5 font-medium">制度</th>
                  <th className="py-1.5 text-right font-medium">金额</th>
                  <th className="py-1.5 text-right font-medium">占医疗总费用</th>
                </tr>
              </thead>
              <tbody>
                {d.tiers.map((t) => (
                  <tr key={t.tier} data-tier={t.tier} className="border-b border-slate-100">
                    <th scope="row" className="py-1.5 text-left font-normal">
                      {TIER_LABELS[t.tier]}
                    </th>
                    <td>{formatYuan(t.amount)}</td>
                    <td>{formatShare(t.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>

          <Card title={`${monthLabel(month)}按救助类别`}>
            {d.categories.length === 0 ? <p className="text-slate-500">本月没有结算记录。</p> : <Chart spec={spec.categories} caption={`${d.label}${monthLabel(month)}各救助类别的医疗总费用与医疗救助（条形图）`} testId="chart-categories" />}
            <div className="overflow-x-auto">
              <table className={`mt-3 w-full border-collapse text-sm ${numberCellsClass}`} data-testid="category-table">
                <thead>
                  <tr className="border-b border-slate-300 text-left text-slate-600">
                    <th className="py-1.5 font-medium">救助类别</th>
                    <th className="py-1.5 text-right font-medium">就诊人次</th>
                    <th className="py-1.5 text-right font-medium">医疗总费用</th>
                    <th className="py-1.5 text-right font-medium">医疗救助（含倾斜）</th>
                    <th className="py-1.5 text-right font-medium">救助比例</th>
                  </tr>
                </thead>
                <tbody>
                  {d.categories.map((c) => (
                    <tr key={c.category} data-category={c.category} className="border-b border-slate-100">
                      <th scope="row" className="py-1.5 text-left font-normal">
                        {CATEGORY_LABELS[c.category]}
                      </th>
                      <td>{c.visits.toLocaleString("zh-CN")}</td>
                      <td>{formatYuan(c.totalCost)}</td>
                      <td>{formatYuan(c.assistance)}</td>
                      <td>
                        {formatShare(c.assistanceShare)}
                        {c.targeted ? <span className="ml-1 text-xs text-slate-500">（目标 ≥ 70%）</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        </div>

        {d.townships ? (
          <Card title={`${d.county?.name ?? ""}${monthLabel(month)}按乡镇（街道）`}>
            {spec.townshipsWithData === 0 ? (
              <p className="text-slate-500">本月各乡镇（街道）都没有结算记录。</p>
            ) : (
              <Chart spec={spec.townships} caption={`${d.county?.name ?? ""}${monthLabel(month)}有结算的乡镇（街道）各制度支付（堆叠条形图）`} testId="chart-townships" />
            )}
            <details className="mt-3">
              <summary className="cursor-pointer text-brand-700">查看全部 {d.townships.length} 个乡镇（街道）的数据表</summary>
              <div className="overflow-x-auto">
                <TotalsTable testId="township-table" first="乡镇（街道）" columns={TOTALS_COLUMNS} rows={d.townships.map((t) => ({ key: t.townshipCode, label: t.townshipName, cells: totalsCells(t) }))} />
              </div>
            </details>
          </Card>
        ) : null}

        {d.overview ? (
          <Card title={`${monthLabel(month)}各区县对比`}>
            <Chart spec={spec.counties} caption={`${d.label}各区县${monthLabel(month)}各制度支付（堆叠条形图）`} testId="chart-counties" />
            <div className="mt-3 overflow-x-auto">
              <TotalsTable
                testId="county-overview"
                rowKey="data-county"
                first="区县"
                columns={TOTALS_COLUMNS}
                linksHeading="查看"
                rows={d.overview.map((c) => ({
                  key: c.regionCode,
                  label: c.regionName,
                  cells: totalsCells(c),
                  links: [
                    { href: `/supervisor/reports/${c.regionCode}?month=${month}`, label: "调度报表" },
                    { href: `/supervisor?county=${c.regionCode}&month=${month}`, label: "看板" },
                  ],
                }))}
              />
            </div>
          </Card>
        ) : null}

        <Card title={`督导范围内的区县（${d.counties.length}）`}>
          <ul className="grid grid-cols-2 gap-x-4 gap-y-1 md:grid-cols-4" data-testid="scope-counties">
            {d.counties.map((c) => (
              <li key={c.code}>
                <a href={`/supervisor?county=${c.code}&month=${month}`}>{c.name}</a> <span className="font-mono text-xs text-slate-400">{c.code}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
