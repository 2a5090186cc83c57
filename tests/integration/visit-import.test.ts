import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import type { DatabaseHandle } from "@/db";
import { auditLog, openingBalances, personYearTotals, persons, settlements, visitImports, visits } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/types";
import { HOSPITAL_EXPORT_COLUMNS } from "@/lib/visits/hospital-export";
import { importHospitalExport } from "@/lib/visits/import-hospital-export";
import { importOpeningBalances, OPENING_BALANCE_COLUMNS } from "@/lib/visits/import-opening-balances";
import { visitInputSchema } from "@/lib/visits/schemas";
import { settleVisit } from "@/lib/visits/settle-visit";
import { BACKENDS, createTestDatabase } from "../support/db";
import { enrolled } from "../support/enrolment";
import { pengshuiId, sessionUser } from "../support/registry";

const HEADER = HOSPITAL_EXPORT_COLUMNS.map((c) => c.header);
const DIBAO = pengshuiId("1958-02-03", 31);
const TEKUN = pengshuiId("1949-09-09", 32);
const UNENROLLED = pengshuiId("1970-01-01", 33);
const OPENING = pengshuiId("1962-12-12", 34);

// 结算单号, 身份证, 姓名, 日期, 类型, 医院, 等级, 就医地, 转诊, 特殊疾病, 转出等级, 总费用, 目录外, 先行自付
const GOOD_DIBAO = ["ZY-001", DIBAO, "冉光明", "2024/3/15", "住院", "彭水县人民医院", "二级", "县域内", "无需转诊", "否", "", "120000.00", "15000", "5000"];
const GOOD_TEKUN = ["ZY-002", TEKUN, "侯建国", "2024-04-02", "outpatient_general", "", "1", "county", "not_required", "", "", "800.00", "", ""];

function csv(rows: string[][]): string {
  return [HEADER, ...rows].map((r) => r.join(",")).join("\r\n");
}
const utf8 = (text: string) => new TextEncoder().encode(text);

