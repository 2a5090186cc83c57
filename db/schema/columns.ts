import { timestamp } from "drizzle-orm/pg-core";

/** Shared timestamp columns; every mutable table carries them. */
export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};
