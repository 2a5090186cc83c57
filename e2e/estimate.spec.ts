import { expect, test, type Page } from "@playwright/test";
import { ARTIFACTS } from "./support";

async function amount(page: Page, key: string) {
  return page.locator(`[data-testid=amounts] [data-amount=${key}] td`);
}

test("[公众] 低保对象县内住院 12 万元：各项保障、倾斜救助步骤和每一步的依据", async ({ page }) => {
  await page.goto("/estimate");
  await page.getByLabel("适用政策").selectOption("pengshui-2023");
  await page.getByLabel("出院（就诊）日期").fill("2024-03-15");
  await page.getByLabel("低保对象", { exact: true }).check();
  await page.getByLabel("就诊类型").selectOption("inpatient");
  await page.getByLabel("医院等级").selectOption("2");
  await page.getByLabel("就医地点").selectOption("county");
  await page.getByLabel("转诊情况").selectOption("not_required");
  await page.getByLabel("医疗总费用").fill("120000");
  await page.getByLabel("目录外费用").fill("15000");
  await page.getByLabel("先行自付").fill("5000");
  await page.getByRole("button", { name: "计算个人自付" }).click();

  // 69790.00 = (100000 − 300) × 70%; 13786.50 = (30210 − 9000) × 65%; 13138.80 = 16423.50 × 80% (policy-book P-BASIC-2, P-CRIT-3, P-ASSIST-4)
  await expect(await amount(page, "policyRangeCost")).toHaveText("¥100,000.00");
  await expect(await amount(page, "basicInsurance")).toHaveText("¥69,790.00");
  await expect(await amount(page, "criticalIllnessInsurance")).toHaveText("¥13,786.50");
  await expect(await amount(page, "medicalAssistance")).toHaveText("¥13,138.80");
  await expect(await amount(page, "tiltedAssistance")).toHaveText("¥0.00");
  await expect(await amount(page, "outOfPocket")).toHaveText("¥23,284.70");
  await expect(page.getByTestId("stacked-bar")).toContainText("基本医保 ¥69,790.00");

  const tilted = page.locator("[data-testid=steps] [data-tier=tiltedAssistance]");
  await expect(tilted).toContainText("P-TILT-2");
  await expect(tilted).toContainText("未达到倾斜救助起付线4000.00元");
  await expect(page.locator("[data-testid=steps] [data-tier=basicInsurance]")).toContainText("示例值，非文件规定");
  await page.screenshot({ path: `${ARTIFACTS}/estimate-dibao.png`, fullPage: true });

  // Each step links to its rule on the policy page.
  await tilted.getByRole("link", { name: "P-TILT-2" }).click();
  await expect(page).toHaveURL(/\/policies\/pengshui-2023#P-TILT-2$/);
  await expect(page.locator("#P-TILT-2")).toContainText("倾斜救助");
});

test("[公众] 分享链接在新页面重现同一结果", async ({ page, browser }) => {
  await page.goto("/estimate?policy=pengshui-2023&date=2024-03-15&cat=TEKUN&tier=1&kind=inpatient&level=3&loc=city&ref=referred&total=250000&ooc=10000");
  const outOfPocket = await (await amount(page, "outOfPocket")).textContent();
  const href = await page.getByTestId("share-link").getAttribute("href");
  expect(href).toMatch(/^\/estimate\?/);
  expect(href).not.toMatch(/idNumber|name=/);
  const other = await browser.newPage();
  await other.goto(href!);
  await expect(await amount(other, "outOfPocket")).toHaveText(outOfPocket!);
  await expect(other.getByLabel("特困人员", { exact: true })).toBeChecked();
});

test("[公众] 省外未按规定转诊住院：说明医疗救助为什么不支付", async ({ page }) => {
  await page.goto("/estimate?policy=pengshui-2023&date=2024-03-15&cat=DIBAO&tier=1&kind=inpatient&level=3&loc=out_of_province&ref=unreferred&total=80000");
  await expect(await amount(page, "medicalAssistance")).toHaveText("¥0.00");
  await expect(await amount(page, "tiltedAssistance")).toHaveText("¥0.00");
  const assistance = page.locator("[data-testid=steps] [data-tier=medicalAssistance]");
  await expect(assistance).toContainText("未按规定转诊");
  await expect(assistance).toContainText("P-ASSIST-6");
  // Insurance still pays an unreferred visit (P-ASSIST-I3), at the out-of-province ratio.
  await expect(await amount(page, "basicInsurance")).not.toHaveText("¥0.00");
});

test("[公众] 尚未认定身份时列出各类人员的结果，而不是猜测", async ({ page }) => {
  await page.goto("/estimate?policy=pengshui-2023&date=2024-03-15&cat=unknown&tier=1&kind=inpatient&level=2&loc=county&ref=not_required&total=50000");
  const table = page.getByTestId("comparison");
  await expect(table.locator("tbody tr")).toHaveCount(9);
  await expect(table.locator("tbody tr").first()).toContainText("特困人员");
  await expect(table.locator("tbody tr").last()).toContainText("普通参保人");
  await table.getByRole("link", { name: "低保对象" }).click();
  await expect(page.getByTestId("amounts")).toBeVisible();
});

test("[公众] 填写有误时指出是哪一项", async ({ page }) => {
  await page.goto("/estimate?policy=pengshui-2023&date=2024-03-15&tier=1&kind=inpatient&level=2&loc=county&ref=not_required&total=100.123");
  await expect(page.getByTestId("error-total")).toBeVisible();
  await expect(page.getByTestId("estimate-error")).toContainText("请检查标红的项目");
  await expect(page.getByTestId("amounts")).toHaveCount(0);
});

test("[公众] 参保资助：特困人员一档全额资助", async ({ page }) => {
  await page.goto("/estimate?tab=subsidy&policy=pengshui-2023&date=2024-03-15&cat=TEKUN&tier=1");
  const table = page.getByTestId("subsidy-amounts");
  await expect(table).toContainText("¥380.00");
  await expect(table.locator("tr").last()).toContainText("¥0.00");
});

test("[公众] 政策页：彭水 2023 特殊疾病救助 80%/70% 及其条款", async ({ page }) => {
  await page.goto("/policies");
  await expect(page.getByTestId("policy-timeline").locator("li")).toHaveCount(5);
  await page.getByRole("link", { name: /彭水/ }).first().click();
  const rule = page.locator("#P-ASSIST-3");
  await expect(rule).toContainText("80%");
  await expect(rule).toContainText("70%");
  await expect(rule).toContainText("对特困人员、低保对象、返贫致贫人口按80%的比例救助");
  await expect(rule).toContainText("§二(三)2");
  await expect(page.getByTestId("policy-changes")).toBeVisible();
  await expect(page.locator("[data-provenance=local]").first()).toContainText("示例值，非文件规定");
  await page.screenshot({ path: `${ARTIFACTS}/policy-pengshui-2023.png` });
});
