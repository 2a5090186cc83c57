import { date, index, integer, numeric, pgTable, primaryKey, text, timestamp, unique, uuid, varchar, boolean } from "drizzle-orm/pg-core";
import { categoryEnum } from "./enums";
import { persons } from "./registry";

// Enrolment and premium subsidy (domain.md W4, policy-book.md §P-PS, P-BASIC-6), and the
// opening balances that make caps right from the portal's first day (W5).
const money = (name: string) => numeric(name, { precision: 14, scale: 2 });

/**
 * A county's subsidy roster for one year: every registered person with the category in
 * force on the subsidy date and the engine's subsidy. Payment is recorded once, with a reference.
 */
export const subsidyRosters = pgTable(
  "subsidy_rosters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    year: integer("year").notNull(),
    /** The day whose registry decides each person's category (P-PS: category on the subsidy date). */
    subsidyDate: date("subsidy_date").notNull(),
    policyCode: varchar("policy_code", { length: 32 }).notNull(),
    parameterVersion: text("parameter_version").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    paidBy: uuid("paid_by"),
    paymentReference: text("payment_reference"),
  },
  (t) => [unique("subsidy_rosters_region_year").on(t.regionCode, t.year)],
);

/**
 * A person's enrolment in resident insurance for a year (one per person-year): the tier,
 * when the premium was paid, and from when cover runs (P-BASIC-6). A visit before
 * `coverageFrom` cannot be settled. Subsidy figures come from the engine (P-PS).
 */
export const enrolments = pgTable(
  "enrolments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    year: integer("year").notNull(),
    insuranceTier: integer("insurance_tier").notNull(),
    paidOn: date("paid_on").notNull(),
    coverageFrom: date("coverage_from").notNull(),
    /** Enrolled after the year's collection period (补缴/新增): cover starts per P-BASIC-6. */
    late: boolean("late").notNull(),
    resolvedCategory: categoryEnum("resolved_category").notNull(),
    individualContribution: money("individual_contribution").notNull(),
    subsidy: money("subsidy").notNull(),
    personPays: money("person_pays").notNull(),
    policyCode: varchar("policy_code", { length: 32 }).notNull(),
    parameterVersion: text("parameter_version").notNull(),
    /** The roster that subsidised it; null for an enrolment recorded on its own. */
    rosterId: uuid("roster_id").references(() => subsidyRosters.id),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("enrolments_person_year").on(t.personId, t.year),
    index("enrolments_roster_idx").on(t.rosterId),
    index("enrolments_region_year_idx").on(t.regionCode, t.year),
  ],
);

/**
 * Year-to-date amounts a person used before the portal went live (engine field names).
 * Imported once per person-year and added to `person_year_totals` in the same transaction.
 */
export const openingBalances = pgTable(
  "opening_balances",
  {
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    year: integer("year").notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    basicPaid: money("basic_paid").notNull(),
    criticalBase: money("critical_base").notNull(),
    criticalPaid: money("critical_paid").notNull(),
    supplementaryPaid: money("supplementary_paid").notNull(),
    assistancePaid: money("assistance_paid").notNull(),
    assistanceOtherDiseasePaid: money("assistance_other_disease_paid").notNull(),
    tiltedPaid: money("tilted_paid").notNull(),
    assistanceDeductibleMet: money("assistance_deductible_met").notNull(),
    /** Where the figures come from (the previous system, a paper ledger …). */
    source: text("source").notNull(),
    importedBy: uuid("imported_by").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.year] })],
);

/** One hospital settlement export imported by a clerk: what it held and what became of it. */
export const visitImports = pgTable(
  "visit_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    fileName: text("file_name").notNull(),
    fileHash: varchar("file_hash", { length: 64 }).notNull(),
    rowCount: integer("row_count").notNull(),
    settledCount: integer("settled_count").notNull(),
    existingCount: integer("existing_count").notNull(),
    refusedCount: integer("refused_count").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("visit_imports_region_idx").on(t.regionCode, t.createdAt)],
);

export type Enrolment = typeof enrolments.$inferSelect;
export type SubsidyRoster = typeof subsidyRosters.$inferSelect;
