import { date, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";

// Bulk settlement of a county-year's visits (issue 6 "Scale"): the visits are staged first,
// then settled in batches; each batch commits its ledger entries, totals and the job's
// progress marker together, so a job killed midway resumes where it stopped, settling each visit once.

export const JOB_STATES = ["staged", "running", "done", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];
export const jobStateEnum = pgEnum("settlement_job_state", JOB_STATES);

export const settlementJobs = pgTable("settlement_jobs", {
  id: uuid("id").primaryKey().defaultRandom(),
  regionCode: varchar("region_code", { length: 6 }).notNull(),
  label: text("label").notNull(),
  state: jobStateEnum("state").notNull().default("staged"),
  total: integer("total").notNull(),
  /** Rows with seq ≤ this are done (settled, found already settled, or refused). */
  lastSeq: integer("last_seq").notNull().default(0),
  settled: integer("settled").notNull().default(0),
  existing: integer("existing").notNull().default(0),
  refused: integer("refused").notNull().default(0),
  error: text("error"),
  createdBy: uuid("created_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp("started_at", { withTimezone: true }),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

/**
 * The staged visits, numbered in the order they are settled (by visit date): a person's
 * caps accumulate in time order. Staged rows are never updated: a settled row is found by
 * its hospital number in `visits`, a refused one in `settlement_job_refusals`.
 */
export const settlementJobRows = pgTable(
  "settlement_job_rows",
  {
    jobId: uuid("job_id").notNull(),
    seq: integer("seq").notNull(),
    personId: uuid("person_id").notNull(),
    externalVisitNumber: varchar("external_visit_number", { length: 64 }).notNull(),
    visitDate: date("visit_date").notNull(),
    /** The visit's facts as the form sends them (strings). */
    visit: jsonb("visit").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);

/** Rows the engine or the enrolment check refused, with the reason (written with their batch). */
export const settlementJobRefusals = pgTable(
  "settlement_job_refusals",
  {
    jobId: uuid("job_id").notNull(),
    seq: integer("seq").notNull(),
    message: text("message").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);

export type SettlementJob = typeof settlementJobs.$inferSelect;
