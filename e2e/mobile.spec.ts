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

test("[公众·手机] 估算结果在手机上不出现横向滚动", async ({ page }) => {
  await page.goto("/estimate?policy=pengshui-2023&date=2024-03-15&cat=DIBAO&tier=1&kind=inpatient&level=2&loc=county&ref=not_required&total=120000&ooc=15000&spf=5000");
  await expect(page.getByTestId("amounts")).toBeVisible();
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  await page.screenshot({ path: `${ARTIFACTS}/estimate-phone.png`, fullPage: true });
});
