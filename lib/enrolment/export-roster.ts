import "server-only";
import ExcelJS from "exceljs";
import type { DbOrTx } from "@/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/types";
import { formatDate } from "@/lib/labels";
import { CATEGORY_LABELS, INSURANCE_TIER_LABELS } from "@/lib/settlement/labels";
import { allRosterLines, rosterSummary } from "./get-roster";

const MONEY_FORMAT = "#,##0.00";

/**
 * The roster as a workbook: a totals sheet (category × tier, grand total) and the lines with
 * masked ID numbers. Money cells are numbers with two decimals, taken from the database's
 * exact sums and amounts (the text "1234.50" → the cell 1234.5 shown as 1,234.50).
 */
export async function exportRoster(db: DbOrTx, actor: SessionUser, rosterId: string) {
  const { roster, rows, totals } = await rosterSummary(db, actor, rosterId);
  const lines = await allRosterLines(db, roster.id);
  const workbook = new ExcelJS.Workbook();

  const summary = workbook.addWorksheet("汇总");
  summary.addRow([`${roster.year}年度资助参保名单（资助认定日期 ${formatDate(roster.subsidyDate)}，政策 ${roster.policyCode}）`]);
  summary.addRow([roster.paymentReference ? `已拨付，凭证号 ${roster.paymentReference}` : "尚未拨付"]);
  summary.addRow([]);
  const header = summary.addRow(["资助类别", "参保档次", "人数", "个人缴费合计（元）", "资助金额合计（元）", "个人缴纳合计（元）"]);
  header.font = { bold: true };
  const moneyRow = (label: string, tier: string, a: { persons: number; individualContribution: string; subsidy: string; personPays: string }) => {
    const row = summary.addRow([label, tier, a.persons, Number(a.individualContribution), Number(a.subsidy), Number(a.personPays)]);
    for (const c of [4, 5, 6]) row.getCell(c).numFmt = MONEY_FORMAT;
    return row;
  };
  for (const r of rows) moneyRow(CATEGORY_LABELS[r.category], INSURANCE_TIER_LABELS[r.insuranceTier], r);
  moneyRow("合计", "", totals).font = { bold: true };
  summary.columns.forEach((c, i) => (c.width = i === 0 ? 34 : 18));

  const sheet = workbook.addWorksheet("名单");
  sheet.columns = [
    { header: "序号", key: "n", width: 8 },
    { header: "公民身份号码（脱敏）", key: "id", width: 22, style: { numFmt: "@" } },
    { header: "姓名", key: "name", width: 12 },
    { header: "乡镇（街道）", key: "township", width: 14 },
    { header: "资助类别", key: "category", width: 30 },
    { header: "参保档次", key: "tier", width: 10 },
    { header: "个人缴费（元）", key: "contribution", width: 14, style: { numFmt: MONEY_FORMAT } },
    { header: "资助金额（元）", key: "subsidy", width: 14, style: { numFmt: MONEY_FORMAT } },
    { header: "个人缴纳（元）", key: "pays", width: 14, style: { numFmt: MONEY_FORMAT } },
    { header: "缴费日期", key: "paidOn", width: 16 },
    { header: "待遇起始日期", key: "coverageFrom", width: 16 },
  ];
  lines.forEach((l, i) =>
    sheet.addRow({
      n: i + 1,
      id: l.maskedIdNumber,
      name: l.name,
      township: l.township ?? "",
      category: CATEGORY_LABELS[l.category],
      tier: INSURANCE_TIER_LABELS[l.insuranceTier],
      contribution: Number(l.individualContribution),
      subsidy: Number(l.subsidy),
      pays: Number(l.personPays),
      paidOn: formatDate(l.paidOn),
      coverageFrom: formatDate(l.coverageFrom),
    }),
  );
  sheet.getRow(1).font = { bold: true };

  await recordAudit(db, { actor, action: "subsidy_roster.export", targetType: "subsidy_roster", targetId: roster.id, details: { rows: lines.length } });
  return { fileName: `资助参保名单-${roster.year}.xlsx`, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}
