// `npm test`: unit and integration tests (vitest), then end-to-end tests in Debian's Chromium
// (Playwright, against the built app). With DATABASE_URL set, integration tests run on PGlite
// and on that PostgreSQL server, and the e2e server uses that server.
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { root, run } from "./lib.mjs";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

function hasAptAsRoot() {
  try {
    execFileSync("which", ["apt-get"], { stdio: "ignore" });
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
}

function hasChineseFont() {
  try {
    return execFileSync("fc-list", [":lang=zh"], { encoding: "utf8" }).trim().length > 0;
  } catch {
    return false;
  }
}

if (!existsSync(chromium)) {
  if (hasAptAsRoot()) {
    console.log("› 未找到 Chromium，正在安装 Debian 软件包 chromium（及中文字体 fonts-noto-cjk）…");
    const code = (await run("apt-get", ["update"])) || (await run("apt-get", ["install", "-y", "chromium", "fonts-noto-cjk"]));
    if (code !== 0 || !existsSync(chromium)) {
      console.error("✗ 安装 chromium 失败。请手动安装 Debian 软件包 chromium：apt-get install -y chromium");
      process.exit(1);
    }
  } else {
    console.error(
      `✗ 端到端测试需要 Chromium（${chromium}）。请安装 Debian 软件包 chromium：sudo apt-get install -y chromium\n` +
        "  (end-to-end tests need Debian's package `chromium`; or set CHROMIUM_PATH)",
    );
    process.exit(1);
  }
}

// Screenshots are only worth keeping with Chinese glyphs; a missing font is not a test failure.
if (!hasChineseFont() && hasAptAsRoot()) {
  console.log("› 安装中文字体 fonts-noto-cjk（截图用）…");
  await run("apt-get", ["install", "-y", "fonts-noto-cjk"]);
}

const bin = (name) => path.join(root, "node_modules", ".bin", name);
const database = process.env.DATABASE_URL ? "PGlite + PostgreSQL" : "PGlite";

console.log(`\n=== 单元与集成测试 (vitest; ${database}) ===`);
let code = await run(bin("vitest"), ["run"], { env: { ...process.env } });
if (code !== 0) process.exit(code);

console.log(`\n=== 端到端测试 (Playwright + ${chromium}; ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}) ===`);
code = await run(bin("playwright"), ["test"], { env: { ...process.env, CHROMIUM_PATH: chromium } });
process.exit(code);
