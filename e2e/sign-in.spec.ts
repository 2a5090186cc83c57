import { expect, test } from "@playwright/test";
import { signIn, signInAs } from "./support";

const ROLES = [
  { username: "minzheng", home: "/department", heading: "部门工作台", shows: "县民政局" },
  { username: "xiangcun", home: "/department", heading: "部门工作台", shows: "县乡村振兴局" },
  { username: "tuiyi", home: "/department", heading: "部门工作台", shows: "县退役军人事务局" },
  { username: "canlian", home: "/department", heading: "部门工作台", shows: "县残联" },
  { username: "clerk", home: "/county", heading: "彭水苗族土家族自治县 医疗保障局", shows: "县医保局经办员" },
  { username: "admin", home: "/county", heading: "彭水苗族土家族自治县 医疗保障局", shows: "县医保局负责人" },
  { username: "supervisor", home: "/supervisor", heading: "督导首页 · 重庆市", shows: "督导（只读）" },
  { username: "pengshui-supervisor", home: "/supervisor", heading: "督导首页 · 彭水苗族土家族自治县", shows: "督导（只读）" },
];

for (const role of ROLES) {
  test(`[${role.username}] 登录后进入本人工作台，退出后回到登录页`, async ({ page }) => {
    await signInAs(page, role.username, new RegExp(`${role.home}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(role.heading);
    await expect(page.getByTestId("signed-in-user")).toContainText(role.shows);
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto(role.home);
    await expect(page).toHaveURL(/\/login/);
  });
}

test("[公众] 密码错误时提示，且不进入工作台", async ({ page }) => {
  await signIn(page, "clerk", "not-the-password-1");
  await expect(page.getByTestId("login-error")).toHaveText("用户名或密码不正确");
  await expect(page).toHaveURL(/\/login/);
});

test.describe("登录表单在脚本就绪前", () => {
  test.use({ javaScriptEnabled: false });
  test("[公众] 按钮不可用，表单以 POST 提交：密码不会出现在网址里", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("用户名").fill("clerk");
    await page.getByLabel("密码").fill("sanchong2026");
    await expect(page.getByRole("button", { name: "登录" })).toBeDisabled();
    await page.getByLabel("密码").press("Enter");
    await expect(page.locator("form").filter({ has: page.getByLabel("密码") })).toHaveAttribute("method", "post");
    expect(page.url()).not.toContain("sanchong2026");
    expect(page.url()).toMatch(/\/login$/);
  });
});

test("[督导] 市级督导看到重庆市全部 38 个区县，区县督导只看到本县", async ({ browser }) => {
  const city = await browser.newPage();
  await signInAs(city, "supervisor", /\/supervisor$/);
  await expect(city.getByTestId("scope-counties").locator("li")).toHaveCount(38);
  const county = await browser.newPage();
  await signInAs(county, "pengshui-supervisor", /\/supervisor$/);
  await expect(county.getByTestId("scope-counties").locator("li")).toHaveCount(1);
  await expect(county.getByTestId("scope-counties")).toContainText("彭水苗族土家族自治县");
});
