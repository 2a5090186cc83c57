import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import { useDatabaseForTests, type DatabaseHandle } from "@/db";
import { executeRows } from "@/db/client";
import { regions } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/types";
import { runSettlementJob } from "@/lib/bulk-settlement/run-job";
import { stageSettlementJob } from "@/lib/bulk-settlement/stage-job";
import { staffNavFor } from "@/lib/auth/navigation";
import { dashboardData, getDashboard } from "@/lib/reports/dashboard";
import { getDispatchReport } from "@/lib/reports/dispatch-report";
import { countyOverview, monthlyTrend, splitByCategory, splitByTier, splitByTownship } from "@/lib/reports/trends";
import { PAYMENT_TIERS } from "@/lib/settlement/labels";
import { reverseSettlement } from "@/lib/visits/reverse-settlement";
import { loadSyntheticCounty, syntheticVisits } from "../../scripts/support/synthetic-county";
import { BACKENDS, createTestDatabase } from "../support/db";
import { NavigationInterrupt, session } from "../support/next-mocks";
import { sessionUser } from "../support/registry";

const YEAR = 2025;
const MONTH = "2025-06";
const MONTHS = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, "0")}`);

type Row = Record<string, string>;
const COLUMNS = {
  totalCost: "total_cost",
  policyRangeCost: "policy_range_cost",
  basicInsurance: "basic_insurance",
  criticalIllnessInsurance: "critical_illness_insurance",
  supplementaryInsurance: "supplementary_insurance",
  medicalAssistance: "medical_assistance",
  tiltedAssistance: "tilted_assistance",
  outOfPocket: "out_of_pocket",
} as const;

/** The ledger's rows, summed in JavaScript with decimal.js: the independent side of every comparison. */
function sums(rows: Row[]) {
  const out: Record<string, string> & { visits: number } = { visits: rows.reduce((n, r) => n + (r.entry_type === "settlement" ? 1 : -1), 0) } as never;
  for (const [key, column] of Object.entries(COLUMNS)) out[key] = rows.reduce((acc, r) => acc.plus(r[column]!), new Decimal(0)).toFixed(2);
  out.outOfCatalogCost = rows.reduce((acc, r) => acc.plus(new Decimal(r.out_of_catalog_cost!).times(r.entry_type === "settlement" ? 1 : -1)), new Decimal(0)).toFixed(2);
  const base = new Decimal(out.policyRangeCost!).minus(out.basicInsurance!).minus(out.criticalIllnessInsurance!).minus(out.supplementaryInsurance!);
  const assistance = new Decimal(out.medicalAssistance!).plus(out.tiltedAssistance!);
  out.assistance = assistance.toFixed(2);
  out.assistanceShare = base.isZero() ? (null as never) : assistance.div(base).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
  return out;
}
const pick = (totals: object) => ((t: Record<string, unknown>) => ({
  visits: t.visits,
  ...Object.fromEntries([...Object.keys(COLUMNS), "outOfCatalogCost", "assistance", "assistanceShare"].map((k) => [k, t[k]])),
}))(totals as Record<string, unknown>);

test("the menu: 调度报表 for county staff only (supervisors reach reports from their dashboard)", () => {
  const hrefs = (role: Parameters<typeof staffNavFor>[0]) => staffNavFor(role).map((i) => i.href);
  expect(hrefs("county_clerk")).toContain("/county/reports");
  expect(hrefs("county_admin")).toContain("/county/reports");
  expect(hrefs("supervisor")).toEqual(["/supervisor"]);
  expect(hrefs("department")).not.toContain("/county/reports");
});

describe.each(BACKENDS)("dashboard trends and splits on %s", (kind) => {
  let handle: DatabaseHandle;
  let clerk: SessionUser;
  let ledger: Row[];
  const city = (): SessionUser => ({ ...clerk, role: "supervisor", regionScope: "50", departmentCode: null });
  const pengshuiSupervisor = (): SessionUser => ({ ...clerk, role: "supervisor", regionScope: "500243", departmentCode: null });
  const wenzhou = (): SessionUser => ({ ...clerk, role: "supervisor", regionScope: "33", departmentCode: null });

  beforeAll(async () => {
    handle = await createTestDatabase(kind, { seedDemo: true });
    useDatabaseForTests(handle);
    const { db } = handle;
    clerk = await sessionUser(db, "clerk");
    const ids = await loadSyntheticCounty(db, clerk, { persons: 1_000, year: YEAR, seed: 11 });
    const job = await stageSettlementJob(db, clerk, { label: "trends", visits: syntheticVisits(ids, { count: 2_000, year: YEAR, seed: 11 }) });
    await runSettlementJob(db, clerk, job.id, { batchSize: 1_000 });
    const june = await executeRows<{ id: string }>(db, sql`select s.id from settlements s join visits v on v.id = s.visit_id where to_char(v.visit_date, 'YYYY-MM') = ${MONTH} order by s.id limit 3`);
    for (const s of june) await reverseSettlement(db, clerk, { settlementId: s.id, reason: "测试冲销" });
    // Another Chongqing county (酉阳) and a county of 温州 (33) with a month's totals of their own.
    await db.insert(regions).values({ code: "330302", name: "鹿城区", parentCode: "330300", level: "county" }).onConflictDoNothing();
    for (const [region, township, cost] of [["500242", "500242100", "1000.00"], ["330302", "330302001", "777.00"]] as const) {
      await db.execute(sql`insert into settlement_month_totals values (${region}, ${MONTH}, ${township}, 'DIBAO', 2, ${cost}, 0, 0, ${cost}, 500, 100, 0, 300, 0, ${new Decimal(cost).minus(900).toFixed(2)})`);
    }
    ledger = await executeRows<Row>(
      db,
      sql`select s.entry_type, to_char(v.visit_date, 'YYYY-MM') as month, s.resolved_category::text as category, p.township_code,
                 ${sql.raw(Object.values(COLUMNS).map((c) => `s.${c}::text`).join(", "))}, v.out_of_catalog_cost::text
          from settlements s join visits v on v.id = s.visit_id join persons p on p.id = s.person_id where s.region_code = '500243'`,
    );
  }, 240_000);
  afterAll(async () => {
    useDatabaseForTests(undefined);
    await handle?.close();
  });

  test("the monthly trend equals the ledger's rows summed per month, every month present", async () => {
    const trend = await monthlyTrend(handle.db, clerk, { regionCodes: ["500243"], months: [...MONTHS].reverse() });
    expect(trend.map((t) => t.month)).toEqual(MONTHS);
    // Every settlement counts +1 and each of the 3 reversals −1.
    expect(ledger.filter((r) => r.entry_type !== "settlement")).toHaveLength(3);
    expect(trend.reduce((n, t) => n + t.visits, 0)).toBe(ledger.length - 2 * 3);
    for (const t of trend) expect(pick(t)).toEqual(pick(sums(ledger.filter((r) => r.month === t.month))));
    // A month with nothing settled is present with zeros.
    const [empty] = await monthlyTrend(handle.db, clerk, { regionCodes: ["500243"], months: ["2024-01"] });
    expect(empty).toMatchObject({ month: "2024-01", visits: 0, totalCost: "0.00", assistanceShare: null, targetedAssistanceShare: null });
  });

  test("the share held to the 70% target counts only 特困、低保、返贫致贫", async () => {
    const [june] = await monthlyTrend(handle.db, clerk, { regionCodes: ["500243"], months: [MONTH] });
    const targeted = sums(ledger.filter((r) => r.month === MONTH && ["TEKUN", "DIBAO", "FANPIN"].includes(r.category!)));
    expect(june!.targetedAssistanceShare).toBe(targeted.assistanceShare);
    expect(june!.targetedAssistanceShare).not.toBe(june!.assistanceShare);
  });

  test("the split by tier, by category and by township equal the ledger's rows of the month", async () => {
    const { db } = handle;
    const month = ledger.filter((r) => r.month === MONTH);
    const all = sums(month);
    const tiers = await splitByTier(db, clerk, { regionCodes: ["500243"], months: [MONTH] });
    expect(tiers.map((t) => t.tier)).toEqual([...PAYMENT_TIERS]);
    for (const t of tiers) expect([t.tier, t.amount]).toEqual([t.tier, all[t.tier]]);
    // The tiers share the total cost between them.
    expect(tiers.reduce((acc, t) => acc.plus(t.amount), new Decimal(0)).toFixed(2)).toBe(all.totalCost);

    const categories = await splitByCategory(db, clerk, { regionCodes: ["500243"], months: [MONTH] });
    expect(categories.map((c) => c.category).sort()).toEqual([...new Set(month.map((r) => r.category!))].sort());
    for (const c of categories) {
      expect(pick(c)).toEqual(pick(sums(month.filter((r) => r.category === c.category))));
      expect(c.targeted).toBe(["TEKUN", "DIBAO", "FANPIN"].includes(c.category));
    }

    const townships = await splitByTownship(db, clerk, { regionCode: "500243", months: [MONTH] });
    const names = await executeRows<{ code: string; name: string }>(db, sql`select code, name from regions where parent_code = '500243' and level = 'township' order by code`);
    expect(townships.map((t) => [t.townshipCode, t.townshipName])).toEqual(names.map((n) => [n.code, n.name]));
    for (const t of townships) expect(pick(t)).toEqual(pick(sums(month.filter((r) => r.township_code === t.townshipCode))));
    expect(townships.some((t) => t.visits === 0 && t.totalCost === "0.00")).toBe(true);
    expect(townships.reduce((acc, t) => acc.plus(t.totalCost), new Decimal(0)).toFixed(2)).toBe(all.totalCost);
  });

  test("a city supervisor sees every county of 50 side by side (zeros included) and nothing of 33", async () => {
    const { db } = handle;
    const overview = await countyOverview(db, city(), { month: MONTH });
    const counties = await executeRows<{ code: string }>(db, sql`select code from regions where level = 'county' and code like '50%' order by code`);
    expect(overview.map((c) => c.regionCode)).toEqual(counties.map((c) => c.code));
    expect(overview).toHaveLength(38);
    expect(overview.some((c) => c.regionCode.startsWith("33"))).toBe(false);
    expect(pick(overview.find((c) => c.regionCode === "500243")!)).toEqual(pick(sums(ledger.filter((r) => r.month === MONTH))));
    expect(overview.find((c) => c.regionCode === "500242")).toMatchObject({ regionName: "酉阳土家族苗族自治县", visits: 2, totalCost: "1000.00", medicalAssistance: "300.00", outOfPocket: "100.00" });
    expect(overview.find((c) => c.regionCode === "500101")).toMatchObject({ visits: 0, totalCost: "0.00", assistanceShare: null });
    // The trend over the whole city scope adds 彭水 and 酉阳, never 温州.
    const codes = counties.map((c) => c.code);
    const [june] = await monthlyTrend(db, city(), { regionCodes: codes, months: [MONTH] });
    expect(june!.totalCost).toBe(new Decimal(sums(ledger.filter((r) => r.month === MONTH)).totalCost!).plus("1000.00").toFixed(2));
    // 温州's supervisor sees 鹿城区 only.
    expect((await countyOverview(db, wenzhou(), { month: MONTH })).map((c) => [c.regionCode, c.totalCost])).toEqual([["330302", "777.00"]]);
    await expect(monthlyTrend(db, city(), { regionCodes: ["330302"], months: [MONTH] })).rejects.toMatchObject({ status: 404 });
  });

  test("a 彭水 supervisor cannot read another county (404); a department user holds no report.read (403)", async () => {
    const { db } = handle;
    const ps = pengshuiSupervisor();
    await expect(monthlyTrend(db, ps, { regionCodes: ["500243", "500242"], months: [MONTH] })).rejects.toMatchObject({ status: 404 });
    await expect(splitByTier(db, ps, { regionCodes: ["500242"], months: [MONTH] })).rejects.toMatchObject({ status: 404 });
    await expect(splitByCategory(db, ps, { regionCodes: ["500242"], months: [MONTH] })).rejects.toMatchObject({ status: 404 });
    await expect(splitByTownship(db, ps, { regionCode: "500242", months: [MONTH] })).rejects.toMatchObject({ status: 404 });
    await expect(getDispatchReport(db, ps, { regionCode: "500242", month: MONTH })).rejects.toMatchObject({ status: 404 });
    await expect(getDashboard(db, ps, { month: MONTH, county: "500242" })).rejects.toMatchObject({ status: 404 });
    expect((await countyOverview(db, ps, { month: MONTH })).map((c) => c.regionCode)).toEqual(["500243"]);
    const youyangClerk: SessionUser = { ...clerk, regionScope: "500242" };
    await expect(splitByTownship(db, youyangClerk, { regionCode: "500243", months: [MONTH] })).rejects.toMatchObject({ status: 404 });
    const department = await sessionUser(db, "minzheng");
    await expect(monthlyTrend(db, department, { regionCodes: ["500243"], months: [MONTH] })).rejects.toMatchObject({ status: 403 });
    await expect(countyOverview(db, department, { month: MONTH })).rejects.toMatchObject({ status: 403 });
    await expect(monthlyTrend(db, clerk, { regionCodes: ["500243"], months: ["2025-13"] })).rejects.toThrow("月份格式");
  });

  test("the dashboard narrows a city scope to one county; the 彭水 supervisor's dashboard is 彭水's with townships", async () => {
    const { db } = handle;
    const whole = await getDashboard(db, city(), { month: MONTH });
    expect(whole).toMatchObject({ scopeName: "重庆市", label: "重庆市", county: null, townships: null });
    expect(whole.overview).toHaveLength(38);
    expect(whole.trend.map((t) => t.month)).toEqual(["2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12", ...MONTHS.slice(0, 6)]);
    const one = await getDashboard(db, city(), { month: MONTH, county: "500243" });
    expect(one).toMatchObject({ label: "彭水苗族土家族自治县", county: { code: "500243" }, overview: null });
    expect(one.townships!.length).toBeGreaterThan(10);
    // What the page sends to the browser: each row cut to the figures it draws, values unchanged.
    const sent = dashboardData(one);
    const drawn = ["visits", "totalCost", ...PAYMENT_TIERS, "assistance", "targetedAssistanceShare"];
    expect(Object.keys(sent.townships![0]!).sort()).toEqual(["townshipCode", "townshipName", ...drawn].sort());
    expect(sent.trend).toEqual(one.trend.map((t) => Object.fromEntries(Object.entries(t).filter(([k]) => k === "month" || drawn.includes(k)))));
    expect(sent.counties).toEqual(one.counties.map((c) => ({ code: c.code, name: c.name })));
    const own = await getDashboard(db, pengshuiSupervisor(), { month: MONTH });
    expect(own.county?.code).toBe("500243");
    expect(own.trend.at(-1)!.totalCost).toBe(sums(ledger.filter((r) => r.month === MONTH)).totalCost);
  });

  test("the dispatch report workbook holds the report's figures, as numbers with two decimals", async () => {
    const { GET } = await import("@/app/api/v1/reports/dispatch/route");
    session.user = pengshuiSupervisor();
    const response = await GET(new Request(`http://x/api/v1/reports/dispatch?region=500243&month=${MONTH}`), undefined);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain(encodeURIComponent("调度报表"));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet("调度报表")!;
    expect(String(sheet.getCell("A1").value)).toBe("彭水苗族土家族自治县三重保障调度报表（2025年6月）");
    const byLabel = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row) => byLabel.set(String(row.getCell(1).value).trim(), row));
    const report = await getDispatchReport(handle.db, pengshuiSupervisor(), { regionCode: "500243", month: MONTH });
    const value = (label: string) => byLabel.get(label)!.getCell(2);
    expect(value("医疗总费用").value).toBe(Number(report.visits.totalCost));
    expect(value("医疗总费用").numFmt).toBe("#,##0.00");
    expect(new Decimal(value("医疗总费用").value as number).toFixed(2)).toBe(report.visits.totalCost);
    expect(value("就诊人次").value).toBe(report.visits.visits);
    expect(value("基本医保").value).toBe(Number(report.visits.basicInsurance));
    expect(value("医疗救助").value).toBe(Number(report.visits.medicalAssistance));
    expect(value("个人自付").value).toBe(Number(report.visits.outOfPocket));
    expect(value("困难群众登记人数（就高不重复）").value).toBe(report.persons.total);
    expect(value("参保率").value).toBe(Number(report.enrolment.rate));
    expect(byLabel.get("参保率")!.getCell(3).value).toBe("≥ 100%");
    expect(byLabel.get("参保率")!.getCell(4).value).toBe("达标");
    const dibao = report.byCategory.find((c) => c.category === "DIBAO")!;
    const dibaoRow = byLabel.get("低保对象")!;
    expect([dibaoRow.getCell(2).value, dibaoRow.getCell(3).value, dibaoRow.getCell(4).value, dibaoRow.getCell(6).value]).toEqual([
      Number(dibao.share),
      "≥ 70%",
      dibao.met ? "达标" : "未达标",
      Number(dibao.totalCost),
    ]);
    // The categories' total costs add up to the month's.
    const categoryTotal = report.byCategory.reduce((acc, c) => acc.plus(c.totalCost), new Decimal(0)).toFixed(2);
    expect(categoryTotal).toBe(report.visits.totalCost);
  });

  test("the workbook routes refuse other counties (404) and name a wrong field (400)", async () => {
    const { GET } = await import("@/app/api/v1/reports/dispatch/route");
    session.user = pengshuiSupervisor();
    expect((await GET(new Request(`http://x/?region=500242&month=${MONTH}`), undefined)).status).toBe(404);
    const bad = await GET(new Request(`http://x/?region=500243&month=2025-6`), undefined);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fieldErrors).toEqual({ month: "月份格式应为 YYYY-MM" });
    const dashboard = (await import("@/app/api/v1/reports/dashboard/route")).GET;
    expect((await dashboard(new Request(`http://x/?month=${MONTH}&county=500242`), undefined)).status).toBe(404);
    session.user = city();
    const ok = await dashboard(new Request(`http://x/?month=${MONTH}`), undefined);
    expect(ok.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await ok.arrayBuffer()) as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["按月趋势", "按制度", "按类别", "各区县"]);
    const counties = workbook.getWorksheet("各区县")!;
    expect(counties.rowCount).toBe(2 + 38);
    const youyang = counties.getRows(3, 38)!.find((r) => r.getCell(1).value === "酉阳土家族苗族自治县")!;
    expect([youyang.getCell(2).value, youyang.getCell(3).value]).toEqual([2, 1000]);
  });

  test("the pages: a 彭水 supervisor asking for 酉阳's report or dashboard gets the 404 page", async () => {
    const report = (await import("@/app/supervisor/reports/[regionCode]/page")).default;
    const home = (await import("@/app/supervisor/page")).default;
    session.user = pengshuiSupervisor();
    const call = async (run: () => Promise<unknown>) => {
      try {
        await run();
        return "allow";
      } catch (error) {
        if (error instanceof NavigationInterrupt) return error.kind;
        throw error;
      }
    };
    expect(await call(() => report({ params: Promise.resolve({ regionCode: "500242" }), searchParams: Promise.resolve({ month: MONTH }) }))).toBe("notFound");
    expect(await call(() => report({ params: Promise.resolve({ regionCode: "500243" }), searchParams: Promise.resolve({ month: MONTH }) }))).toBe("allow");
    expect(await call(() => home({ searchParams: Promise.resolve({ county: "500242" }) }))).toBe("notFound");
    expect(await call(() => home({ searchParams: Promise.resolve({ county: "500243" }) }))).toBe("allow");
    session.user = city();
    expect(await call(() => report({ params: Promise.resolve({ regionCode: "330302" }), searchParams: Promise.resolve({}) }))).toBe("notFound");
    expect(await call(() => report({ params: Promise.resolve({ regionCode: "500242" }), searchParams: Promise.resolve({}) }))).toBe("allow");
    expect(await call(() => home({ searchParams: Promise.resolve({ county: "500242" }) }))).toBe("allow");
  });
});
