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
