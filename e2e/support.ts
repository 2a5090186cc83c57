import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "sanchong2026";
export const ARTIFACTS = "e2e/artifacts";

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

export async function signInAs(page: Page, username: string, expectedPath: RegExp) {
  await signIn(page, username);
  await expect(page).toHaveURL(expectedPath);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
}
