import { bigserial, index, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { persons } from "./registry";

// On-application assistance (依申请救助, domain.md W6, P-APP) and high-expense alerts
// (domain.md W7, P-MON-1/2).
const money = (name: string) => numeric(name, { precision: 14, scale: 2 });

/**
 * W6 states: 已提交 → 已受理 (or 不予受理) → 审核中 (⇄ 退回补正) → 待审批 → 已批准 / 已驳回 → 已发放.
 */
export const APPLICATION_STATES = ["SUBMITTED", "ACCEPTED", "REFUSED", "UNDER_REVIEW", "RETURNED", "PROPOSED", "APPROVED", "REJECTED", "PAID"] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const applicationStateEnum = pgEnum("application_state", APPLICATION_STATES);

/** Who started the case: the citizen on the public site, a clerk at the window, or a W7 alert. */
export const APPLICATION_SOURCES = ["public", "window", "alert"] as const;
export const applicationSourceEnum = pgEnum("application_source", APPLICATION_SOURCES);

export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The number the citizen keeps (with the last 4 ID characters it opens the status page). */
    number: varchar("number", { length: 20 }).notNull().unique(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    /** The registry person with this ID number, when there is one. */
    personId: uuid("person_id").references(() => persons.id),
    applicantName: text("applicant_name").notNull(),
    idNumber: varchar("id_number", { length: 18 }).notNull(),
    phone: varchar("phone", { length: 32 }).notNull(),
    householdSize: integer("household_size").notNull(),
    householdAnnualIncome: money("household_annual_income").notNull(),
    incomeStatement: text("income_statement").notNull(),
    /** Bills already settled by insurance: [{ hospitalName, visitDate, totalCost, insurancePaid, selfPay }] as strings. */
    bills: jsonb("bills").notNull(),
    reason: text("reason").notNull(),
    source: applicationSourceEnum("source").notNull(),
    state: applicationStateEnum("state").notNull().default("SUBMITTED"),
    /** Documents the applicant must still supply while the case is 退回补正. */
    missingDocuments: jsonb("missing_documents"),
    /** The engine's proposal, the amount the clerk proposes (with a reason when it differs), the approved amount. */
    engineAmount: money("engine_amount"),
    engineReceipt: jsonb("engine_receipt"),
    proposedAmount: money("proposed_amount"),
    adjustmentReason: text("adjustment_reason"),
    proposedBy: uuid("proposed_by"),
    decidedBy: uuid("decided_by"),
    /** The decision as the citizen reads it (approval or rejection text); staff notes stay in the events. */
    decision: text("decision"),
    paymentReference: text("payment_reference"),
    stateChangedAt: timestamp("state_changed_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("applications_region_state_idx").on(t.regionCode, t.state, t.createdAt), index("applications_person_idx").on(t.personId)],
);

/** Every transition of a case: who (null = the applicant), when, from and to which state, and why. Append-only. */
export const applicationEvents = pgTable(
  "application_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    fromState: applicationStateEnum("from_state"),
    toState: applicationStateEnum("to_state").notNull(),
    actorId: uuid("actor_id"),
    reason: text("reason"),
    details: jsonb("details"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("application_events_application_idx").on(t.applicationId, t.id)],
);

export const ALERT_STATES = ["OPEN", "DISMISSED", "CASE_OPENED"] as const;
export type AlertState = (typeof ALERT_STATES)[number];
export const alertStateEnum = pgEnum("alert_state", ALERT_STATES);

/**
 * A high-expense alert (W7): opened once per person-year and level when the year's burden
 * crosses the level's threshold (P-MON-2); a clerk dismisses it with a reason or opens a case.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    year: integer("year").notNull(),
    level: integer("level").notNull(),
    /** The year's burden and the threshold when the alert opened. */
    burden: money("burden").notNull(),
    threshold: money("threshold").notNull(),
    settlementId: uuid("settlement_id").notNull(),
    state: alertStateEnum("state").notNull().default("OPEN"),
    closeReason: text("close_reason"),
    closedBy: uuid("closed_by"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    applicationId: uuid("application_id").references(() => applications.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("alerts_person_year_level").on(t.personId, t.year, t.level), index("alerts_region_state_idx").on(t.regionCode, t.state, t.createdAt)],
);

export type Application = typeof applications.$inferSelect;
export type ApplicationEvent = typeof applicationEvents.$inferSelect;
export type Alert = typeof alerts.$inferSelect;
