import { expect, test, type Page } from "@playwright/test";
import { idCheckDigit } from "../lib/registry/id-number";
import { encodeListCsv, encodeListXlsx, type ListCells } from "../lib/registry/synthetic";
import { ARTIFACTS, signInAs } from "./support";

// W1–W3 end to end, in order: two departments send lists, the county reconciles.
test.describe.configure({ mode: "serial" });

const id = (birth: string, serial: number) => {
  const first17 = `500243${birth}${String(serial).padStart(3, "0")}`;
  return first17 + idCheckDigit(first17);
};
const A = id("19600501", 11); // 低保 (民政) and 返贫致贫 (乡村振兴)
const B = id("19751214", 23); // 特困 (民政)
const C = id("19881130", 35); // name differs between the two lists
const row = (idNumber: string, name: string, category: string, changeType = "新增", certifiedOn = "2024-06-01"): ListCells => ({
  idNumber,
  name,
  category,
  changeType,
  certifiedOn,
  township: "汉葭街道",
  phone: "",
});

let xiangcunSubmission = "";

/** W4 from the person page: enrol the person for a year at tier 1, premium paid on `paidOn`. */
async function enrol(page: Page, year: string, paidOn: string) {
  const form = page.getByTestId("enrol-person-form");
  await form.getByLabel("参保年度").selectOption(year);
  await form.getByLabel("缴费日期").fill(paidOn);
  await form.getByRole("button", { name: "登记参保" }).click();
  await expect(page.getByTestId("enrol-success")).toBeVisible();
}

async function upload(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto("/department/lists");
  await page.getByLabel("名单文件（CSV 或 XLSX）").setInputFiles(file);
  await page.getByRole("button", { name: "上传并校验" }).click();
}

