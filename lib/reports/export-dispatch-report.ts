import "server-only";
import ExcelJS from "exceljs";
import Decimal from "decimal.js";
import type { DbOrTx } from "@/db/client";
import type { SessionUser } from "@/lib/auth/types";
import { formatDate } from "@/lib/labels";
import { monthLabel } from "@/lib/registry/months";
import { getDispatchReport } from "./dispatch-report";
import { dispatchLayout, formatTarget, metLabel, type Figure } from "./dispatch-layout";

const MONEY_FORMAT = "#,##0.00";
const SHARE_FORMAT = "0.00%";
const THIN = { style: "thin" as const, color: { argb: "FF94A3B8" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A figure as a cell: money and shares are numbers (2 decimals / percent) taken from the report's exact strings. */
function cell(figure: Figure): { value: number | string; numFmt?: string } {
  switch (figure.kind) {
    case "count":
      return { value: figure.value, numFmt: "#,##0" };
    case "money":
      return { value: new Decimal(figure.value).toNumber(), numFmt: MONEY_FORMAT };
    case "share":
      return figure.value === null ? { value: "—" } : { value: new Decimal(figure.value).toNumber(), numFmt: SHARE_FORMAT };
    case "days":
      return figure.value === null ? { value: "—" } : { value: new Decimal(figure.value).toNumber(), numFmt: "0.0" };
  }
}

/**
 * The monthly dispatch report as the one-sheet workbook a county office sends upward: a title
 * row, the reporting unit and date, then each section with its figures, targets and whether
 * each target is met. The figures are getDispatchReport's, arranged by dispatchLayout (the
 * page uses the same layout), so the workbook and the page always agree.
 */
export async function exportDispatchReport(db: DbOrTx, actor: SessionUser, input: { regionCode: string; month: string }) {
  const report = await getDispatchReport(db, actor, input);
  const layout = dispatchLayout(report);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "三重保障服务平台";
  const sheet = workbook.addWorksheet("调度报表", { pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.columns = [{ width: 36 }, { width: 18 }, { width: 14 }, { width: 12 }, { width: 16 }, { width: 20 }, { width: 18 }, { width: 18 }];

  const title = sheet.addRow([`${layout.title}（${monthLabel(report.month)}）`]);
  sheet.mergeCells(title.number, 1, title.number, 8);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: "center" };
  title.height = 28;
  const unit = sheet.addRow([`填报单位：${report.regionName}医疗保障局　　统计截至：${formatDate(report.asOf)}　　金额单位：元`]);
  sheet.mergeCells(unit.number, 1, unit.number, 8);
  sheet.addRow([]);

  const header = (labels: string[]) => {
    const row = sheet.addRow(labels);
    row.font = { bold: true };
    row.eachCell((c) => {
      c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
      c.border = BORDER;
    });
  };
  const sectionTitle = (text: string) => {
    const row = sheet.addRow([text]);
    row.font = { bold: true, size: 12 };
  };

  for (const section of layout.sections) {
    sectionTitle(section.title);
    header(["项目", "本月数值", "目标", "达标情况"]);
    for (const r of section.rows) addFigureRow(r.indent ? `　　${r.label}` : r.label, r.figure, r.target, r.met);
  }

  sectionTitle(layout.categorySharesTitle);
  header(["救助类别", "救助比例", "目标", "达标情况", "就诊人次", "医疗总费用", "保险后政策范围内自付", "医疗救助（含倾斜）"]);
  for (const c of layout.categoryShares) {
    const share = cell({ kind: "share", value: c.share });
    const row = sheet.addRow([c.label, share.value, c.target ? formatTarget(c.target) : "—", c.target ? metLabel(c.met) : "不考核", c.visits, new Decimal(c.totalCost).toNumber(), new Decimal(c.selfPayAfterInsurance).toNumber(), new Decimal(c.assistance).toNumber()]);
    if (share.numFmt) row.getCell(2).numFmt = share.numFmt;
    for (const i of [6, 7, 8]) row.getCell(i).numFmt = MONEY_FORMAT;
    styleMet(row.getCell(4), c.target ? c.met : undefined);
    row.eachCell((x) => (x.border = BORDER));
  }
  sheet.addRow(["说明：救助比例 = 医疗救助（含倾斜救助）÷（政策范围内费用 − 基本医保 − 大病保险 − 补充医疗保险）；特困人员、低保对象、返贫致贫人口目标 ≥ 70%。"]);

  function addFigureRow(label: string, figure: Figure, target?: string, met?: boolean | null) {
    const c = cell(figure);
    const row = sheet.addRow([label, c.value, target ? formatTarget(target) : "", target ? metLabel(met) : ""]);
    if (c.numFmt) row.getCell(2).numFmt = c.numFmt;
    styleMet(row.getCell(4), target ? met : undefined);
    row.eachCell({ includeEmpty: true }, (x) => (x.border = BORDER));
  }
  function styleMet(c: ExcelJS.Cell, met: boolean | null | undefined) {
    if (met === false) c.font = { bold: true, color: { argb: "FFB91C1C" } };
    else if (met === true) c.font = { color: { argb: "FF15803D" } };
  }

  sheet.addRow([]);
  sheet.addRow([`制表：三重保障服务平台　　导出时间：${formatDate(new Date())}`]);
  return { fileName: `调度报表-${report.regionName}-${report.month}.xlsx`, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}