describe.each(BACKENDS)("hospital settlement export import on %s", (kind) => {
  let handle: DatabaseHandle;
  let clerk: SessionUser;

  beforeAll(async () => {
    handle = await createTestDatabase(kind, { seedDemo: true });
    const { db } = handle;
    clerk = await sessionUser(db, "clerk");
    for (const [idNumber, name, category] of [[DIBAO, "冉光明", "DIBAO"], [TEKUN, "侯建国", "TEKUN"], [UNENROLLED, "田小雨", "DIBAO"], [OPENING, "罗秀英", "DIBAO"]] as const) {
      const [p] = await db.insert(persons).values({ idNumber, name, regionCode: "500243", townshipCode: "500243001", birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` }).returning();
      await db.execute(sql`insert into identities (person_id, category, department_code, valid_from) values (${p!.id}, ${category}::category, 'MINZHENG', '2023-01-01')`);
      if (idNumber !== UNENROLLED) await enrolled(db, clerk, p!.id, 2024);
    }
  });
  afterAll(async () => handle?.close());

  const count = async () => (await handle.db.select({ n: sql<number>`count(*)::int` }).from(settlements))[0]!.n;

  test("settles each good row through every tier, refuses the others by row and column; importing the same file again settles nothing twice", async () => {
    const { db } = handle;
    const file = utf8(
      csv([
        GOOD_DIBAO,
        GOOD_TEKUN,
        ["ZY-003", UNENROLLED, "田小雨", "2024-03-01", "住院", "", "二级", "县域内", "无需转诊", "否", "", "5000.00", "", ""],
        ["ZY-004", DIBAO, "冉光民", "2024-03-20", "住院", "", "二级", "县域内", "无需转诊", "否", "", "5000.00", "", ""],
        ["ZY-005", DIBAO, "冉光明", "2024-03-21", "住院", "", "二级", "县域内", "无需转诊", "否", "", "-5.00", "", ""],
        ["ZY-006", `${DIBAO.slice(0, 17)}0`, "冉光明", "2024-03-22", "住院", "", "二级", "县域内", "无需转诊", "否", "", "100.00", "", ""],
        ["ZY-001", DIBAO, "冉光明", "2024/3/15", "住院", "", "二级", "县域内", "无需转诊", "否", "", "120000.00", "15000", "5000"],
        ["ZY-007", DIBAO, "冉光明", "2024-02-30", "住院", "", "二级", "县域内", "无需转诊", "否", "", "100.00", "", ""],
        ["ZY-008", DIBAO, "冉光明", "2024-03-23", "住院", "", "五级", "县域内", "无需转诊", "否", "", "100.00", "", ""],
      ]),
    );
    const first = await importHospitalExport(db, clerk, { bytes: file, fileName: "人民医院3月.csv" });
    expect({ rowCount: first.rowCount, settled: first.settledCount, existing: first.existingCount, refused: first.refusedCount }).toEqual({ rowCount: 9, settled: 2, existing: 0, refused: 7 });
    const refusals = first.rows.filter((r) => r.outcome === "refused").map((r) => [r.rowNumber, r.outcome === "refused" ? r.column : "", r.outcome === "refused" ? r.message : ""]);
    expect(refusals).toEqual([
      [4, "出院（就诊）日期", "该人员没有2024年度的参保登记，不能结算；请先登记参保"],
      [5, "姓名", "姓名与登记信息不一致"],
      [6, "医疗总费用", "医疗总费用不能为负数"],
      [7, "公民身份号码", "公民身份号码校验位错误"],
      [8, "结算单号", "结算单号在本文件中重复"],
      [9, "出院（就诊）日期", "日期不存在"],
      [10, "医院等级", "无法识别“五级”，应填基层、一级、二级、三级之一"],
    ]);
    // Row 2 is the contract's worked 低保 example: 69790.00 / 13786.50 / 13138.80.
    const dibaoRow = first.rows.find((r) => r.externalVisitNumber === "ZY-001" && r.outcome === "settled")!;
    const [s] = await db.select().from(settlements).where(eq(settlements.id, (dibaoRow as { settlementId: string }).settlementId));
    expect([s!.basicInsurance, s!.criticalIllnessInsurance, s!.medicalAssistance, s!.outOfPocket]).toEqual(["69790.00", "13786.50", "13138.80", "23284.70"]);
    const [v] = await db.select().from(visits).where(eq(visits.externalVisitNumber, "ZY-001"));
    expect(v).toMatchObject({ hospitalName: "彭水县人民医院", visitDate: "2024-03-15", kind: "inpatient", hospitalLevel: 2 });

    const before = await count();
    const again = await importHospitalExport(db, clerk, { bytes: file, fileName: "人民医院3月.csv" });
    expect([again.settledCount, again.existingCount, again.refusedCount]).toEqual([0, 2, 7]);
    expect(await count()).toBe(before);
    const saved = await db.select().from(visitImports).orderBy(visitImports.createdAt);
    expect(saved.map((i) => [i.rowCount, i.settledCount, i.existingCount, i.refusedCount])).toEqual([[9, 2, 0, 7], [9, 0, 2, 7]]);
  });

  test("a GBK CSV and an XLSX export read the same", async () => {
    const { db } = handle;
    const gbk = iconv.encode(csv([[...GOOD_TEKUN.slice(0, 3), "2024-05-02", "普通门诊", "", "一级", "县域内", "无需转诊", "否", "", "300.00", "", ""].map((c, i) => (i === 0 ? "MZ-GBK-1" : c))]), "gbk");
    const fromGbk = await importHospitalExport(db, clerk, { bytes: new Uint8Array(gbk), fileName: "gbk.csv" });
    expect([fromGbk.settledCount, fromGbk.refusedCount]).toEqual([1, 0]);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("结算明细");
    ws.addRow(HEADER);
    ws.addRow(["MZ-XLSX-1", TEKUN, "侯建国", new Date(Date.UTC(2024, 5, 3)), "门诊慢特病", "县中医院", "二级", "县域内", "无需转诊", "是", "", 1234.5, 0, 0]);
    ws.getCell("D2").numFmt = "yyyy-mm-dd";
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    const fromXlsx = await importHospitalExport(db, clerk, { bytes: xlsx, fileName: "export.xlsx" });
    expect(fromXlsx.rows).toMatchObject([{ outcome: "settled", externalVisitNumber: "MZ-XLSX-1" }]);
    const [v] = await db.select().from(visits).where(eq(visits.externalVisitNumber, "MZ-XLSX-1"));
    expect(v).toMatchObject({ visitDate: "2024-06-03", kind: "outpatient_special", specialDisease: true, totalCost: "1234.50" });
  });

  test("a file that cannot be read is refused whole and nothing is written", async () => {
    const { db } = handle;
    const [before, imports] = [await count(), (await db.select().from(visitImports)).length];
    await expect(importHospitalExport(db, clerk, { bytes: utf8("结算单号,姓名\r\nA,B"), fileName: "bad.csv" })).rejects.toMatchObject({
      code: "HEADER_MISMATCH",
      message: expect.stringContaining("缺少列“公民身份号码”"),
    });
    await expect(importHospitalExport(db, clerk, { bytes: utf8("PK\u0003\u0004garbage"), fileName: "x.xlsx" })).rejects.toMatchObject({ code: "NOT_A_WORKBOOK" });
    expect([await count(), (await db.select().from(visitImports)).length]).toEqual([before, imports]);
  });

  test("people of another county are not found in this county's import", async () => {
    const outsider: SessionUser = { ...clerk, id: "00000000-0000-4000-8000-000000000009", regionScope: "500242" };
    const result = await importHospitalExport(handle.db, outsider, { bytes: utf8(csv([GOOD_TEKUN.map((c, i) => (i === 0 ? "OUT-1" : c))])), fileName: "x.csv" });
    expect(result.rows).toEqual([{ rowNumber: 2, externalVisitNumber: "OUT-1", outcome: "refused", column: "公民身份号码", message: "本县登记人员中没有此公民身份号码" }]);
  });
});

describe.each(BACKENDS)("opening balances on %s", (kind) => {
  let handle: DatabaseHandle;
  let clerk: SessionUser;
  let personId: string;
  const header = OPENING_BALANCE_COLUMNS.map((c) => c.header).join(",");
  const file = (...rows: string[]) => new TextEncoder().encode([header, ...rows].join("\r\n"));
  // 身份证, 姓名, 年度, 基本, 大病基数, 大病, 补充, 救助, 其中其他疾病, 倾斜, 救助起付线
  const row = (over: Partial<Record<number, string>> = {}) => Object.assign([OPENING, "罗秀英", "2024", "60000.00", "40000.00", "14000.00", "0", "95000.00", "0", "19500.00", "0"], over).join(",");

  beforeAll(async () => {
    handle = await createTestDatabase(kind, { seedDemo: true });
    const { db } = handle;
    clerk = await sessionUser(db, "clerk");
    const [p] = await db.insert(persons).values({ idNumber: OPENING, name: "罗秀英", regionCode: "500243", townshipCode: "500243001", birthDate: "1962-12-12" }).returning();
    await db.execute(sql`insert into identities (person_id, category, department_code, valid_from) values (${p!.id}, 'DIBAO', 'MINZHENG', '2023-01-01')`);
    await enrolled(db, clerk, p!.id, 2024);
    personId = p!.id;
  });
  afterAll(async () => handle?.close());

  const snapshot = async () => {
    const { db } = handle;
    const n = async (t: typeof openingBalances | typeof personYearTotals | typeof auditLog) => (await db.select({ n: sql<number>`count(*)::int` }).from(t))[0]!.n;
    return [await n(openingBalances), await n(personYearTotals), await n(auditLog)];
  };

  test("bad rows refuse the whole file with row and column; nothing written", async () => {
    const before = await snapshot();
    const outcome = await importOpeningBalances(handle.db, clerk, {
      bytes: file(row({ 3: "-1.00" }), row({ 1: "罗秀" }), row({ 2: "2031" }), row({ 8: "96000.00" })),
      fileName: "期初.csv",
      source: "原医保系统",
    });
    expect(outcome).toEqual({
      kind: "invalid",
      rowCount: 4,
      errors: [
        { rowNumber: 2, column: "基本医保已支付", message: "金额不能为负数" },
        { rowNumber: 3, column: "姓名", message: "姓名与登记信息不一致" },
        { rowNumber: 3, column: "公民身份号码", message: "同一人员同一年度在文件中重复" },
        { rowNumber: 4, column: "年度", message: expect.stringContaining("年度应为 2018–") },
        { rowNumber: 5, column: "其中其他疾病救助", message: "其中其他疾病救助不能超过医疗救助已支付" },
        { rowNumber: 5, column: "公民身份号码", message: "同一人员同一年度在文件中重复" },
      ],
    });
    expect(await snapshot()).toEqual(before);
  });

  test("imported balances count against the caps from the first settlement; a second import of the same figures changes nothing", async () => {
    const { db } = handle;
    expect(await importOpeningBalances(db, clerk, { bytes: file(row()), fileName: "期初.csv", source: "原医保系统" })).toEqual({ kind: "imported", imported: 1, unchanged: 0 });
    expect(await importOpeningBalances(db, clerk, { bytes: file(row()), fileName: "期初.csv", source: "原医保系统" })).toEqual({ kind: "imported", imported: 0, unchanged: 1 });
    const changed = await importOpeningBalances(db, clerk, { bytes: file(row({ 7: "90000.00" })), fileName: "期初.csv", source: "原医保系统" });
    expect(changed).toEqual({ kind: "invalid", rowCount: 1, errors: [{ rowNumber: 2, column: "年度", message: "该人员本年度已导入过不同的期初累计，不能覆盖" }] });
    // 95,000 of the ¥100,000 assistance limit and 19,500 of the ¥20,000 tilted limit are used already.
    const { settlementId } = await settleVisit(
      db,
      clerk,
      visitInputSchema.parse({ personId, visitDate: "2024-05-01", kind: "inpatient", hospitalLevel: "2", location: "county", referral: "not_required", specialDisease: "on", totalCost: "50000.00" }),
    );
    const [s] = await db.select().from(settlements).where(eq(settlements.id, settlementId));
    expect([s!.medicalAssistance, s!.tiltedAssistance]).toEqual(["5000.00", "500.00"]);
    expect(s!.yearToDateBefore).toMatchObject({ assistancePaid: "95000.00", tiltedPaid: "19500.00", basicPaid: "60000.00" });
  });

  test("a person-year that already has settlements cannot get a first opening balance", async () => {
    const { db } = handle;
    await enrolled(db, clerk, personId, 2023);
    await settleVisit(db, clerk, visitInputSchema.parse({ personId, visitDate: "2023-08-01", kind: "outpatient_general", hospitalLevel: "1", location: "county", referral: "not_required", totalCost: "300.00" }));
    const before = await snapshot();
    expect(await importOpeningBalances(db, clerk, { bytes: file(row({ 2: "2023" })), fileName: "x.csv", source: "原医保系统" })).toEqual({
      kind: "invalid",
      rowCount: 1,
      errors: [{ rowNumber: 2, column: "年度", message: "该人员本年度已有结算记录，期初累计须在首次结算前导入" }],
    });
    expect(await snapshot()).toEqual(before);
  });
});
