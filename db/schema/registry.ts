import {
  bigserial,
  char,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { categoryEnum, departmentEnum } from "./enums";

// The registry of who is poor (domain.md W1–W3, policy-book.md §P-ID).

/** A person known to the county registry. ID numbers are personal data: masked everywhere by default. */
export const persons = pgTable(
  "persons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    idNumber: varchar("id_number", { length: 18 }).notNull().unique(),
    name: text("name").notNull(),
    /** The county (six digits) whose registry holds the person. */
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    townshipCode: varchar("township_code", { length: 12 }).notNull(),
    phone: varchar("phone", { length: 32 }),
    birthDate: date("birth_date").notNull(),
    ...timestamps,
  },
  // No index on name: the fuzzy search (LIKE '%张%三%') cannot use one, and every index
  // slows the bulk writes of a reconciliation.
  (t) => [index("persons_township_idx").on(t.townshipCode)],
);

export const SUBMISSION_STATUSES = ["draft", "confirmed", "superseded", "discarded"] as const;
export const submissionStatusEnum = pgEnum("submission_status", SUBMISSION_STATUSES);

/**
 * One department file for one month (W1). The same content for the same
 * department and month is the same submission (unique file hash).
 */
export const listSubmissions = pgTable(
  "list_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    departmentCode: departmentEnum("department_code").notNull(),
    month: char("month", { length: 7 }).notNull(),
    fileName: text("file_name").notNull(),
    fileHash: char("file_hash", { length: 64 }).notNull(),
    format: varchar("format", { length: 8 }).notNull(),
    encoding: varchar("encoding", { length: 16 }),
    status: submissionStatusEnum("status").notNull().default("draft"),
    rowCount: integer("row_count").notNull(),
    droppedCount: integer("dropped_count").notNull().default(0),
    /** The difference against the registry at upload: counts of new, leaving and changed people. */
    preview: jsonb("preview").notNull(),
    uploadedBy: uuid("uploaded_by").notNull(),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
    confirmedBy: uuid("confirmed_by"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  },
  (t) => [
    unique("list_submissions_same_content").on(t.regionCode, t.departmentCode, t.month, t.fileHash),
    index("list_submissions_month_idx").on(t.regionCode, t.month),
  ],
);

export const ROW_OUTCOMES = ["pending", "dropped", "applied", "unchanged", "conflict", "rejected"] as const;
export const rowOutcomeEnum = pgEnum("row_outcome", ROW_OUTCOMES);

/** The rows of a submission, with what became of each (departments see their own rows' outcomes). */
export const listSubmissionRows = pgTable(
  "list_submission_rows",
  {
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => listSubmissions.id),
    rowNumber: integer("row_number").notNull(),
    idNumber: varchar("id_number", { length: 18 }).notNull(),
    name: text("name").notNull(),
    category: categoryEnum("category").notNull(),
    changeType: varchar("change_type", { length: 8 }).notNull(),
    certifiedOn: date("certified_on").notNull(),
    townshipCode: varchar("township_code", { length: 12 }).notNull(),
    phone: varchar("phone", { length: 32 }),
    outcome: rowOutcomeEnum("outcome").notNull().default("pending"),
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.rowNumber] }), index("list_submission_rows_id_idx").on(t.idNumber)],
);

/**
 * Temporal identities: one row per certification interval [validFrom, validTo)
 * with the department list that opened it and the one that closed it (W2.2).
 */
export const identities = pgTable(
  "identities",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // Not a foreign key: the per-row check locks the person's row and cost a quarter of a
    // 400,000-row reconciliation on PGlite. Persons are never deleted (a trigger refuses it,
    // migration 0014), and identities are only written with the ids of persons in the same
    // transaction (applyPlan).
    personId: uuid("person_id").notNull(),
    category: categoryEnum("category").notNull(),
    departmentCode: departmentEnum("department_code").notNull(),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to"),
    // Provenance of the interval. Not foreign keys: submissions are never deleted (only their
    // status changes), and per-row checks cost ~40% of a 400,000-row reconciliation on PGlite.
    sourceSubmissionId: uuid("source_submission_id"),
    closedBySubmissionId: uuid("closed_by_submission_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // One index only: every read goes through the person; each extra index slows reconciliation's bulk writes.
  (t) => [index("identities_person_idx").on(t.personId)],
);

export const RUN_STATUSES = ["needs_review", "completed"] as const;
export const runStatusEnum = pgEnum("reconciliation_status", RUN_STATUSES);

/** A county clerk's merge of a month's confirmed submissions (W2). Versioned per month. */
export const reconciliationRuns = pgTable(
  "reconciliation_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    month: char("month", { length: 7 }).notNull(),
    version: integer("version").notNull(),
    status: runStatusEnum("status").notNull(),
    summary: jsonb("summary").notNull(),
    runBy: uuid("run_by").notNull(),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [unique("reconciliation_runs_version").on(t.regionCode, t.month, t.version)],
);

export const CONFLICT_KINDS = ["NAME_MISMATCH", "ADDED_AND_REMOVED", "WRONG_DEPARTMENT"] as const;
export const conflictKindEnum = pgEnum("conflict_kind", CONFLICT_KINDS);
export const CONFLICT_STATUSES = ["open", "resolved", "not_conflict"] as const;
export const conflictStatusEnum = pgEnum("conflict_status", CONFLICT_STATUSES);

export const reconciliationConflicts = pgTable(
  "reconciliation_conflicts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => reconciliationRuns.id),
    idNumber: varchar("id_number", { length: 18 }).notNull(),
    kind: conflictKindEnum("kind").notNull(),
    /** Identifies the pair of claims, so a "not a conflict" decision is recognised next month. */
    pairKey: text("pair_key").notNull(),
    details: jsonb("details").notNull(),
    status: conflictStatusEnum("status").notNull().default("open"),
    resolution: text("resolution"),
    resolvedBy: uuid("resolved_by"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [index("reconciliation_conflicts_run_idx").on(t.runId)],
);

/** "Not a conflict" decisions, remembered across months (issue 4, W2). */
export const conflictDismissals = pgTable(
  "conflict_dismissals",
  {
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    idNumber: varchar("id_number", { length: 18 }).notNull(),
    kind: conflictKindEnum("kind").notNull(),
    pairKey: text("pair_key").notNull(),
    reason: text("reason").notNull(),
    decidedBy: uuid("decided_by").notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.idNumber, t.kind, t.pairKey] })],
);

/** A versioned monthly registry snapshot (W2.3): the resolved category of every registered person. */
export const registrySnapshots = pgTable(
  "registry_snapshots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    month: char("month", { length: 7 }).notNull(),
    version: integer("version").notNull(),
    runId: uuid("run_id")
      .notNull()
      .references(() => reconciliationRuns.id),
    counts: jsonb("counts").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("registry_snapshots_version").on(t.regionCode, t.month, t.version)],
);

export const snapshotMembers = pgTable(
  "snapshot_members",
  {
    // Not foreign keys: the rows are derived in one statement from identities and persons (and
    // never deleted); checking 400,000 references took most of the snapshot's time on PGlite.
    snapshotId: uuid("snapshot_id").notNull(),
    personId: uuid("person_id").notNull(),
    category: categoryEnum("category").notNull(),
    departmentCode: departmentEnum("department_code"),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.personId] })],
);

export type Person = typeof persons.$inferSelect;
export type ListSubmission = typeof listSubmissions.$inferSelect;
export type Identity = typeof identities.$inferSelect;
