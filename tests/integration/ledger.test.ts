import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { useDatabaseForTests, type DatabaseHandle } from "@/db";
import { alerts, applications, auditLog, identities, personYearTotals, persons, settlements, visits } from "@/db/schema";
import { AuthError } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { submitApplication } from "@/lib/cases";
import { maskIdNumber } from "@/lib/registry/id-number";
import { exportPersonLedger } from "@/lib/reports/export-person-ledger";
import { getPersonLedger } from "@/lib/reports/person-ledger";
import { UserFacingError } from "@/lib/errors";
import { reverseSettlement } from "@/lib/visits/reverse-settlement";
import { visitInputSchema } from "@/lib/visits/schemas";
import { settleVisit } from "@/lib/visits/settle-visit";
import { BACKENDS, createTestDatabase } from "../support/db";
import { enrolled } from "../support/enrolment";
import { NavigationInterrupt, session } from "../support/next-mocks";
import { pengshuiId, sessionUser } from "../support/registry";

const ID = pengshuiId("1958-08-08", 41);
const NOW = new Date("2026-11-23T06:00:00Z");

const visit = (personId: string, over: Record<string, string>) =>
  visitInputSchema.parse({ personId, kind: "inpatient", hospitalLevel: "2", location: "county", referral: "not_required", outOfCatalogCost: "0.00", selfPayFirstCost: "0.00", ...over });

/** Exact sums of the ledger rows, computed here with decimal.js (independently of the SQL sums under test). */
function sumOf(rows: Array<Record<string, unknown>>, key: string): string {
  return rows.reduce((acc, r) => acc.plus(String(r[key])), new Decimal(0)).toFixed(2);
}

