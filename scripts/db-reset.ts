// `npm run db:reset`: deletes the embedded demo database (DATA_DIR/pglite); the next start
// recreates and seeds it. Refuses to touch a PostgreSQL server.
import { rmSync } from "node:fs";
import path from "node:path";
import { readEnv } from "@/lib/env";

const env = readEnv();
if (env.DATABASE_URL) {
  console.error("db:reset 只清空内置演示数据库；不会删除 DATABASE_URL 指向的服务器数据。");
  process.exit(1);
}
const dir = path.resolve(env.DATA_DIR, "pglite");
rmSync(dir, { recursive: true, force: true });
console.log(`removed ${dir}`);
