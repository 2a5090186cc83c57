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
  // Sign-in hashes the password and then renders the role's home; with the other worker busy on
  // CI's two cores that took more than the default 5 s once (the button still read 正在登录…).
  await expect(page).toHaveURL(expectedPath, { timeout: 20_000 });
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
}
