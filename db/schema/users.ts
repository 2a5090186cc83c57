import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { departmentEnum, roleEnum } from "./enums";

/**
 * Staff accounts. `regionScope` is a GB/T 2260 prefix: a county ("500243") or a
 * whole city/province ("50"); department users also carry their department code.
 */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    username: varchar("username", { length: 64 }).notNull().unique(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: roleEnum("role").notNull(),
    regionScope: varchar("region_scope", { length: 12 }).notNull(),
    departmentCode: departmentEnum("department_code"),
    active: boolean("active").notNull().default(true),
    createdBy: uuid("created_by"),
    ...timestamps,
  },
  (t) => [
    index("users_scope_idx").on(t.regionScope),
    check("users_scope_digits", sql`${t.regionScope} ~ '^[0-9]{2,12}$'`),
    // Department users need a department; nobody else has one.
    check(
      "users_department_matches_role",
      sql`(${t.role} = 'department') = (${t.departmentCode} is not null)`,
    ),
  ],
);

export type UserRow = typeof users.$inferSelect;

/**
 * Failed sign-in counters, one row per account and per client address
 * (`account:<username>`, `ip:<address>`). Kept in the database so every app
 * instance behind a load balancer sees the same counts.
 */
export const loginThrottle = pgTable("login_throttle", {
  key: varchar("key", { length: 160 }).primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});
