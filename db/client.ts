import path from "node:path";
import { mkdirSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import type { Sql } from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
/** One type for both drivers: the same queries serve PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory, or "memory://" for a throw-away database. */
  dataDir?: string;
}

/** Opens a connection without migrating; most callers want getDb() or prepareDatabase(). */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(options.url, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {}, // re-running migrations prints NOTICE objects (stack-notes trap 9)
    });
    const db = drizzle(preparingStatements(client), { schema }) as unknown as Db;
    return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = options.dataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  // PGlite's 128 MB buffer pool is smaller than a county's registry tables: a month's
  // reconciliation spends ~15% of its time evicting pages (docs/benchmarks.md). PGlite
  // already runs without fsync; this only sizes its cache.
  const client = await PGlite.create(dataDir, { postgresqlconf: ["shared_buffers = 256MB"] });
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close() };
}

/**
 * drizzle hands postgres.js every query unprepared, and postgres.js first asks the server for
 * the parameter types of an unprepared statement with parameters: two round trips per query,
 * none of them pipelined. Prepared (postgres.js's own default), a statement is described once
 * per connection and then costs one round trip; the names live and die with the connection.
 * Transactions and savepoints hand out connections of their own, so they are wrapped as well.
 */
function preparingStatements(sql: Sql): Sql {
  return new Proxy(sql, {
    get(target, key) {
      if (key === "unsafe") return (query: string, params: never[] = [], opts: object = {}) => target.unsafe(query, params, { ...opts, prepare: true });
      if (key === "begin" || key === "savepoint") {
        const open = Reflect.get(target, key) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const body = args.pop() as (tx: Sql) => unknown;
          return open.call(target, ...args, (tx: Sql) => body(preparingStatements(tx)));
        };
      }
      return Reflect.get(target, key);
    },
  });
}

export const migrationsFolder = path.join(process.cwd(), "drizzle");

/** Applies the committed drizzle-kit migrations with the driver's own migrator. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  }
}

/**
 * `db.execute` answers `{ rows }` on PGlite and an array on postgres.js
 * (stack-notes trap 7); this is the one place that knows.
 */
export async function executeRows<T = Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
