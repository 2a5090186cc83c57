import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { idCheckDigit } from "../lib/registry/id-number";
import { monthLabel, monthOf, recentMonths } from "../lib/registry/months";
import { encodeListCsv, type ListCells } from "../lib/registry/synthetic";
import { ARTIFACTS, signInAs } from "./support";

// W8 end to end: 民政 sends a list (its own month, so it does not disturb the other specs), the
// clerk reconciles, enrols two people and settles a large inpatient visit for one (which opens a
// high-cost alert) and a small one for the other, in this month; the county reads its dispatch
// report; the city supervisor opens the dashboard, 彭水's report, exports it, and follows the
// alert to the person's ledger.
test.describe.configure({ mode: "serial" });

const id = (birth: string, serial: number) => {
  const first17 = `500243${birth}${String(serial).padStart(3, "0")}`;
  return first17 + idCheckDigit(first17);
};
const thisMonth = monthOf(new Date());
const listMonth = recentMonths(thisMonth, 4)[3]!;
const year = Number(thisMonth.slice(0, 4));
const row = (idNumber: string, name: string, category: string): ListCells => ({
  idNumber,
  name,
  category,
  changeType: "新增",
  certifiedOn: "2024-05-01",
  township: "汉葭街道",
  phone: "",
});
const money = (text: string) => text.replace(/[¥,\s]/g, "");

async function openPerson(page: Page, name: string) {
  await page.goto("/county/persons");
  await page.getByLabel("姓名（可模糊）").fill(name);
  await page.getByRole("button", { name: "查询" }).click();
  await page.getByTestId("person-results").getByRole("link", { name }).click();
}

async function enrolAndSettle(page: Page, name: string, visit: { totalCost: string; outOfCatalog?: string; selfPayFirst?: string }) {
  await openPerson(page, name);
  const enrol = page.getByTestId("enrol-person-form");
  await enrol.getByLabel("参保年度").selectOption(String(year));
  await enrol.getByLabel("缴费日期").fill(`${year - 1}-12-20`);
  await enrol.getByRole("button", { name: "登记参保" }).click();
  await expect(page.getByTestId("enrol-success")).toBeVisible();
  const form = page.getByTestId("settle-visit-form");
  await form.getByLabel("出院（就诊）日期").fill(`${thisMonth}-01`);
  await form.getByLabel("就诊类型").selectOption("inpatient");
  await form.getByLabel("医院等级", { exact: true }).selectOption("2");
  await form.getByLabel("医疗总费用（元）").fill(visit.totalCost);
  if (visit.outOfCatalog) await form.getByLabel("目录外费用（元）").fill(visit.outOfCatalog);
  if (visit.selfPayFirst) await form.getByLabel("先行自付（元）").fill(visit.selfPayFirst);
  await form.getByRole("button", { name: "一站式结算" }).click();
  await expect(page).toHaveURL(/\/county\/settlements\/[0-9a-f-]{36}$/);
}

