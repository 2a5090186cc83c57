import Link from "next/link";
import type { DispatchLayout, Figure, LayoutRow } from "@/lib/reports/dispatch-layout";
import { formatShare, formatTarget, metLabel } from "@/lib/reports/dispatch-layout";
import type { MonthAlert } from "@/lib/reports/month-alerts";
import { ALERT_LEVEL_LABELS } from "@/lib/settlement";
import { formatYuan } from "@/lib/money";
import { Card } from "@/components/ui";
import { PrintButton } from "@/components/print-button";
import { MonthSelect } from "@/components/month-select";

const num = "text-right font-mono whitespace-nowrap";

export function FigureText({ figure }: { figure: Figure }) {
  switch (figure.kind) {
    case "count":
      return <>{figure.value.toLocaleString("zh-CN")}</>;
    case "money":
      return <>{formatYuan(figure.value)}</>;
    case "share":
      return <>{formatShare(figure.value)}</>;
    case "days":
      return <>{figure.value === null ? "—" : `${figure.value} 天`}</>;
  }
}

/** 达标 / 未达标 in words and colour (never colour alone). */
export function MetMark({ met }: { met: boolean | null | undefined }) {
  const label = metLabel(met);
  const tone = met === true ? "border-green-600 bg-green-50 text-green-800" : met === false ? "border-red-600 bg-red-50 text-red-800 font-bold" : "border-slate-300 bg-slate-50 text-slate-600";
  return (
    <span data-met={met === true ? "yes" : met === false ? "no" : "none"} className={`met-mark inline-block rounded border px-2 py-0.5 text-sm ${tone}`}>
      {met === true ? "✔ " : met === false ? "✘ " : ""}
      {label}
    </span>
  );
}

