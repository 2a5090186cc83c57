import { expect, test } from "@playwright/test";
import { ARTIFACTS } from "./support";

test("[公众] 首页说明平台做什么、为谁服务", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("看病花多少钱，报多少、救多少，一目了然");
  await expect(page.getByRole("heading", { name: "三重制度怎样接力报销" })).toBeVisible();
  await expect(page.getByRole("link", { name: "工作人员登录" })).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/home.png`, fullPage: true });
});

test("[公众] 登录页", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "工作人员登录" })).toBeVisible();
  await expect(page.getByLabel("用户名")).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/login.png`, fullPage: true });
});

test("[公众] 健康检查", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect((await response.json()).status).toBe("ok");
});
