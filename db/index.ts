import path from "node:path";
import { readEnv } from "@/lib/env";
import { migrateDatabase, openDatabase, type DatabaseHandle, type Db } from "./client";
import { loadRegions } from "./reference-data";
import { seedDemoData } from "./seed/demo";
import { seedDemoRegistry } from "./seed/demo-registry";

export * from "./client";

type Holder = { promise?: Promise<DatabaseHandle> };
// Survives dev-server module reloads: one PGlite instance per process (stack-notes trap 1).
const holder: Holder = ((globalThis as { __sanchongDb?: Holder }).__sanchongDb ??= {});

/** Opens, migrates and (for the embedded demo) seeds a database. */
export async function prepareDatabase(
  options: { url?: string; dataDir?: string; seedDemo?: boolean; seedDemoRegistry?: boolean } = {},
): Promise<DatabaseHandle> {
  const handle = await openDatabase(options);
  try {
    await migrateDatabase(handle);
    await loadRegions(handle.db);
    if (options.seedDemo) await seedDemoData(handle.db);
    if (options.seedDemoRegistry) await seedDemoRegistry(handle.db);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function fromEnvironment(): Promise<DatabaseHandle> {
  const env = readEnv();
  const embedded = !env.DATABASE_URL;
  // Demo accounts exist only for the embedded demo database, unless a test server asks.
  const seedDemo = env.SEED_DEMO ? env.SEED_DEMO === "1" : embedded;
  return prepareDatabase({
    url: env.DATABASE_URL,
    dataDir: path.resolve(env.DATA_DIR, "pglite"),
    seedDemo,
    // Synthetic people only for the plain demo (`npm start`), not for the e2e server (SEED_DEMO=1).
    seedDemoRegistry: embedded && !env.SEED_DEMO,
  });
}

/**
 * The process-wide database, opened lazily on first use (never at import, so
 * `next build` does not open PGlite — stack-notes trap 4).
 */
export function getDatabase(): Promise<DatabaseHandle> {
  if (!holder.promise) {
    holder.promise = fromEnvironment();
    holder.promise.catch(() => {
      holder.promise = undefined; // let the next request try again
    });
  }
  return holder.promise;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Tests point the app's data layer at their own database. */
export function useDatabaseForTests(handle: DatabaseHandle | undefined): void {
  holder.promise = handle ? Promise.resolve(handle) : undefined;
}
