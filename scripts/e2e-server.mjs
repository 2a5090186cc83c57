// The server Playwright starts: the built app on a database of its own, with the demo accounts.
// DATABASE_URL set → a fresh database `sanchong_e2e` on that server; unset → a fresh PGlite directory.
import { mkdtempSync } from "node:fs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { buildIfStale, nextBin, run } from "./lib.mjs";

const port = process.env.E2E_PORT || "3210";
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  SEED_DEMO: "1",
};
env.NEXTAUTH_SECRET = env.AUTH_SECRET;

if (process.env.DATABASE_URL) {
  const { default: postgres } = await import("postgres");
  const server = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await server.unsafe("drop database if exists sanchong_e2e with (force)");
  await server.unsafe("create database sanchong_e2e");
  await server.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = "/sanchong_e2e";
  env.DATABASE_URL = url.toString();
  console.log("› e2e database: PostgreSQL sanchong_e2e");
} else {
  env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "sanchong-e2e-"));
  console.log(`› e2e database: PGlite in ${env.DATA_DIR}`);
}

await buildIfStale();
process.exit(await run(process.execPath, [nextBin, "start", "-p", port, "-H", "127.0.0.1"], { env }));
