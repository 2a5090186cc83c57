// Set-based helpers: many rows in one statement. A JS array inside sql`` would become one
// parameter per element (stack-notes trap 7), so rows travel as one JSON or text value.
import { sql, type SQL } from "drizzle-orm";

/** A text[] parameter built from one string, for `= any(...)` over thousands of values. */
export function textArray(values: readonly string[]): SQL {
  return sql`string_to_array(${values.join("\u001f")}, ${"\u001f"})`;
}

/** Runs one statement per chunk of rows, each given the chunk as a JSON parameter. */
export async function eachJsonChunk<T>(rows: readonly T[], run: (json: string) => Promise<unknown>, chunk = 10_000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await run(JSON.stringify(rows.slice(i, i + chunk)));
}
