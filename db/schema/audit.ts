import { bigserial, index, jsonb, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";

/**
 * Append-only audit log (quality.md §Security): every sign-in, failed sign-in,
 * write and full reveal of personal data. A trigger in the migrations refuses
 * UPDATE and DELETE. `details` never holds full ID numbers or passwords.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id"),
    actorUsername: varchar("actor_username", { length: 64 }),
    actorRole: roleEnum("actor_role"),
    actorScope: varchar("actor_scope", { length: 12 }),
    action: varchar("action", { length: 64 }).notNull(),
    targetType: varchar("target_type", { length: 32 }),
    targetId: text("target_id"),
    clientAddress: varchar("client_address", { length: 64 }),
    details: jsonb("details"),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actorUserId),
    index("audit_log_target_idx").on(t.targetType, t.targetId),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
