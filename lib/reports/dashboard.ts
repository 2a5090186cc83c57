import "server-only";
import ExcelJS from "exceljs";
import Decimal from "decimal.js";
import type { DbOrTx } from "@/db/client";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { getScopeName, listCountiesInScope } from "@/lib/regions/get-region";
import { monthLabel, recentMonths } from "@/lib/registry/months";
import { CATEGORY_LABELS, PAYMENT_TIERS, TIER_LABELS } from "@/lib/settlement/labels";
import { countyOverview, monthlyTrend, splitByCategory, splitByTier, splitByTownship, type TrendTotals } from "./trends";

/**
 * The supervisor dashboard (W8) for one month: the 12-month trend ending with it, the month's
 * payments by tier, by category and (for one county) by township, and for a scope of several
 * counties every county side by side. `county` narrows a city scope to one county (another
 * county's code answers 404).
 */
export async function getDashboard(db: DbOrTx, actor: SessionUser, input: { month: string; county?: string }) {
  assertInScope(actor, { permission: "report.read" });
  const counties = await listCountiesInScope(db, actor.regionScope);
  if (input.county !== undefined) {
    assertInScope(actor, { permission: "report.read", region: input.county });
    if (!counties.some((c) => c.code === input.county)) throw new AuthError(404, "NOT_FOUND", "未找到该记录");
  }
  const selected = input.county ? counties.filter((c) => c.code === input.county) : counties;
  const regionCodes = selected.map((c) => c.code);
  const months = recentMonths(input.month, 12).reverse();
  const scopeName = await getScopeName(db, actor.regionScope);
  const single = regionCodes.length === 1 ? selected[0]! : null;
  /** what the figures cover: the scope, or the one county */
  const label = input.county && single ? single.name : scopeName;
  if (regionCodes.length === 0) return { month: input.month, months, scopeName, label, county: null, counties, trend: [], tiers: [], categories: [], townships: null, overview: null };
  const [trend, tiers, categories, townships, overview] = await Promise.all([
    monthlyTrend(db, actor, { regionCodes, months }),
    splitByTier(db, actor, { regionCodes, months: [input.month] }),
    splitByCategory(db, actor, { regionCodes, months: [input.month] }),
    single ? splitByTownship(db, actor, { regionCode: single.code, months: [input.month] }) : Promise.resolve(null),
    single ? Promise.resolve(null) : countyOverview(db, actor, { month: input.month }),
  ]);
  return { month: input.month, months, scopeName, label, county: single ? { code: single.code, name: single.name } : null, counties, trend, tiers, categories, townships, overview };
}
export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;

/** The figures a row of the dashboard page shows: its table columns and chart series. */
const DASHBOARD_FIGURES = ["visits", "totalCost", ...PAYMENT_TIERS, "assistance", "targetedAssistanceShare"] as const;
export type DashboardFigures = Pick<TrendTotals, (typeof DASHBOARD_FIGURES)[number]>;
const figures = (row: TrendTotals) => Object.fromEntries(DASHBOARD_FIGURES.map((key) => [key, row[key]])) as DashboardFigures;

/**
 * The dashboard cut to what its page draws. The page sends this to the browser on every
 * request (the RSC payload), so it carries no figure the page does not show.
 */
export function dashboardData(d: Dashboard) {
  return {
    month: d.month,
    label: d.label,
    county: d.county,
    counties: d.counties.map(({ code, name }) => ({ code, name })),
    trend: d.trend.map((t) => ({ month: t.month, ...figures(t) })),
    tiers: d.tiers,
    categories: d.categories.map(({ category, targeted, visits, totalCost, assistance, assistanceShare }) => ({ category, targeted, visits, totalCost, assistance, assistanceShare })),
    townships: d.townships?.map((t) => ({ townshipCode: t.townshipCode, townshipName: t.townshipName, ...figures(t) })) ?? null,
    overview: d.overview?.map((c) => ({ regionCode: c.regionCode, regionName: c.regionName, ...figures(c) })) ?? null,
  };
}
export type DashboardData = ReturnType<typeof dashboardData>;

const MONEY = "#,##0.00";
const SHARE = "0.00%";
const num = (s: string) => new Decimal(s).toNumber();
const share = (s: string | null) => (s === null ? "—" : num(s));

/** Every table of the dashboard as a workbook, one sheet each (quality.md: XLSX for every table a supervisor sees). */
export async function exportDashboard(db: DbOrTx, actor: SessionUser, input: { month: string; county?: string }) {
  const d = await getDashboard(db, actor, input);
  const workbook = new ExcelJS.Workbook();
  const sheet = (name: string, title: string, header: string[], rows: (string | number)[][], formats: Record<number, string>) => {
    const ws = workbook.addWorksheet(name);
    ws.addRow([title]).font = { bold: true, size: 14 };
    ws.addRow(header).font = { bold: true };
    for (const r of rows) {
      const row = ws.addRow(r);
      for (const [col, fmt] of Object.entries(formats)) if (typeof r[Number(col) - 1] === "number") row.getCell(Number(col)).numFmt = fmt;
    }
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 24 : 16));
  };
  const totalsHeader = ["就诊人次", "医疗总费用", TIER_LABELS.basicInsurance, TIER_LABELS.criticalIllnessInsurance, TIER_LABELS.supplementaryInsurance, TIER_LABELS.medicalAssistance, TIER_LABELS.tiltedAssistance, TIER_LABELS.outOfPocket, "救助比例", "特困低保返贫救助比例"];
  type Totals = Dashboard["trend"][number];
  const totals = (t: Omit<Totals, "month">) => [t.visits, num(t.totalCost), num(t.basicInsurance), num(t.criticalIllnessInsurance), num(t.supplementaryInsurance), num(t.medicalAssistance), num(t.tiltedAssistance), num(t.outOfPocket), share(t.assistanceShare), share(t.targetedAssistanceShare)];
  const totalsFormats = { 3: MONEY, 4: MONEY, 5: MONEY, 6: MONEY, 7: MONEY, 8: MONEY, 9: MONEY, 10: SHARE, 11: SHARE };
  sheet("按月趋势", `${d.label} 近12个月趋势（至${monthLabel(d.month)}）`, ["月份", ...totalsHeader], d.trend.map((t) => [monthLabel(t.month), ...totals(t)]), totalsFormats);
  sheet("按制度", `${d.label} ${monthLabel(d.month)} 各制度支付`, ["制度", "金额", "占医疗总费用"], d.tiers.map((t) => [TIER_LABELS[t.tier], num(t.amount), share(t.share)]), { 2: MONEY, 3: SHARE });
  sheet("按类别", `${d.label} ${monthLabel(d.month)} 按救助类别`, ["救助类别", ...totalsHeader], d.categories.map((c) => [CATEGORY_LABELS[c.category], ...totals(c)]), totalsFormats);
  if (d.townships) sheet("按乡镇", `${d.label} ${monthLabel(d.month)} 按乡镇（街道）`, ["乡镇（街道）", ...totalsHeader], d.townships.map((t) => [t.townshipName, ...totals(t)]), totalsFormats);
  if (d.overview) sheet("各区县", `${d.label} ${monthLabel(d.month)} 各区县对比`, ["区县", ...totalsHeader], d.overview.map((c) => [c.regionName, ...totals(c)]), totalsFormats);
  return { fileName: `督导看板-${d.label}-${d.month}.xlsx`, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}