test("[县民政局] 报送名单：一名低保对象、一名特困人员", async ({ page }) => {
  await signInAs(page, "minzheng", /\/department$/);
  const csv = encodeListCsv([row(id("19570303", 74), "报表甲", "低保对象"), row(id("19460404", 85), "报表乙", "特困人员")], "utf-8");
  await page.goto("/department/lists");
  await page.getByLabel("报送月份").selectOption(listMonth);
  await page.getByLabel("名单文件（CSV 或 XLSX）").setInputFiles({ name: "民政调度报表测试.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "上传并校验" }).click();
  await expect(page).toHaveURL(/\/department\/lists\/[0-9a-f-]{36}$/);
  await page.getByTestId("confirm-submission").click();
  await expect(page.getByTestId("submission-status")).toHaveText("已确认报送");
});

test("[县医保局经办员] 比对、参保、本月结算两次住院；调度报表显示本月数据", async ({ page }) => {
  await signInAs(page, "clerk", /\/county$/);
  await page.goto(`/county/registry?month=${listMonth}`);
  await page.getByTestId("reconcile").click();
  await expect(page.getByTestId("runs")).toContainText("已完成");

  await enrolAndSettle(page, "报表甲", { totalCost: "120000", outOfCatalog: "15000", selfPayFirst: "5000" }); // opens a high-cost alert
  await enrolAndSettle(page, "报表乙", { totalCost: "8000" });

  await page.getByRole("navigation", { name: "工作导航" }).getByRole("link", { name: "调度报表" }).click();
  await expect(page).toHaveURL(/\/county\/reports$/);
  await expect(page.getByTestId("report-title")).toHaveText("彭水苗族土家族自治县三重保障调度报表");
  await expect(page.getByText(`调度报表 · ${monthLabel(thisMonth)}`)).toBeVisible();
  expect(Number(await page.locator("[data-figure=visits] [data-value]").innerText())).toBeGreaterThanOrEqual(2);
  expect(Number(await page.locator("[data-figure=persons-DIBAO] [data-value]").innerText())).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("category-shares").locator("[data-category=DIBAO]")).toContainText("≥ 70%");
  await expect(page.getByTestId("category-shares").locator("[data-category=DIBAO] [data-met]")).toHaveText(/达标|未达标/);
  await expect(page.getByTestId("month-alerts")).toContainText("报表甲");
  await expect(page.getByTestId("month-alerts")).not.toContainText(id("19570303", 74)); // masked
  await expect(page.getByTestId("month-alerts")).toContainText(`500243********${id("19570303", 74).slice(-4)}`);
});

test("[市级督导] 看板、各区县对比、彭水调度报表、导出 Excel、从预警人员进入台账", async ({ page }) => {
  await signInAs(page, "supervisor", /\/supervisor$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("督导首页 · 重庆市");
  await expect(page.getByTestId("scope-counties").locator("li")).toHaveCount(38);
  await expect(page.getByTestId("chart-trend").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("chart-tiers").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("chart-counties").locator("svg").first()).toBeVisible();
  const overview = page.getByTestId("county-overview");
  await expect(overview.locator("tbody tr")).toHaveCount(38);
  const pengshui = overview.locator("[data-county='500243']");
  const overviewTotal = money(await pengshui.locator("[data-field=totalCost]").innerText());
  expect(Number(overviewTotal)).toBeGreaterThan(0);
  await expect(overview.locator("[data-county='500242'] [data-field=totalCost]")).toHaveText("¥0.00");
  await page.screenshot({ path: `${ARTIFACTS}/dashboard.png`, fullPage: true });

  // One county's dashboard: its townships, and the link to its report.
  await pengshui.getByRole("link", { name: "看板" }).click();
  await expect(page).toHaveURL(/\/supervisor\?county=500243/);
  await expect(page.getByTestId("dashboard-heading")).toContainText("彭水苗族土家族自治县");
  await expect(page.getByTestId("chart-townships").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("township-table")).toContainText("汉葭街道");
  await page.goto("/supervisor");
  await page.getByTestId("county-overview").locator("[data-county='500243']").getByRole("link", { name: "调度报表" }).click();
  await expect(page).toHaveURL(/\/supervisor\/reports\/500243/);
  await expect(page.getByTestId("report-title")).toHaveText("彭水苗族土家族自治县三重保障调度报表");
  const pageTotal = money(await page.locator("[data-figure=totalCost] [data-value]").innerText());
  expect(pageTotal).toBe(overviewTotal);
  const pageVisits = Number(await page.locator("[data-figure=visits] [data-value]").innerText());
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "工作导航" })).toBeHidden();
  await page.screenshot({ path: `${ARTIFACTS}/dispatch-report-print.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });

  const downloading = page.waitForEvent("download");
  await page.getByTestId("report-export").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`调度报表-彭水苗族土家族自治县-${thisMonth}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path())!);
  const sheet = workbook.getWorksheet("调度报表")!;
  expect(String(sheet.getCell("A1").value)).toBe(`彭水苗族土家族自治县三重保障调度报表（${monthLabel(thisMonth)}）`);
  const rows = new Map<string, ExcelJS.Row>();
  sheet.eachRow((r) => rows.set(String(r.getCell(1).value).trim(), r));
  const total = rows.get("医疗总费用")!.getCell(2);
  expect(typeof total.value).toBe("number");
  expect(total.numFmt).toBe("#,##0.00");
  expect((total.value as number).toFixed(2)).toBe(pageTotal);
  expect(rows.get("就诊人次")!.getCell(2).value).toBe(pageVisits);
  expect(rows.get("低保对象")!.getCell(3).value).toBe("≥ 70%");

  // Drill-down: the person behind the month's alert, to the ledger.
  await page.getByTestId("month-alerts").locator("tr", { hasText: "报表甲" }).getByRole("link", { name: `查看${year}年台账` }).click();
  await expect(page).toHaveURL(new RegExp(`/supervisor/persons/[0-9a-f-]{36}/ledger\\?year=${year}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("报表甲");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("专项管理台账");
});

test("[彭水县督导] 只看到本县看板；打开酉阳的调度报表为 404", async ({ page }) => {
  await signInAs(page, "pengshui-supervisor", /\/supervisor$/);
  await expect(page.getByTestId("scope-counties").locator("li")).toHaveCount(1);
  await expect(page.getByTestId("county-overview")).toHaveCount(0);
  await expect(page.getByTestId("chart-townships").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("county-report-link")).toHaveText("查看彭水苗族土家族自治县调度报表");
  const response = await page.goto("/supervisor/reports/500242");
  expect(response?.status()).toBe(404);
  const refused = await page.request.get(`/api/v1/reports/dispatch?region=500242&month=${thisMonth}`);
  expect(refused.status()).toBe(404);
});
