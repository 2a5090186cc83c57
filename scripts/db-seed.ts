// `npm run db:seed`: seeds the demo accounts once. Meant for the embedded demo database or a
// throw-away test database — never a production server. Not beside a running server (PGlite).
import path from "node:path";
import { prepareDatabase } from "@/db";
import { readEnv } from "@/lib/env";

const env = readEnv();
if (env.DATABASE_URL && env.SEED_DEMO !== "1") {
  console.error("拒绝向 DATABASE_URL 写入演示账号：如确为测试库，请设置 SEED_DEMO=1。");
  process.exit(1);
}
const handle = await prepareDatabase({ url: env.DATABASE_URL, dataDir: path.resolve(env.DATA_DIR, "pglite"), seedDemo: true });
console.log(`seeded (${handle.kind})`);
await handle.close();
