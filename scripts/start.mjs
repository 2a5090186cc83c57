// `npm start`: build when needed, then serve the portal on http://localhost:$PORT (default 3000).
// Without DATABASE_URL it runs on the embedded PGlite database under DATA_DIR (.data/),
// which is migrated and seeded with the demo accounts on first start.
import path from "node:path";
import { buildIfStale, embeddedAuthSecret, nextBin, root, run } from "./lib.mjs";

const port = process.env.PORT || "3000";
const dataDir = path.resolve(root, process.env.DATA_DIR || ".data");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: dataDir };

if (!env.AUTH_SECRET) {
  if (env.DATABASE_URL) {
    console.error("请设置 AUTH_SECRET（至少 16 个字符）后再启动：使用 DATABASE_URL 时不会自动生成会话密钥。\nSet AUTH_SECRET when DATABASE_URL is set.");
    process.exit(1);
  }
  env.AUTH_SECRET = embeddedAuthSecret(dataDir);
}
env.NEXTAUTH_SECRET ??= env.AUTH_SECRET;
env.NEXTAUTH_URL ??= `http://localhost:${port}`;

await buildIfStale();
console.log(`› 三重保障服务平台: http://localhost:${port}  (${env.DATABASE_URL ? "PostgreSQL" : `内置数据库 ${path.relative(root, dataDir)}/pglite`})`);
process.exit(await run(process.execPath, [nextBin, "start", "-p", port], { env }));