function FigureTable({ rows }: { rows: LayoutRow[] }) {
  return (
    <table className="w-full border-collapse text-sm">
      <thead>
        <tr className="border-b border-slate-300 text-left text-slate-600">
          <th className="py-1.5 font-medium">项目</th>
          <th className="py-1.5 text-right font-medium">本月数值</th>
          <th className="py-1.5 text-right font-medium">目标</th>
          <th className="py-1.5 pl-4 font-medium">达标情况</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-figure={r.key} className="border-b border-slate-100">
            <th scope="row" className={`py-1.5 text-left font-normal ${r.indent ? "pl-6 text-slate-600" : ""}`}>
              {r.label}
            </th>
            <td className={num} data-value>
              <FigureText figure={r.figure} />
            </td>
            <td className={num}>{r.target ? formatTarget(r.target) : ""}</td>
            <td className="pl-4">{r.target ? <MetMark met={r.met} /> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface DispatchReportViewProps {
  layout: DispatchLayout;
  month: string;
  months: string[];
  /** the page itself, for the month chooser (a GET form) */
  action: string;
  exportHref: string;
  alerts: MonthAlert[];
  ledgerHref: (personId: string, year: number) => string;
  back?: { href: string; label: string };
}

/** 调度报表 (W8, P-MON-4): presentational; prints on A4 landscape without the menus. */
export function DispatchReportView({ layout, month, months, action, exportHref, alerts, ledgerHref, back }: DispatchReportViewProps) {
  const [enrolment, visits, tiers, alertSection] = layout.sections; // 一 … 四; 五 is the per-category table
  const missed = [...layout.sections.flatMap((s) => s.rows), ...layout.categoryShares].filter((r) => r.target && r.met === false).length;
  return (
    <div className="dispatch-report space-y-5">
      <style>{`@media print { @page { size: A4 landscape; margin: 10mm; } .dispatch-report { font-size: 11px; } .dispatch-report section { break-inside: avoid; box-shadow: none; padding: 8px; } .dispatch-report .print-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; } .met-mark { border-width: 1px; } }`}</style>
      <div className="no-print flex flex-wrap items-end justify-between gap-3">
        <form method="get" action={action} className="flex items-end gap-3">
          <MonthSelect label="报表月份" month={month} months={months} />
          <button className="min-h-11 rounded-md border border-slate-300 bg-white px-4">查看</button>
        </form>
        <div className="flex flex-wrap items-center gap-3">
          {back ? <Link href={back.href}>← {back.label}</Link> : null}
          <a href={exportHref} data-testid="report-export" className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4">
            导出 Excel
          </a>
          <PrintButton label="打印报表" />
        </div>
      </div>

      <header className="text-center">
        <h1 className="text-2xl font-bold text-slate-900" data-testid="report-title">
          {layout.title}
        </h1>
        <p className="mt-1 text-slate-600">调度报表 · {layout.subtitle}</p>
        <p className="mt-2" data-testid="report-summary">
          {missed === 0 ? <span className="text-green-800">✔ 有数据的考核指标均已达标</span> : <span className="font-bold text-red-800">✘ {missed} 项指标未达标</span>}
        </p>
      </header>

      <div className="print-grid grid gap-5 lg:grid-cols-2">
        <Card title={enrolment!.title}>
          <FigureTable rows={enrolment!.rows} />
        </Card>
        <Card title={visits!.title}>
          <FigureTable rows={visits!.rows} />
        </Card>
        <Card title={tiers!.title}>
          <FigureTable rows={tiers!.rows} />
        </Card>
        <Card title={alertSection!.title}>
          <FigureTable rows={alertSection!.rows} />
        </Card>
      </div>

      <Card title={layout.categorySharesTitle}>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="category-shares">
            <thead>
              <tr className="border-b border-slate-300 text-left text-slate-600">
                <th className="py-1.5 font-medium">救助类别</th>
                <th className="py-1.5 text-right font-medium">就诊人次</th>
                <th className="py-1.5 text-right font-medium">医疗总费用</th>
                <th className="py-1.5 text-right font-medium">保险后政策范围内自付</th>
                <th className="py-1.5 text-right font-medium">医疗救助（含倾斜）</th>
                <th className="py-1.5 text-right font-medium">救助比例</th>
                <th className="py-1.5 text-right font-medium">目标</th>
                <th className="py-1.5 pl-4 font-medium">达标情况</th>
              </tr>
            </thead>
            <tbody>
              {layout.categoryShares.length === 0 ? (
                <tr>
                  <td colSpan={8} className="py-3 text-slate-500">
                    本月没有结算记录。
                  </td>
                </tr>
              ) : null}
              {layout.categoryShares.map((c) => (
                <tr key={c.category} data-category={c.category} className="border-b border-slate-100">
                  <th scope="row" className="py-1.5 text-left font-normal">
                    {c.label}
                  </th>
                  <td className={num}>{c.visits.toLocaleString("zh-CN")}</td>
                  <td className={num}>{formatYuan(c.totalCost)}</td>
                  <td className={num}>{formatYuan(c.selfPayAfterInsurance)}</td>
                  <td className={num}>{formatYuan(c.assistance)}</td>
                  <td className={num} data-value>
                    {formatShare(c.share)}
                  </td>
                  <td className={num}>{c.target ? formatTarget(c.target) : "—"}</td>
                  <td className="pl-4">{c.target ? <MetMark met={c.met} /> : <span className="text-slate-500">不考核</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-2 text-sm text-slate-600">救助比例 = 医疗救助（含倾斜救助）÷（政策范围内费用 − 基本医保 − 大病保险 − 补充医疗保险）。特困人员、低保对象、返贫致贫人口的目标为 ≥ 70%（P-MON-4）。</p>
      </Card>

      <Card title={`本月新开预警人员（${alerts.length}）`} className="no-print">
        {alerts.length === 0 ? (
          <p className="text-slate-500">本月没有新开的高额费用预警。</p>
        ) : (
          <table className="w-full border-collapse text-sm" data-testid="month-alerts">
            <thead>
              <tr className="border-b border-slate-300 text-left text-slate-600">
                <th className="py-1.5 font-medium">姓名</th>
                <th className="py-1.5 font-medium">公民身份号码</th>
                <th className="py-1.5 font-medium">乡镇（街道）</th>
                <th className="py-1.5 font-medium">级别</th>
                <th className="py-1.5 text-right font-medium">年度负担</th>
                <th className="py-1.5 text-right font-medium">预警线</th>
                <th className="py-1.5 pl-4 font-medium">状态</th>
                <th className="py-1.5 font-medium">台账</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => (
                <tr key={a.alertId} className="border-b border-slate-100">
                  <td className="py-1.5">{a.name}</td>
                  <td className="font-mono">{a.maskedId}</td>
                  <td>{a.township ?? "—"}</td>
                  <td>{ALERT_LEVEL_LABELS[a.level as 1 | 2] ?? a.level}</td>
                  <td className={num}>{formatYuan(a.burden)}</td>
                  <td className={num}>{formatYuan(a.threshold)}</td>
                  <td className="pl-4">{a.stateLabel}</td>
                  <td>
                    <Link href={ledgerHref(a.personId, a.year)}>查看{a.year}年台账</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <p className="text-sm text-slate-500">数据来源：结算台账按月汇总、登记库、参保登记、预警与依申请救助记录；金额单位：元。</p>
    </div>
  );
}
