import { expect, test, type Page } from "@playwright/test";
import { idCheckDigit } from "../lib/registry/id-number";
import { ARTIFACTS, signInAs } from "./support";

// W6 end to end: a citizen applies on the public site (on a phone), the clerk accepts and
// proposes, the admin approves, the clerk records the payment, the citizen sees 已发放.
test.describe.configure({ mode: "serial" });

// The e2e server has no registry (SEED_DEMO=1 seeds accounts only), so the applicant is not a
// certified 救助对象: the engine proposes ¥0.00 and says why (P-ASSIST-3, NONE has no ratio);
// the clerk proposes an adjusted amount with a written reason, as W6 allows.
const first17 = "50024319580312047";
const applicant = { idNumber: `${first17}${idCheckDigit(first17)}`, name: "田秀兰" };
const PHONE = { width: 390, height: 844 };

let number = "";
let caseUrl = "";

async function noHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth, fontSize } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    fontSize: parseFloat(getComputedStyle(document.querySelector("main") ?? document.body).fontSize),
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  expect(fontSize).toBeGreaterThanOrEqual(16);
}

test("[群众·手机] 在网上申请医疗救助：表单在手机上可读，提交后显示申请编号", async ({ page }) => {
  expect(applicant).toBeDefined();
  await page.setViewportSize(PHONE);
  await page.goto("/apply");
  await expect(page.getByRole("heading", { level: 1, name: "申请医疗救助" })).toBeVisible();
  await noHorizontalScroll(page);

  // A bad ID check digit is refused on the server, naming the field.
  const wrong = `${applicant.idNumber.slice(0, 17)}${applicant.idNumber[17] === "1" ? "2" : "1"}`;
  const form = page.getByTestId("application-form");
  await form.getByLabel("申请的区县").selectOption("500243");
  await form.getByLabel("姓名").fill(applicant.name);
  await form.getByLabel("公民身份号码（18位）").fill(wrong);
  await form.getByLabel("联系电话").fill("13800001234");
  await form.getByLabel("家庭人口数").fill("4");
  await form.getByLabel("家庭年收入（元）").fill("18000");
  await form.getByLabel("家庭收入情况说明").fill("务农，年收入约1.8万元");
  const bill = (i: number) => page.getByTestId(`bill-${i}`);
  await bill(0).getByLabel("医院名称").fill("彭水县人民医院");
  await bill(0).getByLabel("就诊（出院）日期").fill("2024-03-15");
  await bill(0).getByLabel("医疗总费用（元）").fill("50000.00");
  await bill(0).getByLabel("医保已支付（元）").fill("30000.00");
  await bill(0).getByLabel("政策范围内个人自付（元）").fill("12345.67");
  await page.getByRole("button", { name: "再添加一张票据" }).click();
  await bill(1).getByLabel("医院名称").fill("重庆医科大学附属第一医院");
  await bill(1).getByLabel("就诊（出院）日期").fill("2024-05-02");
  await bill(1).getByLabel("医疗总费用（元）").fill("8000.00");
  await bill(1).getByLabel("医保已支付（元）").fill("5000.00");
  await bill(1).getByLabel("政策范围内个人自付（元）").fill("2000.00");
  await form.getByLabel("为什么申请救助").fill("两次住院花费大，家庭生活困难");
  await page.getByTestId("submit-application").click();
  await expect(page.getByTestId("application-error")).toContainText("公民身份号码校验位错误");

  await form.getByLabel("公民身份号码（18位）").fill(applicant.idNumber);
  await page.getByTestId("submit-application").click();
  await expect(page.getByTestId("application-submitted")).toBeVisible();
  number = (await page.getByTestId("application-number").textContent())!.trim();
  expect(number).toMatch(/^YS\d{4}[0-9A-Z]{8}$/);
  await expect(page.getByTestId("application-submitted")).toContainText("请抄写或截图保存这个编号");
  expect(page.url()).not.toContain(applicant.idNumber);
  await noHorizontalScroll(page);
  await page.screenshot({ path: `${ARTIFACTS}/apply-phone.png`, fullPage: true });
});

