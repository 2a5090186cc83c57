import "server-only";
import ExcelJS from "exceljs";
import type { Db } from "@/db/client";
import type { SessionUser } from "@/lib/auth/types";
import { DEPARTMENT_LABELS, formatDate, formatDateTime } from "@/lib/labels";
import { EXAMPLE_VALUE_LABEL } from "@/lib/policy/types";
import { monthLabel } from "@/lib/registry/months";
import { ALERT_LEVEL_LABELS, CATEGORY_LABELS, INSURANCE_TIER_LABELS, VISIT_KIND_LABELS } from "@/lib/settlement";
import { getPersonLedger, type LedgerInput } from "./person-ledger";

const MONEY_FORMAT = "#,##0.00";

/** The database's exact two-decimal text → a number cell shown with two decimals (as the roster export). */
const money = (value: string | null) => (value === null ? null : Number(value));

function headerRow(sheet: ExcelJS.Worksheet, titles: string[]) {
  const row = sheet.addRow(titles);
  row.font = { bold: true };
  return row;
}

function moneyCells(row: ExcelJS.Row, columns: number[]) {
  for (const c of columns) row.getCell(c).numFmt = MONEY_FORMAT;
}

/**
 * The ledger as a workbook (W8: everything a supervisor sees exports to XLSX): one sheet per
 * section, Chinese headers, the ID number masked, money as numbers with two decimals. The
 * read is the same `getPersonLedger` (a supervisor's export is audited as `ledger.export`).
 */