describe.each(BACKENDS)("person ledger (专项管理台账, P-MON-3) on %s", (kind) => {
  let handle: DatabaseHandle;
  let clerk: SessionUser;
  let supervisor: SessionUser;
  let pengshuiSupervisor: SessionUser;
  let minzheng: SessionUser;
  let personId: string;
  let otherCountyPersonId: string;
  let settled: string[];
  let reversalId: string;
  let alertBurden: string;

  beforeAll(async () => {
    handle = await createTestDatabase(kind, { seedDemo: true });
    useDatabaseForTests(handle);
    const { db } = handle;
    clerk = await sessionUser(db, "clerk");
    supervisor = await sessionUser(db, "supervisor");
    pengshuiSupervisor = await sessionUser(db, "pengshui-supervisor");
    minzheng = await sessionUser(db, "minzheng");

    // Two identities: 监测对象 (乡村振兴局) throughout, 低保 (民政局) from January to July 2024.
    const [p] = await db.insert(persons).values({ idNumber: ID, name: "冉秋菊", regionCode: "500243", townshipCode: "500243001", birthDate: "1958-08-08" }).returning();
    personId = p!.id;
    await db.insert(identities).values([
      { personId, category: "JIANCE", departmentCode: "XIANGCUN", validFrom: "2023-03-01" },
      { personId, category: "DIBAO", departmentCode: "MINZHENG", validFrom: "2024-01-10", validTo: "2024-07-01" },
    ]);
    await enrolled(db, clerk, personId, 2024);

    // Three settlements and one reversal (of the second).
    settled = [];
    for (const v of [
      // an inpatient stay while 低保, a second one reversed below, a 门诊慢特病 visit once 监测对象 again
      { visitDate: "2024-03-15", totalCost: "36000.00", outOfCatalogCost: "1500.00", hospitalName: "彭水县人民医院" },
      { visitDate: "2024-05-10", totalCost: "8000.55", outOfCatalogCost: "300.00", hospitalName: "彭水县中医院" },
      { visitDate: "2024-09-01", totalCost: "6500.00", outOfCatalogCost: "200.00", kind: "outpatient_special", hospitalLevel: "1" },
    ] as Record<string, string>[]) {
      settled.push((await settleVisit(db, clerk, visit(personId, v))).settlementId);
    }
    reversalId = (await reverseSettlement(db, clerk, { settlementId: settled[1]!, reason: "医院退费重结" })).reversalId;

    // An alert of the year and the case opened for it.
    const { id: applicationId } = await submitApplication(
      db,
      {
        applicantName: "冉秋菊", idNumber: ID, phone: "13800000000", householdSize: "2", householdAnnualIncome: "9000.00", incomeStatement: "务农", reason: "住院负担重",
        "bills.0.hospitalName": "彭水县人民医院", "bills.0.visitDate": "2024-03-15", "bills.0.totalCost": "12000.00", "bills.0.insurancePaid": "9000.00", "bills.0.selfPay": "3000.00",
      },
      { source: "window", actor: clerk },
    );
    await db.update(applications).set({ createdAt: new Date("2024-10-08T02:00:00Z") }).where(eq(applications.id, applicationId));
    // The year's burden crossed the first level (P-MON-2): settleVisit opened the alert; a case is opened for it.
    const opened = await db.select().from(alerts).where(eq(alerts.personId, personId));
    expect(opened.map((a) => [a.year, a.level])).toEqual([[2024, 1]]);
    alertBurden = opened[0]!.burden;
    await db.update(alerts).set({ state: "CASE_OPENED", applicationId }).where(eq(alerts.id, opened[0]!.id));

    // A person of another county (酉阳 500242), settled nowhere.
    const [other] = await db.insert(persons).values({ idNumber: "500242195001010017", name: "何正清", regionCode: "500242", townshipCode: "500242001", birthDate: "1950-01-01" }).returning();
    otherCountyPersonId = other!.id;
  });
  afterAll(async () => {
    useDatabaseForTests(undefined);
    await handle?.close();
  });

  const ledgerAudits = async () =>
    handle.db.select().from(auditLog).where(sql`${auditLog.action} in ('ledger.read', 'ledger.export')`).orderBy(asc(auditLog.id));

  test("every entry of the year, reversal shown as such; totals equal the sums of the ledger rows to the fen", async () => {
    const { db } = handle;
    const ledger = await getPersonLedger(db, clerk, { personId, year: 2024 }, { now: NOW });
    const rows = await db
      .select({ settlement: settlements, outOfCatalog: visits.outOfCatalogCost })
      .from(settlements)
      .innerJoin(visits, eq(visits.id, settlements.visitId))
      .where(and(eq(settlements.personId, personId), eq(settlements.year, 2024)));
    expect(rows).toHaveLength(4);

    expect(ledger.entries.map((e) => [e.visitDate, e.entryType])).toEqual([
      ["2024-03-15", "settlement"],
      ["2024-05-10", "settlement"],
      ["2024-05-10", "reversal"],
      ["2024-09-01", "settlement"],
    ]);
    const reversal = ledger.entries[2]!;
    expect(reversal).toMatchObject({ id: reversalId, reversesId: settled[1], reason: "医院退费重结", outOfCatalogCost: "-300.00", totalCost: "-8000.55" });
    expect(ledger.entries[1]!.reversedById).toBe(reversalId);
    expect(ledger.entries[0]).toMatchObject({ hospitalName: "彭水县人民医院", kind: "inpatient", category: "DIBAO", totalCost: "36000.00", outOfCatalogCost: "1500.00" });
    expect(ledger.entries[3]).toMatchObject({ kind: "outpatient_special", category: "JIANCE" });

    const plain = rows.map((r) => r.settlement as unknown as Record<string, unknown>);
    const expected = {
      totalCost: sumOf(plain, "totalCost"),
      policyRangeCost: sumOf(plain, "policyRangeCost"),
      basicInsurance: sumOf(plain, "basicInsurance"),
      criticalIllnessInsurance: sumOf(plain, "criticalIllnessInsurance"),
      supplementaryInsurance: sumOf(plain, "supplementaryInsurance"),
      medicalAssistance: sumOf(plain, "medicalAssistance"),
      tiltedAssistance: sumOf(plain, "tiltedAssistance"),
      outOfPocket: sumOf(plain, "outOfPocket"),
      outOfCatalogCost: rows.reduce((acc, r) => (r.settlement.entryType === "reversal" ? acc.minus(r.outOfCatalog) : acc.plus(r.outOfCatalog)), new Decimal(0)).toFixed(2),
    };
    expect(ledger.totals).toEqual({ ...expected, settlements: 3, reversals: 1 });
    // The reversed visit nets out: the totals are those of the first and third settlements.
    expect(ledger.totals.totalCost).toBe("42500.00");
    expect(ledger.totals.outOfCatalogCost).toBe("1700.00");
    for (const tier of ["basicInsurance", "criticalIllnessInsurance", "medicalAssistance", "outOfPocket"] as const) expect(new Decimal(ledger.totals[tier]).gt(0)).toBe(true);
  });

  test("category history of the year with departments, enrolment, alerts and applications; the ID number masked", async () => {
    const ledger = await getPersonLedger(handle.db, clerk, { personId, year: 2024 }, { now: NOW });
    expect(ledger.person).toMatchObject({ name: "冉秋菊", maskedIdNumber: maskIdNumber(ID), regionCode: "500243" });
    expect(JSON.stringify(ledger)).not.toContain(ID);
    expect(ledger.identities.map((i) => [i.category, i.department, i.validFrom, i.validTo])).toEqual([
      ["JIANCE", "XIANGCUN", "2023-03-01", null],
      ["DIBAO", "MINZHENG", "2024-01-10", "2024-07-01"],
    ]);
    // 就高不重复: 低保 outranks 监测对象 while both hold.
    expect(ledger.timeline.map((t) => [t.from, t.to, t.category, t.department])).toEqual([
      ["2023-03-01", "2024-01-10", "JIANCE", "XIANGCUN"],
      ["2024-01-10", "2024-07-01", "DIBAO", "MINZHENG"],
      ["2024-07-01", null, "JIANCE", "XIANGCUN"],
    ]);
    expect(ledger.enrolment).toMatchObject({ insuranceTier: 1, coverageFrom: "2024-01-01", individualContribution: "380.00", onRoster: false });
    expect(ledger.alerts).toHaveLength(1);
    expect(ledger.alerts[0]).toMatchObject({ level: 1, burden: alertBurden, stateLabel: "已发起救助" });
    expect(ledger.applications).toHaveLength(1);
    expect(ledger.applications[0]!.number).toBe(ledger.alerts[0]!.applicationNumber);
    expect(ledger.applications[0]).toMatchObject({ stateLabel: "已提交", sourceLabel: "窗口申请" });
    // Without a year: the latest year with an entry; the chooser lists the years with records and this year.
    const byDefault = await getPersonLedger(handle.db, clerk, { personId }, { now: NOW });
    expect(byDefault.year).toBe(2024);
    expect(byDefault.years).toEqual([2026, 2024]);
    // Another year is empty, not an error.
    const empty = await getPersonLedger(handle.db, clerk, { personId, year: 2023 }, { now: NOW });
    expect(empty).toMatchObject({ entries: [], enrolment: null, alerts: [], applications: [] });
    expect(empty.totals).toMatchObject({ totalCost: "0.00", outOfPocket: "0.00", settlements: 0, reversals: 0 });
  });

  test("accumulators against the engine's caps, with the exact remaining amounts and the opening balance noted", async () => {
    const { db } = handle;
    const ledger = await getPersonLedger(db, clerk, { personId, year: 2024 }, { now: NOW });
    const [ytd] = await db.select().from(personYearTotals).where(and(eq(personYearTotals.personId, personId), eq(personYearTotals.year, 2024)));
    // Caps on 31 December 2024 under 彭水 2023; the person is 监测对象 that day, so 大病保险 keeps its cap.
    expect(ledger.policy).toMatchObject({ code: "pengshui-2023", capDate: "2024-12-31", categoryOnCapDate: "JIANCE" });
    const byField = Object.fromEntries(ledger.accumulators.map((a) => [a.field, a]));
    const remaining = (cap: string, paid: string) => Decimal.max(new Decimal(cap).minus(paid), 0).toFixed(2);
    expect(byField.basicPaid).toMatchObject({ paid: ytd!.basicPaid, capKey: "basic.annualCap.tier1", cap: "80000.00", remaining: remaining("80000.00", ytd!.basicPaid), exampleValue: true, opening: null });
    expect(byField.criticalPaid).toMatchObject({ paid: ytd!.criticalPaid, capKey: "critical.annualCap", cap: "400000.00", remaining: remaining("400000.00", ytd!.criticalPaid) });
    expect(byField.assistancePaid).toMatchObject({ paid: ytd!.assistancePaid, capKey: "assistance.annualLimit", cap: "100000.00", remaining: remaining("100000.00", ytd!.assistancePaid), exampleValue: false });
    expect(byField.assistanceOtherDiseasePaid).toMatchObject({ cap: "60000.00", remaining: remaining("60000.00", ytd!.assistanceOtherDiseasePaid) });
    expect(byField.tiltedPaid).toMatchObject({ paid: ytd!.tiltedPaid, cap: "20000.00", remaining: remaining("20000.00", ytd!.tiltedPaid) });
    expect(byField.criticalBase).toMatchObject({ paid: ytd!.criticalBase, capKey: null, cap: null, remaining: null });
    expect(byField.supplementaryPaid).toBeUndefined(); // 彭水 has no supplementary insurance tier
    // No opening balance: each accumulator is exactly the sum of the year's entries.
    expect(byField.basicPaid!.paid).toBe(ledger.totals.basicInsurance);
    expect(byField.criticalPaid!.paid).toBe(ledger.totals.criticalIllnessInsurance);
    expect(byField.assistancePaid!.paid).toBe(ledger.totals.medicalAssistance);
    expect(byField.tiltedPaid!.paid).toBe(ledger.totals.tiltedAssistance);

    // A 低保 person on the cap date: 大病保险 has no cap for that category (彭水 P-CRIT-3).
    const june = await getPersonLedger(db, clerk, { personId, year: 2024 }, { now: new Date("2024-06-15T04:00:00Z") });
    expect(june.policy).toMatchObject({ capDate: "2024-06-15", categoryOnCapDate: "DIBAO" });
    expect(june.accumulators.find((a) => a.field === "criticalPaid")).toMatchObject({ cap: null, remaining: null, noCapReason: "本类别大病保险不设封顶线", ruleId: "P-CRIT-3", exampleValue: false });

    // An opening balance is shown beside the accumulator that includes it.
    const [p2] = await db.insert(persons).values({ idNumber: pengshuiId("1961-01-01", 52), name: "任大川", regionCode: "500243", townshipCode: "500243001", birthDate: "1961-01-01" }).returning();
    const ob = { basicPaid: "79000.00", criticalBase: "0.00", criticalPaid: "0.00", supplementaryPaid: "0.00", assistancePaid: "1234.56", assistanceOtherDiseasePaid: "0.00", tiltedPaid: "0.00", assistanceDeductibleMet: "0.00" };
    await db.execute(sql`insert into opening_balances (person_id, year, region_code, basic_paid, critical_base, critical_paid, supplementary_paid, assistance_paid, assistance_other_disease_paid, tilted_paid, assistance_deductible_met, source, imported_by)
      values (${p2!.id}, 2024, '500243', ${ob.basicPaid}, 0, 0, 0, ${ob.assistancePaid}, 0, 0, 0, '原系统导出', ${clerk.id})`);
    await db.insert(personYearTotals).values({ personId: p2!.id, year: 2024, ...ob });
    const withOpening = await getPersonLedger(db, clerk, { personId: p2!.id, year: 2024 }, { now: NOW });
    expect(withOpening.openingSource).toBe("原系统导出");
    expect(withOpening.accumulators.find((a) => a.field === "basicPaid")).toMatchObject({ paid: "79000.00", opening: "79000.00", cap: null, noCapReason: "本年度未参保，无基本医保限额" });
    expect(withOpening.accumulators.find((a) => a.field === "assistancePaid")).toMatchObject({ paid: "1234.56", opening: "1234.56", cap: "100000.00", remaining: "98765.44" });
  });

  test("a supervisor's read is audited (person id and year, no personal data); a clerk's read is not", async () => {
    const { db } = handle;
    const before = (await ledgerAudits()).length;
    await getPersonLedger(db, clerk, { personId, year: 2024 });
    expect((await ledgerAudits()).length).toBe(before);

    await getPersonLedger(db, supervisor, { personId, year: 2024 });
    const after = await ledgerAudits();
    expect(after.length).toBe(before + 1);
    const entry = after.at(-1)!;
    expect(entry).toMatchObject({ action: "ledger.read", actorUserId: supervisor.id, actorRole: "supervisor", actorScope: "50", targetType: "person", targetId: personId, details: { year: 2024 } });
    expect(JSON.stringify(entry)).not.toContain(ID);
    expect(JSON.stringify(entry)).not.toContain("冉秋菊");
  });

  test("scope: 彭水 users see the 彭水 person, another county's person is 404 for them and visible to the city supervisor", async () => {
    const { db } = handle;
    const status = async (actor: SessionUser, id: string) => {
      try {
        await getPersonLedger(db, actor, { personId: id, year: 2024 });
        return 200;
      } catch (error) {
        if (error instanceof AuthError) return error.status;
        throw error;
      }
    };
    expect(await status(pengshuiSupervisor, personId)).toBe(200);
    expect(await status(pengshuiSupervisor, otherCountyPersonId)).toBe(404);
    expect(await status(clerk, otherCountyPersonId)).toBe(404);
    expect(await status(supervisor, otherCountyPersonId)).toBe(200);
    expect(await status(supervisor, personId)).toBe(200);
    expect(await status(minzheng, personId)).toBe(403);
    expect(await status(clerk, "00000000-0000-4000-8000-000000000000")).toBe(404);
    // A refused read writes no audit entry.
    const audits = (await ledgerAudits()).filter((a) => a.targetId === otherCountyPersonId);
    expect(audits.map((a) => a.actorUserId)).toEqual([supervisor.id]);
    // A bad year is refused with the field named.
    await expect(getPersonLedger(db, clerk, { personId, year: "24" })).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { year: "年度须在2000年至2100年之间" } });
    await expect(getPersonLedger(db, clerk, { personId, year: "abc" })).rejects.toBeInstanceOf(UserFacingError);
  });

  test("the XLSX export holds the same totals, money as two-decimal numbers, the ID masked; a supervisor's export is audited", async () => {
    const { db } = handle;
    const ledger = await getPersonLedger(db, clerk, { personId, year: 2024 }, { now: NOW });
    const before = (await ledgerAudits()).length;
    const clerkFile = await exportPersonLedger(db, clerk, { personId, year: 2024 });
    expect((await ledgerAudits()).length).toBe(before);
    const file = await exportPersonLedger(db, supervisor, { personId, year: "2024" });
    const audits = await ledgerAudits();
    expect(audits.length).toBe(before + 1);
    expect(audits.at(-1)).toMatchObject({ action: "ledger.export", targetId: personId, details: { year: 2024 } });
    expect(file.fileName).toBe(`专项管理台账-2024-${personId.slice(0, 8)}.xlsx`);
    expect(clerkFile.bytes.length).toBeGreaterThan(0);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["台账", "参保资助", "就诊结算", "累计与限额", "预警与救助申请"]);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    expect(cells).toContain(maskIdNumber(ID));
    expect(cells.join("|")).not.toContain(ID);

    const entries = workbook.getWorksheet("就诊结算")!;
    expect(entries.getRow(1).values).toEqual([undefined, "序号", "就诊日期", "记账类型", "就诊类型", "医院", "总费用（元）", "政策范围内费用（元）", "目录外费用（元）", "基本医保（元）", "大病保险（元）", "补充医疗保险（元）", "医疗救助（元）", "倾斜救助（元）", "个人自付（元）", "适用类别", "备注"]);
    expect(entries.rowCount).toBe(1 + 4 + 1);
    expect(entries.getRow(4).getCell(3).value).toBe("冲销");
    expect(entries.getRow(4).getCell(6).value).toBe(-8000.55);
    const total = entries.getRow(6);
    expect(total.getCell(1).value).toBe("合计");
    const t = ledger.totals;
    const amounts = [t.totalCost, t.policyRangeCost, t.outOfCatalogCost, t.basicInsurance, t.criticalIllnessInsurance, t.supplementaryInsurance, t.medicalAssistance, t.tiltedAssistance, t.outOfPocket];
    amounts.forEach((amount, i) => {
      const cell = total.getCell(6 + i);
      expect(cell.value).toBe(Number(amount));
      expect((cell.value as number).toFixed(2)).toBe(amount);
      expect(cell.numFmt).toBe("#,##0.00");
    });

    const caps = workbook.getWorksheet("累计与限额")!;
    const basic = ledger.accumulators.find((a) => a.field === "basicPaid")!;
    const basicRow = caps.getRows(1, caps.rowCount)!.find((r) => r.getCell(1).value === basic.label)!;
    expect([basicRow.getCell(2).value, basicRow.getCell(4).value, basicRow.getCell(5).value]).toEqual([Number(basic.paid), 80000, Number(basic.remaining)]);
  });

  test("the pages render the ledger (county and supervisor) and the XLSX route answers for the right readers", async () => {
    const countyPage = (await import("@/app/county/persons/[id]/ledger/page")).default;
    const supervisorPage = (await import("@/app/supervisor/persons/[id]/ledger/page")).default;
    const props = (year?: string) => ({ params: Promise.resolve({ id: personId }), searchParams: Promise.resolve(year ? { year } : {}) });

    session.user = clerk;
    const html = renderToStaticMarkup((await countyPage(props("2024"))) as ReactElement);
    const ledger = await getPersonLedger(handle.db, clerk, { personId, year: 2024 });
    expect(html).toContain("冉秋菊 · 2024年度专项管理台账");
    expect(html).toContain(maskIdNumber(ID));
    expect(html).not.toContain(ID);
    expect(html).toContain(`¥${new Intl.NumberFormat("en-US", { minimumFractionDigits: 2 }).format(Number(ledger.totals.totalCost))}`);
    expect(html).toContain("2024年3月15日");
    expect(html).toContain("冲销");
    expect(html).toContain(`/api/v1/ledgers/${personId}?year=2024`);
    expect(html).toContain(`/county/settlements/${settled[0]}`);

    session.user = supervisor;
    const supervisorHtml = renderToStaticMarkup((await supervisorPage(props())) as ReactElement);
    expect(supervisorHtml).toContain("2024年度专项管理台账");
    expect(supervisorHtml).not.toContain("/county/settlements/");
    // A bad year or id is the 404 page; another county's person too (for 彭水 users).
    await expect(supervisorPage(props("abc"))).rejects.toMatchObject({ kind: "notFound" });
    session.user = pengshuiSupervisor;
    await expect(supervisorPage({ params: Promise.resolve({ id: otherCountyPersonId }), searchParams: Promise.resolve({}) })).rejects.toBeInstanceOf(NavigationInterrupt);

    const { GET } = await import("@/app/api/v1/ledgers/[personId]/route");
    const call = (id: string, year = "2024") => GET(new Request(`http://x/api/v1/ledgers/${id}?year=${year}`), { params: Promise.resolve({ personId: id }) });
    session.user = supervisor;
    const ok = await call(otherCountyPersonId);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    session.user = pengshuiSupervisor;
    expect((await call(otherCountyPersonId)).status).toBe(404);
    session.user = clerk;
    const bad = await call(personId, "20x4");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fieldErrors).toHaveProperty("year");
    expect((await call("not-a-uuid")).status).toBe(404);
    session.user = null;
  });
});
