import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { prepareDatabase, type DatabaseHandle, type DatabaseKind } from "@/db";

/** Integration tests run on PGlite always, and on PostgreSQL too when DATABASE_URL is set. */
export const BACKENDS: DatabaseKind[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/**
 * A fresh, migrated database: an in-memory PGlite, or a throw-away database on
 * the PostgreSQL server of DATABASE_URL (dropped by close(); `url` names it).
 */
export async function createTestDatabase(kind: DatabaseKind, options: { seedDemo?: boolean } = {}): Promise<DatabaseHandle & { url?: string }> {
  if (kind === "pglite") return prepareDatabase({ dataDir: "memory://", seedDemo: options.seedDemo });
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("DATABASE_URL is not set");
  const name = `sanchong_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await prepareDatabase({ url: url.toString(), seedDemo: options.seedDemo });
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
