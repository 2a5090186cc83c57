import { expect, test } from "@playwright/test";
import { ARTIFACTS } from "./support";

test("[公众·手机] 首页在手机上可读、无横向滚动，字号不小于 16px", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const { scrollWidth, clientWidth, fontSize } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    fontSize: parseFloat(getComputedStyle(document.body).fontSize),
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  expect(fontSize).toBeGreaterThanOrEqual(16);
  await page.screenshot({ path: `${ARTIFACTS}/home-phone.png`, fullPage: true });
});