export async function exportPersonLedger(db: Db, actor: SessionUser, input: LedgerInput) {
  const ledger = await getPersonLedger(db, actor, input, { purpose: "export" });
  const { person, year, enrolment, totals } = ledger;
  const workbook = new ExcelJS.Workbook();

  const head = workbook.addWorksheet("台账");
  head.addRow([`${year}年度专项管理台账`]).font = { bold: true, size: 14 };
  head.addRow(["姓名", person.name]);
  head.addRow(["公民身份号码（脱敏）", person.maskedIdNumber]);
  head.addRow(["出生日期", formatDate(person.birthDate)]);
  head.addRow(["所属区县", person.county]);
  head.addRow(["乡镇（街道）", person.township ?? ""]);
  head.addRow(["导出日期", formatDate(ledger.today)]);
  head.addRow([]);
  head.addRow(["身份认定"]).font = { bold: true };
  headerRow(head, ["类别", "认定部门", "起", "止", "来源名单"]);
  for (const i of ledger.identities) {
    head.addRow([CATEGORY_LABELS[i.category], DEPARTMENT_LABELS[i.department], formatDate(i.validFrom), i.validTo ? formatDate(i.validTo) : "在册", i.sourceMonth ? `${monthLabel(i.sourceMonth)}名单` : ""]);
  }
  head.addRow([]);
  head.addRow(["适用类别（就高不重复）"]).font = { bold: true };
  headerRow(head, ["起", "止", "适用类别", "认定部门", "说明"]);
  for (const t of ledger.timeline) {
    head.addRow([formatDate(t.from), t.to ? formatDate(t.to) : "至今", CATEGORY_LABELS[t.category], t.department ? DEPARTMENT_LABELS[t.department] : "", t.reason]);
  }
  head.columns.forEach((c, i) => (c.width = i === 4 ? 60 : i === 0 ? 22 : 18));

  const enrolSheet = workbook.addWorksheet("参保资助");
  headerRow(enrolSheet, ["年度", "参保档次", "缴费日期", "待遇起始日期", "补缴", "资助类别", "个人缴费标准（元）", "资助金额（元）", "个人实缴（元）", "资助名单", "资助拨付"]);
  if (enrolment) {
    const row = enrolSheet.addRow([
      year,
      INSURANCE_TIER_LABELS[enrolment.insuranceTier as 1 | 2],
      formatDate(enrolment.paidOn),
      formatDate(enrolment.coverageFrom),
      enrolment.late ? "是" : "否",
      CATEGORY_LABELS[enrolment.category],
      money(enrolment.individualContribution),
      money(enrolment.subsidy),
      money(enrolment.personPays),
      enrolment.onRoster ? "已列入" : "单独登记",
      enrolment.subsidyPaidAt ? `已拨付 ${formatDate(enrolment.subsidyPaidAt)} ${enrolment.subsidyPaymentReference ?? ""}`.trim() : "未拨付",
    ]);
    moneyCells(row, [7, 8, 9]);
  } else {
    enrolSheet.addRow([year, "本年度没有参保登记"]);
  }
  enrolSheet.columns.forEach((c) => (c.width = 16));

  const entrySheet = workbook.addWorksheet("就诊结算");
  const entryMoney = [6, 7, 8, 9, 10, 11, 12, 13, 14];
  headerRow(entrySheet, ["序号", "就诊日期", "记账类型", "就诊类型", "医院", "总费用（元）", "政策范围内费用（元）", "目录外费用（元）", "基本医保（元）", "大病保险（元）", "补充医疗保险（元）", "医疗救助（元）", "倾斜救助（元）", "个人自付（元）", "适用类别", "备注"]);
  ledger.entries.forEach((e, n) => {
    const reversal = e.entryType === "reversal";
    const row = entrySheet.addRow([
      n + 1,
      formatDate(e.visitDate),
      reversal ? "冲销" : "结算",
      VISIT_KIND_LABELS[e.kind],
      e.hospitalName ?? "",
      money(e.totalCost),
      money(e.policyRangeCost),
      money(e.outOfCatalogCost),
      money(e.basicInsurance),
      money(e.criticalIllnessInsurance),
      money(e.supplementaryInsurance),
      money(e.medicalAssistance),
      money(e.tiltedAssistance),
      money(e.outOfPocket),
      CATEGORY_LABELS[e.category],
      reversal ? `冲销：${e.reason ?? ""}` : e.reversedById ? "已冲销" : "",
    ]);
    moneyCells(row, entryMoney);
  });
  const totalRow = entrySheet.addRow([
    "合计",
    `结算${totals.settlements}笔，冲销${totals.reversals}笔`,
    "",
    "",
    "",
    money(totals.totalCost),
    money(totals.policyRangeCost),
    money(totals.outOfCatalogCost),
    money(totals.basicInsurance),
    money(totals.criticalIllnessInsurance),
    money(totals.supplementaryInsurance),
    money(totals.medicalAssistance),
    money(totals.tiltedAssistance),
    money(totals.outOfPocket),
  ]);
  totalRow.font = { bold: true };
  moneyCells(totalRow, entryMoney);
  entrySheet.columns.forEach((c, i) => (c.width = i === 0 ? 8 : i === 4 ? 24 : i === 15 ? 30 : 16));

  const capSheet = workbook.addWorksheet("累计与限额");
  if (ledger.policy) capSheet.addRow([`限额按${formatDate(ledger.policy.capDate)}施行的《${ledger.policy.document}》读取；当日适用类别：${CATEGORY_LABELS[ledger.policy.categoryOnCapDate]}`]);
  if (ledger.policyError) capSheet.addRow([`未能读取限额：${ledger.policyError}`]);
  if (ledger.openingSource) capSheet.addRow([`本年累计含期初结转（来源：${ledger.openingSource}）`]);
  headerRow(capSheet, ["项目", "本年累计（元）", "其中期初结转（元）", "年度限额（元）", "剩余额度（元）", "说明", "依据"]);
  for (const a of ledger.accumulators) {
    const row = capSheet.addRow([
      a.label,
      money(a.paid),
      money(a.opening),
      money(a.cap),
      money(a.remaining),
      a.cap === null ? (a.noCapReason ?? (a.capKey ? "不设限额" : "")) : a.remaining === "0.00" ? "已用完" : "",
      [a.ruleId, a.exampleValue ? EXAMPLE_VALUE_LABEL : null].filter(Boolean).join(" "),
    ]);
    moneyCells(row, [2, 3, 4, 5]);
  }
  capSheet.columns.forEach((c, i) => (c.width = i === 0 ? 34 : i === 5 ? 28 : 18));

  const caseSheet = workbook.addWorksheet("预警与救助申请");
  caseSheet.addRow(["高额费用预警"]).font = { bold: true };
  headerRow(caseSheet, ["级别", "个人负担（元）", "预警线（元）", "生成日期", "状态", "处理说明", "救助申请编号"]);
  for (const a of ledger.alerts) {
    const row = caseSheet.addRow([ALERT_LEVEL_LABELS[a.level], money(a.burden), money(a.threshold), formatDate(a.createdAt), a.stateLabel, a.closeReason ?? "", a.applicationNumber ?? ""]);
    moneyCells(row, [2, 3]);
  }
  caseSheet.addRow([]);
  caseSheet.addRow(["依申请救助"]).font = { bold: true };
  headerRow(caseSheet, ["申请编号", "提交时间", "来源", "状态", "拟救助金额（元）", "发放凭证"]);
  for (const a of ledger.applications) {
    const row = caseSheet.addRow([a.number, formatDateTime(a.createdAt), a.sourceLabel, a.stateLabel, money(a.proposedAmount), a.paymentReference ?? ""]);
    moneyCells(row, [5]);
  }
  caseSheet.columns.forEach((c) => (c.width = 18));

  // No name in the file name (it travels in headers and download lists): the year and a short person reference.
  return { fileName: `专项管理台账-${year}-${person.id.slice(0, 8)}.xlsx`, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}
