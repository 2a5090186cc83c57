// Set-based helpers: many rows in one statement. A JS array inside sql`` would become one
// parameter per element (stack-notes trap 7), so rows travel as one JSON or text value.
import { sql, type SQL } from "drizzle-orm";
import { executeRows, type DbOrTx } from "./client";

/** A text[] parameter built from one string, for `= any(...)` over thousands of values. */
export function textArray(values: readonly string[]): SQL {
  return sql`string_to_array(${values.join("\u001f")}, ${"\u001f"})`;
}

/** Runs one statement per chunk of rows, each given the chunk as a JSON parameter. */
export async function eachJsonChunk<T>(rows: readonly T[], run: (json: string) => Promise<unknown>, chunk = 10_000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await run(JSON.stringify(rows.slice(i, i + chunk)));
}

const FIELD = "\u001f";
const RECORD = "\u001e";

/**
 * The rows of `query` as string tuples (NULL → ""), fetched as one text value. Materialising
 * hundreds of thousands of row objects is the slow part of a large read on PGlite (about 4×
 * slower than one string); callers parse the fields they need. Values must not contain the
 * ASCII unit/record separators (validated list fields never do).
 */
export async function selectTuples(db: DbOrTx, query: SQL, columns: readonly string[], orderBy: string): Promise<string[][]> {
  const fields = columns.map((c) => `coalesce(t.${c}::text, '')`).join(` || '${FIELD}' || `);
  const [row] = await executeRows<{ tuples: string | null }>(
    db,
    sql`select string_agg(${sql.raw(fields)}, '${sql.raw(RECORD)}' order by ${sql.raw(orderBy)}) as tuples from (${query}) t`,
  );
  if (!row?.tuples) return [];
  return row.tuples.split(RECORD).map((r) => r.split(FIELD));
}

/** An element of a text[] literal: NULL bare, everything else quoted (objects as JSON). */
function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  // JSON text holds no raw control characters, so quoting it as a JSON string escapes exactly
  // the quotes and backslashes the literal needs, natively.
  if (typeof value === "object") return JSON.stringify(JSON.stringify(value));
  return `"${String(value).replace(/["\\]/g, "\\$&")}"`;
}

/**
 * Inserts rows, `chunk` per statement, as one text[] parameter per column, unnested and cast on the server: about
 * 2.5× cheaper for the server than `json_to_recordset` on wide rows with jsonb columns
 * (docs/benchmarks.md), on both drivers. (COPY would be a little cheaper still, but a refused
 * COPY FROM STDIN never settles in postgres.js 3.4, porsager/postgres#1173.)
 * `table` and the column names and types are trusted identifiers; values are escaped.
 */
export async function insertColumns(
  db: DbOrTx,
  table: string,
  columns: readonly (readonly [name: string, type: string])[],
  rows: readonly (readonly unknown[])[],
  chunk = 50_000,
): Promise<void> {
  const names = columns.map(([name]) => name).join(", ");
  const casts = columns.map(([name, type]) => `u.${name}::${type}`).join(", ");
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const arrays = columns.map((_, i) => sql`${`{${part.map((row) => arrayElement(row[i])).join(",")}}`}::text[]`);
    await db.execute(sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(casts)} from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.raw(names)})`);
  }
}
