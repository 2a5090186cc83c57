import { expect, test } from "@playwright/test";
import { signInAs } from "../support";

test("[未登录] 访问工作区被引导到登录页", async ({ page }) => {
  for (const path of ["/county", "/county/users", "/department", "/supervisor"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login/);
  }
});

test("[部门经办员] 不能进入县医保局工作区和督导区", async ({ page }) => {
  await signInAs(page, "minzheng", /\/department$/);
  for (const path of ["/county", "/county/users", "/supervisor"]) {
    await page.goto(path);
    await expect(page.getByTestId("forbidden")).toHaveText("无权访问");
  }
});

test("[县医保局经办员] 不能管理用户", async ({ page }) => {
  await signInAs(page, "clerk", /\/county$/);
  await expect(page.getByRole("link", { name: "用户管理" })).toHaveCount(0);
  await page.goto("/county/users");
  await expect(page.getByTestId("forbidden")).toBeVisible();
});

test("[县医保局负责人] 猜测的用户编号显示为不存在", async ({ page }) => {
  await signInAs(page, "admin", /\/county$/);
  await page.goto("/county/users/00000000-0000-4000-8000-000000000000");
  await expect(page.getByTestId("not-found")).toBeVisible();
  const response = await page.request.get("/api/v1/users/00000000-0000-4000-8000-000000000000");
  expect(response.status()).toBe(404);
});

test("[督导] 只读，不能进入县医保局工作区", async ({ page }) => {
  await signInAs(page, "supervisor", /\/supervisor$/);
  await page.goto("/county");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  const response = await page.request.get("/api/v1/users/00000000-0000-4000-8000-000000000000");
  expect(response.status()).toBe(403);
});
