import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { idCheckDigit } from "../lib/registry/id-number";
import { monthOf, recentMonths } from "../lib/registry/months";
import { encodeListCsv, type ListCells } from "../lib/registry/synthetic";
import { ARTIFACTS, signInAs } from "./support";

// W4 end to end: last month's 民政 list brings three people into the registry; the clerk builds
// next year's subsidy roster in the collection period, moves one line to tier 2, records the
// payment, downloads the workbook, and enrols a newly certified person late for this year.
// Its own people, month and years, so it does not disturb registry.spec.ts on the same server.
test.describe.configure({ mode: "serial" });

const id = (birth: string, serial: number) => {
  const first17 = `500243${birth}${String(serial).padStart(3, "0")}`;
  return first17 + idCheckDigit(first17);
};
const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date());
const year = Number(today.slice(0, 4));
const rosterYear = year + 1; // built now, in the collection period: covered from 1 January
const lastMonth = recentMonths(monthOf(new Date()), 2)[1]!;
const row = (idNumber: string, name: string, category: string, certifiedOn: string): ListCells => ({
  idNumber,
  name,
  category,
  changeType: "新增",
  certifiedOn,
  township: "汉葭街道",
  phone: "",
});
const money = (text: string) => text.replace(/[¥,\s]/g, "");

