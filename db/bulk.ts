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

/**
 * Runs `write` with `table`'s secondary indexes and unique constraints dropped, then builds
 * them again: one build over all the rows is cheaper than updating each index row by row
 * (PostgreSQL manual, "Populating a Database"; a first month on PGlite, docs/benchmarks.md).
 * The definitions come from the catalog, so the schema stays their only source. The primary
 * key and any constraint a foreign key leans on stay. A rebuilt unique constraint still
 * refuses duplicates, failing the transaction. Dropping takes the table's exclusive lock until
 * the transaction ends: only for a write that at least doubles the table.
 */
export async function withIndexesRebuilt<T>(tx: DbOrTx, table: string, write: () => Promise<T>): Promise<T> {
  const indexes = await executeRows<{ index_name: string; index_def: string; constraint_name: string | null; constraint_def: string | null }>(
    tx,
    sql`select i.relname as index_name, pg_get_indexdef(x.indexrelid) as index_def,
               c.conname as constraint_name, pg_get_constraintdef(c.oid) as constraint_def
        from pg_index x
        join pg_class i on i.oid = x.indexrelid
        left join pg_constraint c on c.conindid = x.indexrelid and c.conrelid = x.indrelid
        where x.indrelid = ${table}::regclass and not x.indisprimary
          and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = x.indexrelid)`,
  );
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  for (const ix of indexes) {
    await tx.execute(sql.raw(ix.constraint_name ? `alter table ${table} drop constraint ${quoted(ix.constraint_name)}` : `drop index ${quoted(ix.index_name)}`));
  }
  const result = await write();
  for (const ix of indexes) {
    await tx.execute(sql.raw(ix.constraint_name ? `alter table ${table} add constraint ${quoted(ix.constraint_name)} ${ix.constraint_def}` : ix.index_def));
  }
  return result;
}