test("[县民政局] 上传 GBK 编码的 CSV：两行有错时逐行提示；修正后预览并确认报送", async ({ page }) => {
  await signInAs(page, "minzheng", /\/department$/);
  const bad = encodeListCsv(
    [row(A, "冉光明", "低保对象"), row(`${B.slice(0, 17)}${B[17] === "0" ? "1" : "0"}`, "侯建国", "特困人员"), row(C, "向红梅", "返贫致贫人口")],
    "gbk",
  );
  await upload(page, { name: "民政6月名单.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  const errors = page.getByTestId("row-errors");
  await expect(errors.locator("tbody tr")).toHaveCount(2);
  await expect(errors.locator("tbody tr").nth(0)).toContainText("公民身份号码校验位错误");
  await expect(errors.locator("tbody tr").nth(1)).toContainText("类别“返贫致贫人口”不属于县民政局报送范围");
  await expect(errors).toContainText("3"); // row numbers name the file's rows
  await page.screenshot({ path: `${ARTIFACTS}/list-errors.png`, fullPage: true });

  const fixed = encodeListCsv([row(A, "冉光明", "低保对象"), row(B, "侯建国", "特困人员"), row(C, "向红梅", "低保边缘家庭成员")], "gbk");
  await upload(page, { name: "民政6月名单-修正.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
  await expect(page).toHaveURL(/\/department\/lists\/[0-9a-f-]{36}$/);
  await expect(page.locator("[data-preview=new]")).toHaveText("3");
  await expect(page.getByTestId("submission-rows")).toContainText("冉光明"); // GBK decoded, names intact
  await expect(page.getByTestId("submission-rows")).not.toContainText(A); // masked
  await page.getByTestId("confirm-submission").click();
  await expect(page.getByTestId("submission-status")).toHaveText("已确认报送");

  // The same file again is the same submission.
  await upload(page, { name: "民政6月名单-修正.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
  await expect(page.getByTestId("same-content")).toBeVisible();
  await expect(page.getByTestId("submission-status")).toHaveText("已确认报送");
});

test("[县乡村振兴局] 上传 XLSX 名单并确认", async ({ page }) => {
  await signInAs(page, "xiangcun", /\/department$/);
  const xlsx = await encodeListXlsx([row(A, "冉光明", "返贫致贫人口", "新增", "2024-06-03"), row(C, "向红美", "监测对象", "新增", "2024-06-03")]);
  await upload(page, { name: "乡村振兴6月名单.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(xlsx) });
  await expect(page).toHaveURL(/\/department\/lists\/[0-9a-f-]{36}$/);
  xiangcunSubmission = page.url().split("/").pop()!;
  await expect(page.locator("[data-preview=new]")).toHaveText("2");
  await page.getByTestId("confirm-submission").click();
  await expect(page.getByTestId("submission-status")).toHaveText("已确认报送");
});

test("[县民政局] 打开县乡村振兴局的名单链接：无权访问 (403)", async ({ page }) => {
  await signInAs(page, "minzheng", /\/department$/);
  const response = await page.goto(`/department/lists/${xiangcunSubmission}`);
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
});

test("[县医保局经办员] 汇总比对、处理姓名冲突、查到人员的两个身份和就高后的类别", async ({ page }) => {
  await signInAs(page, "clerk", /\/county$/);
  await page.getByRole("link", { name: "名单汇总比对" }).first().click();
  const status = page.getByTestId("department-status");
  await expect(status.locator("[data-department=MINZHENG]")).toContainText("已报送");
  await expect(status.locator("[data-department=XIANGCUN]")).toContainText("已报送");
  await expect(status.locator("[data-department=TUIYI]")).toContainText("未报送");

  await page.getByTestId("reconcile").click();
  await expect(page.getByTestId("runs")).toContainText("有冲突待处理");
  await page.getByTestId("runs").getByRole("link", { name: "第 1 次比对" }).click();
  const conflicts = page.getByTestId("conflicts");
  await expect(conflicts).toContainText("同一身份证号姓名不一致");
  await expect(conflicts).toContainText("“向红梅”（县民政局） 与 “向红美”（县乡村振兴局）");
  await page.getByLabel("正确的姓名").selectOption("向红梅");
  await page.getByLabel("处理理由").fill("电话核实，乡村振兴局名单笔误");
  await page.getByRole("button", { name: "提交处理" }).click();
  await expect(conflicts).toContainText("已处理");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("已完成");
  await page.screenshot({ path: `${ARTIFACTS}/reconciliation.png`, fullPage: true });

  await page.getByRole("link", { name: "人员查询" }).first().click();
  await page.getByLabel("姓名（可模糊）").fill("冉明");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByTestId("person-results")).toContainText(`500243********${A.slice(-4)}`);
  await page.getByTestId("person-results").getByRole("link", { name: "冉光明" }).click();
  await expect(page).not.toHaveURL(new RegExp(A)); // no personal data in URLs
  const identities = page.getByTestId("identities");
  await expect(identities).toContainText("低保对象");
  await expect(identities).toContainText("县民政局");
  await expect(identities).toContainText("返贫致贫人口");
  await expect(identities).toContainText("县乡村振兴局");
  await expect(page.getByTestId("resolved-category")).toHaveText("低保对象");
  await expect(page.getByTestId("id-number")).toHaveText(`500243********${A.slice(-4)}`);
  await page.getByRole("button", { name: "显示完整号码" }).click();
  await expect(page.getByTestId("id-number")).toHaveText(A);
  await page.screenshot({ path: `${ARTIFACTS}/person.png`, fullPage: true });
});

test("[县医保局经办员] 为特困人员结算特殊疾病住院，打印一单制结算单，再冲销", async ({ page }) => {
  await signInAs(page, "clerk", /\/county$/);
  await page.goto("/county/persons");
  await page.getByLabel("姓名（可模糊）").fill("侯建国");
  await page.getByRole("button", { name: "查询" }).click();
  await page.getByTestId("person-results").getByRole("link", { name: "侯建国" }).click();
  await expect(page.getByTestId("resolved-category")).toHaveText("特困人员");

  // Not enrolled for the year yet: the settlement is refused, naming the visit date (P-BASIC-6).
  const form = page.getByTestId("settle-visit-form");
  await form.getByLabel("出院（就诊）日期").fill("2026-07-10");
  await form.getByLabel("医疗总费用（元）").fill("60000");
  await form.getByRole("button", { name: "一站式结算" }).click();
  await expect(page.getByTestId("settle-error")).toContainText("该人员没有2026年度的参保登记");
  await enrol(page, "2026", "2025-12-20");

  await form.getByLabel("出院（就诊）日期").fill("2026-07-10");
  await form.getByLabel("就诊类型").selectOption("inpatient");
  await form.getByLabel("医院等级", { exact: true }).selectOption("2");
  await form.getByLabel("特殊疾病（门诊慢特病、重特大疾病）").check();
  await form.getByLabel("医疗总费用（元）").fill("-100");
  await form.getByRole("button", { name: "一站式结算" }).click();
  await expect(page.getByTestId("settle-error")).toContainText("医疗总费用不能为负数"); // refused, naming the field
  await form.getByLabel("医疗总费用（元）").fill("60000");
  await form.getByLabel("目录外费用（元）").fill("5000");
  await form.getByRole("button", { name: "一站式结算" }).click();

  await expect(page).toHaveURL(/\/county\/settlements\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("一站式结算单");
  const amounts = page.getByTestId("statement-amounts");
  await expect(amounts.locator("[data-amount=policyRangeCost] td")).toHaveText("¥55,000.00");
  await expect(amounts.locator("[data-amount=basicInsurance] td")).toHaveText("¥38,290.00"); // (55000 − 300) × 70%
  await expect(page.getByTestId("statement-person")).toContainText("500243********");
  await expect(page.locator("[data-testid=steps] [data-tier=medicalAssistance]")).toContainText("P-ASSIST-3");
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: `${ARTIFACTS}/statement-print.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });

  await page.getByRole("button", { name: "按原参数重算核对" }).click();
  await expect(page.getByText("按原参数重算，结果与原结算完全一致")).toBeVisible();
  await page.getByLabel("冲销原因").fill("医院退费后重新结算");
  await page.getByRole("button", { name: "冲销此次结算" }).click();
  // The page re-renders with the reversal: the badge, the reason and a link to the reversing entry.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("已冲销");
  await expect(page.getByText("（医院退费后重新结算）")).toBeVisible();
  await page.getByRole("link", { name: "查看冲销单" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("冲销单");
  await expect(page.getByTestId("statement-amounts").locator("[data-amount=basicInsurance] td")).toHaveText("-¥38,290.00");
});

test("[县医保局经办员] 大额住院结算后出现高额费用预警，由预警发起依申请救助", async ({ page }) => {
  await signInAs(page, "clerk", /\/county$/);
  await page.goto("/county/persons");
  await page.getByLabel("姓名（可模糊）").fill("冉光明");
  await page.getByRole("button", { name: "查询" }).click();
  await page.getByTestId("person-results").getByRole("link", { name: "冉光明" }).click();
  await enrol(page, "2026", "2025-12-20");
  const form = page.getByTestId("settle-visit-form");
  await form.getByLabel("出院（就诊）日期").fill("2026-08-01");
  await form.getByLabel("就诊类型").selectOption("inpatient");
  await form.getByLabel("医院等级", { exact: true }).selectOption("2");
  await form.getByLabel("医疗总费用（元）").fill("120000");
  await form.getByLabel("目录外费用（元）").fill("15000");
  await form.getByLabel("先行自付（元）").fill("5000");
  await form.getByRole("button", { name: "一站式结算" }).click();
  await expect(page.getByTestId("statement-amounts").locator("[data-amount=medicalAssistance] td")).toHaveText("¥13,138.80");

  // 100000 − 69790.00 − 13786.50 = 16423.50 borne after insurance > 20820 × 50% (P-MON-2 example values).
  await page.getByRole("link", { name: "高额费用预警" }).first().click();
  const alerts = page.getByTestId("alerts");
  const alertRow = alerts.locator("tr", { hasText: "冉光明" });
  await expect(alertRow).toContainText("¥16,423.50");
  await expect(alertRow).toContainText("¥10,410.00");
  await expect(alertRow).toContainText(`500243********${A.slice(-4)}`);
  await page.screenshot({ path: `${ARTIFACTS}/alerts.png`, fullPage: true });
  await alertRow.getByRole("link", { name: "发起依申请救助" }).click();

  await expect(page.getByTestId("alert-bills")).toContainText("¥3,284.70"); // what is still borne after all tiers
  const caseForm = page.getByTestId("open-case-form");
  await caseForm.getByLabel("联系电话").fill("13900000001");
  await caseForm.getByLabel("家庭人口数").fill("4");
  await caseForm.getByLabel("家庭年收入（元）").fill("18000");
  await caseForm.getByLabel("家庭收入情况").fill("务农，两人外出务工");
  await caseForm.getByRole("button", { name: "发起依申请救助" }).click();
  await expect(page).toHaveURL(/\/county\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByText("预警主动发起").first()).toBeVisible();

  await page.goto("/county/alerts?state=CASE_OPENED");
  await expect(page.getByTestId("alerts").locator("tr", { hasText: "冉光明" })).toContainText("已发起救助");
});
