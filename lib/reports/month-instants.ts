import { sql, type SQL } from "drizzle-orm";

/**
 * A month in Beijing time as a range of instants [start, end), for timestamp columns: comparisons
 * an index can use, and no time-zone conversion per row (a county-year holds tens of thousands of
 * alerts). `month` is a validated YYYY-MM.
 */
export function monthInstants(month: string): { start: SQL; end: SQL } {
  return {
    start: sql`(${`${month}-01`}::timestamp at time zone 'Asia/Shanghai')`,
    end: sql`((${`${month}-01`}::date + interval '1 month')::timestamp at time zone 'Asia/Shanghai')`,
  };
}