test("[县民政局] 报送上月名单：低保、特困和一名本月新认定的低保对象", async ({ page }) => {
  await signInAs(page, "minzheng", /\/department$/);
  const csv = encodeListCsv(
    [
      row(id("19580302", 41), "冯小资", "低保对象", "2024-06-01"),
      row(id("19490815", 52), "冯大助", "特困人员", "2024-06-01"),
      row(id("19810707", 63), "冯补缴", "低保对象", `${lastMonth}-10`),
    ],
    "utf-8",
  );
  await page.goto("/department/lists");
  await page.getByLabel("报送月份").selectOption(lastMonth);
  await page.getByLabel("名单文件（CSV 或 XLSX）").setInputFiles({ name: "民政资助参保名单.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "上传并校验" }).click();
  await expect(page).toHaveURL(/\/department\/lists\/[0-9a-f-]{36}$/);
  await page.getByTestId("confirm-submission").click();
  await expect(page.getByTestId("submission-status")).toHaveText("已确认报送");
});

test("[县医保局经办员] 合并比对上月名单", async ({ page }) => {
  await signInAs(page, "clerk", /\/county$/);
  await page.goto(`/county/registry?month=${lastMonth}`);
  await page.getByTestId("reconcile").click();
  await expect(page.getByTestId("runs")).toContainText("已完成");
});

test("[县医保局经办员] 生成资助名单、看汇总、改二档、记录拨付、导出 Excel", async ({ page }) => {
  await signInAs(page, "clerk", /\/county$/);
  await page.getByRole("link", { name: "资助参保" }).first().click();
  await page.getByLabel("参保年度").selectOption(String(rosterYear));
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page).toHaveURL(new RegExp(`year=${rosterYear}`));

  // The subsidy date defaults to today (in the collection period); build.
  await expect(page.getByLabel("资助认定日期")).toHaveValue(today);
  await page.getByRole("button", { name: `生成${rosterYear}年度资助名单` }).click();
  const totals = page.getByTestId("roster-totals");
  await expect(totals).toBeVisible();
  await expect(totals.locator("[data-row=TEKUN-1]")).toContainText("特困人员");
  await expect(totals.locator("[data-row=DIBAO-1]")).toContainText("低保对象");

  // P-PS-3: 低保 tier 1 → subsidy ¥342.00, pays ¥38.00; 特困 → ¥380.00, pays ¥0.00.
  const lines = page.getByTestId("roster-lines");
  const xiaozi = lines.locator("tr", { hasText: "冯小资" });
  await expect(xiaozi.locator("[data-field=subsidy]")).toHaveText("¥342.00");
  await expect(xiaozi.locator("[data-field=personPays]")).toHaveText("¥38.00");
  await expect(xiaozi).toContainText(`${rosterYear}年1月1日`);
  await expect(xiaozi).toContainText(`500243********${id("19580302", 41).slice(-4)}`);
  await expect(lines).not.toContainText(id("19580302", 41)); // masked
  await expect(lines.locator("tr", { hasText: "冯大助" }).locator("[data-field=subsidy]")).toHaveText("¥380.00");
  const subsidyBefore = money(await totals.locator("[data-amount=subsidy]").innerText());

  // Tier 2 for 冯小资: contribution 660.00, subsidy the tier-1 contribution 380.00, pays 280.00.
  await xiaozi.getByRole("button", { name: "改为二档" }).click();
  await expect(xiaozi.locator("[data-field=tier]")).toHaveText("二档");
  await expect(xiaozi.locator("[data-field=subsidy]")).toHaveText("¥380.00");
  await expect(xiaozi.locator("[data-field=personPays]")).toHaveText("¥280.00");
  await expect(totals.locator("[data-row=DIBAO-2]")).toContainText("二档");
  await expect(totals.locator("[data-amount=subsidy]")).not.toHaveText(`¥${subsidyBefore}`);
  const subsidyTotal = money(await totals.locator("[data-amount=subsidy]").innerText());
  const personsTotal = Number(await totals.locator("[data-amount=persons]").innerText());

  // Payment once, with its reference.
  await page.getByLabel("拨付凭证号").fill("PS-ZZ-E2E-001");
  await page.getByRole("button", { name: "记录拨付" }).click();
  await expect(page.getByTestId("roster-payment")).toContainText("已拨付");
  await expect(page.getByTestId("roster-payment")).toContainText("PS-ZZ-E2E-001");
  await expect(page.getByRole("button", { name: "改为二档" })).toHaveCount(0); // tiers frozen after payment
  await page.screenshot({ path: `${ARTIFACTS}/subsidy-roster.png`, fullPage: true });

  // The workbook: the same grand total as the page, money as numbers.
  const downloading = page.waitForEvent("download");
  await page.getByTestId("roster-export").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`资助参保名单-${rosterYear}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path())!);
  const summary = workbook.getWorksheet("汇总")!;
  let total: ExcelJS.Row | undefined;
  summary.eachRow((r) => {
    if (r.getCell(1).value === "合计") total = r;
  });
  expect(total!.getCell(3).value).toBe(personsTotal);
  expect(typeof total!.getCell(5).value).toBe("number");
  expect((total!.getCell(5).value as number).toFixed(2)).toBe(subsidyTotal);
  const sheet = workbook.getWorksheet("名单")!;
  expect(sheet.getRow(1).getCell(2).value).toBe("公民身份号码（脱敏）");
  let found = false;
  sheet.eachRow((r) => {
    if (r.getCell(3).value === "冯小资") {
      found = true;
      expect(r.getCell(2).value).toBe(`500243********${id("19580302", 41).slice(-4)}`);
      expect([r.getCell(6).value, r.getCell(8).value, r.getCell(9).value]).toEqual(["二档", 380, 280]);
    }
  });
  expect(found).toBe(true);
});

test("[县医保局经办员] 在人员页为新认定的低保对象补缴参保：待遇从缴费次日起", async ({ page }) => {
  await signInAs(page, "clerk", /\/county$/);
  await page.goto("/county/persons");
  await page.getByLabel("姓名（可模糊）").fill("冯补缴");
  await page.getByRole("button", { name: "查询" }).click();
  await page.getByTestId("person-results").getByRole("link", { name: "冯补缴" }).click();
  await expect(page.getByTestId("person-enrolments").locator(`[data-year="${rosterYear}"]`)).toContainText("资助名单");

  const form = page.getByTestId("enrol-person-form");
  await expect(form.getByLabel("参保年度")).toHaveValue(String(year));
  await form.getByLabel("缴费日期").fill("");
  await form.getByRole("button", { name: "登记参保" }).click();
  await expect(page.getByTestId("enrol-error")).toContainText("请填写缴费日期");

  const paidOn = `${lastMonth}-15`;
  const next = `${lastMonth}-16`;
  await form.getByLabel("缴费日期").fill(paidOn);
  await form.getByLabel("参保档次").selectOption("1");
  await form.getByRole("button", { name: "登记参保" }).click();
  await expect(page.getByTestId("enrol-success")).toContainText("已登记参保");
  const enrolment = page.getByTestId("person-enrolments").locator(`[data-year="${year}"]`);
  await expect(enrolment).toContainText("低保对象");
  await expect(enrolment).toContainText("¥342.00");
  await expect(enrolment).toContainText("¥38.00");
  await expect(enrolment).toContainText("补缴/新增");
  await expect(enrolment).toContainText(`${Number(next.slice(0, 4))}年${Number(next.slice(5, 7))}月16日`);
  await page.screenshot({ path: `${ARTIFACTS}/person-enrolment.png`, fullPage: true });
});
