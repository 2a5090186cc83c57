import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "./client";

/**
 * Many rows in one statement: the rows travel as one JSON parameter and
 * `json_to_recordset` turns them back into a table (~150k rows/s on PGlite, more on
 * PostgreSQL; stack-notes). A JS array in sql`` would become one parameter per element.
 */
export async function insertRows(
  db: DbOrTx,
  table: string,
  columns: Record<string, string>, // column → SQL type, e.g. { id_number: "varchar", certified_on: "date" }
  rows: Record<string, unknown>[],
  options: { chunk?: number; onConflict?: SQL } = {},
): Promise<void> {
  const names = Object.keys(columns);
  const list = sql.raw(names.map((n) => `"${n}"`).join(", "));
  const recordType = sql.raw(names.map((n) => `"${n}" ${columns[n]}`).join(", "));
  const chunk = options.chunk ?? 10_000;
  for (let i = 0; i < rows.length; i += chunk) {
    const json = JSON.stringify(rows.slice(i, i + chunk));
    await db.execute(
      sql`insert into ${sql.raw(`"${table}"`)} (${list})
          select ${list} from json_to_recordset(${json}::json) as x(${recordType})
          ${options.onConflict ?? sql``}`,
    );
  }
}

/** A text[] parameter built from one string, for `= any(...)` over thousands of values. */
export function textArray(values: readonly string[]): SQL {
  return sql`string_to_array(${values.join("\u001f")}, ${"\u001f"})`;
}

/** Runs one statement per chunk of rows, each given the chunk as a JSON parameter. */
export async function eachJsonChunk<T>(rows: readonly T[], run: (json: string) => Promise<unknown>, chunk = 10_000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await run(JSON.stringify(rows.slice(i, i + chunk)));
}