test("[县医保局经办员] 受理、审核并按系统测算提出救助方案", async ({ page }) => {
  await signInAs(page, "clerk", /\/county$/);
  await page.goto("/county/cases");
  await page.getByRole("link", { name: number }).click();
  await expect(page).toHaveURL(/\/county\/cases\/[0-9a-f-]{36}$/);
  caseUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("applicant-id")).not.toContainText(applicant.idNumber); // masked
  await page.getByTestId("accept").getByRole("button", { name: "受理" }).click();
  await page.getByTestId("start-review").getByRole("button", { name: "开始审核" }).click();
  // Not in the registry: 普通参保人, no assistance ratio → the engine proposes ¥0.00 and says why.
  await expect(page.getByTestId("engine-amount")).toHaveText("¥0.00");
  await expect(page.getByTestId("engine-proposal")).toContainText("¥14,345.67"); // the base: 12,345.67 + 2,000.00
  await expect(page.getByTestId("steps")).toContainText("P-ASSIST-3");
  await expect(page.getByTestId("steps")).toContainText("不是本政策的医疗救助对象");
  const propose = page.getByTestId("propose");
  await propose.getByLabel("拟救助金额（元）").fill("5000.00");
  await propose.getByRole("button", { name: "提出救助方案" }).click();
  await expect(propose).toContainText("请填写调整理由"); // a different amount needs a reason (server-side)
  await propose.getByLabel("拟救助金额（元）").fill("5000.00");
  await propose.getByLabel("调整理由（内部）").fill("因病导致基本生活严重困难，按临时救助标准救助");
  await propose.getByRole("button", { name: "提出救助方案" }).click();
  await expect(page.getByTestId("case-proposal")).toContainText("¥5,000.00");
  await expect(page.getByTestId("case-proposal")).toContainText("因病导致基本生活严重困难");
  await expect(page.getByText("等待县医保局负责人审批")).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/case-proposed.png`, fullPage: true });
});

test("[县医保局负责人] 审批通过（提出人不是本人）", async ({ page }) => {
  await signInAs(page, "admin", /\/county$/);
  await page.goto(caseUrl);
  await page.getByTestId("approve").getByRole("button", { name: "批准" }).click();
  await expect(page.getByTestId("pay")).toBeVisible();
  await expect(page.getByTestId("case-timeline")).toContainText("待审批 → 已批准");
});

test("[县医保局经办员] 登记发放", async ({ page }) => {
  await signInAs(page, "clerk", /\/county$/);
  await page.goto(caseUrl);
  await page.getByTestId("pay").getByLabel("发放凭证号").fill("ZF2026-000123");
  await page.getByTestId("pay").getByRole("button", { name: "登记发放" }).click();
  await expect(page.getByTestId("case-outcome")).toContainText("ZF2026-000123");
  await expect(page.getByTestId("case-timeline")).toContainText("已批准 → 已发放");
  await page.screenshot({ path: `${ARTIFACTS}/case-paid.png`, fullPage: true });
});

test("[群众·手机] 用申请编号和身份证后4位查询：已发放", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto("/apply/status");
  await page.getByLabel("申请编号").fill(number.toLowerCase());
  await page.getByLabel("身份证号码后4位").fill("0000");
  await page.getByRole("button", { name: "查询进度" }).click();
  await expect(page.getByTestId("status-error")).toContainText("没有找到这个申请");

  await page.getByLabel("身份证号码后4位").fill(applicant.idNumber.slice(-4).toLowerCase());
  await page.getByRole("button", { name: "查询进度" }).click();
  await expect(page.getByTestId("status-state")).toHaveText("已发放");
  await expect(page.getByTestId("status-amount")).toHaveText("¥5,000.00");
  await expect(page.getByTestId("status-history")).toContainText("已批准");
  expect(new URL(page.url()).search).toBe(""); // number and last 4 went by POST
  await expect(page.getByTestId("status-result")).not.toContainText("ZF2026");
  await expect(page.getByTestId("status-result")).not.toContainText("因病导致基本生活严重困难"); // staff reasons stay staff-side
  await noHorizontalScroll(page);
  await page.screenshot({ path: `${ARTIFACTS}/apply-status-phone.png`, fullPage: true });
});
