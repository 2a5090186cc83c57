import { index, pgTable, text, varchar } from "drizzle-orm/pg-core";
import { regionLevelEnum } from "./enums";

/**
 * Administrative divisions (GB/T 2260 six-digit codes; townships carry the
 * nine-digit statistical code whose first six digits are the county).
 * Reference data loaded from db/data/regions.csv.
 */
export const regions = pgTable(
  "regions",
  {
    code: varchar("code", { length: 12 }).primaryKey(),
    name: text("name").notNull(),
    parentCode: varchar("parent_code", { length: 12 }),
    level: regionLevelEnum("level").notNull(),
  },
  (t) => [index("regions_parent_idx").on(t.parentCode)],
);

export type Region = typeof regions.$inferSelect;
