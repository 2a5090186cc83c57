/** What the database benchmarks share: finding a PostgreSQL server, one process per database, the figures' section in docs/benchmarks.md. */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

/** DATABASE_URL, or the machine's local server, when one answers. */
export async function postgresUrl(): Promise<string | null> {
  const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  try {
    const { default: postgres } = await import("postgres");
    const probe = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    await probe`select 1`;
    await probe.end();
    return url;
  } catch {
    return null;
  }
}

/**
 * Runs `run(kind)` in a child process of this same script (`--child kind`), so neither
 * database's memory or caches show in the other's figures. Returns the child's result.
 */
export async function perDatabase<T>(run: (kind: "pglite" | "postgres") => Promise<T>): Promise<T[]> {
  const child = process.argv.indexOf("--child");
  if (child !== -1) {
    process.stdout.write(`RESULT ${JSON.stringify(await run(process.argv[child + 1] as "pglite" | "postgres"))}\n`);
    process.exit(0);
  }
  const inChild = (kind: "pglite" | "postgres", env: NodeJS.ProcessEnv): T => {
    const out = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--child", kind], { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const line = out.stdout.split("\n").find((l) => l.startsWith("RESULT "));
    if (!line) throw new Error(`bench child ${kind} failed:\n${out.stderr.slice(-2000)}`);
    return JSON.parse(line.slice(7)) as T;
  };
  const results = [inChild("pglite", process.env)];
  const pg = await postgresUrl();
  if (pg) results.push(inChild("postgres", { ...process.env, DATABASE_URL: pg }));
  return results;
}

/** Replaces (or appends) the `## title` section of docs/benchmarks.md; the other sections stay. */
export function writeSection(title: string, body: string): void {
  const doc = path.join(import.meta.dirname, "..", "docs", "benchmarks.md");
  const marker = `## ${title}`;
  const section = `${marker}\n\n${body}\n`;
  const current = existsSync(doc) ? readFileSync(doc, "utf8") : "# Benchmarks\n";
  if (current.includes(marker)) {
    const start = current.indexOf(marker);
    const end = current.indexOf("\n## ", start + marker.length);
    writeFileSync(doc, current.slice(0, start) + section + (end === -1 ? "" : current.slice(end + 1)));
  } else appendFileSync(doc, `\n${section}`);
}

/**
 * The bulk benchmarks' floor: each table copied into an empty `floor_<table>` of the same shape
 * with COPY TO STDOUT piped into COPY FROM STDIN, each COPY on a connection of its own that ends
 * with it (postgres.js did not start a second COPY FROM STDIN on a connection that ran one).
 */
export async function copyTablesFloor(url: string, tables: readonly string[]): Promise<number> {
  const { default: postgres } = await import("postgres");
  const { pipeline } = await import("node:stream/promises");
  const connect = () => postgres(url, { max: 1, onnotice: () => {} });
  const admin = connect();
  for (const table of tables) await admin.unsafe(`create table floor_${table} (like ${table} including defaults)`);
  let elapsed = 0;
  for (const table of tables) {
    const [reader, writer] = [connect(), connect()];
    const started = performance.now();
    await pipeline(await reader.unsafe(`copy ${table} to stdout`).readable(), await writer.unsafe(`copy floor_${table} from stdin`).writable());
    elapsed += performance.now() - started;
    await Promise.all([reader.end(), writer.end()]);
  }
  for (const table of tables) await admin.unsafe(`drop table floor_${table}`);
  await admin.end();
  return elapsed;
}
