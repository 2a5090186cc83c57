import { sql } from "drizzle-orm";
import { boolean, char, date, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { LOCATIONS, REFERRALS, VISIT_KINDS } from "@/lib/policy/types";
import { categoryEnum } from "./enums";
import { persons } from "./registry";

// One-stop settlement (domain.md W5, policy-book.md §P-SVC-1). Money is numeric, read as strings.
const money = (name: string) => numeric(name, { precision: 14, scale: 2 });

export const visitKindEnum = pgEnum("visit_kind", VISIT_KINDS);
export const locationEnum = pgEnum("visit_location", LOCATIONS);
export const referralEnum = pgEnum("referral", REFERRALS);

/** A hospital visit (a stay, or an outpatient visit) of a registered person. */
export const visits = pgTable(
  "visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    /** The hospital's own settlement number: importing the same export twice finds the visit. */
    externalVisitNumber: varchar("external_visit_number", { length: 64 }),
    hospitalName: text("hospital_name"),
    visitDate: date("visit_date").notNull(),
    kind: visitKindEnum("kind").notNull(),
    hospitalLevel: integer("hospital_level").notNull(),
    location: locationEnum("location").notNull(),
    referral: referralEnum("referral").notNull(),
    specialDisease: boolean("special_disease").notNull(),
    transferFromLevel: integer("transfer_from_level"),
    totalCost: money("total_cost").notNull(),
    outOfCatalogCost: money("out_of_catalog_cost").notNull(),
    selfPayFirstCost: money("self_pay_first_cost").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("visits_external_number").on(t.regionCode, t.externalVisitNumber).where(sql`${t.externalVisitNumber} is not null`),
    index("visits_person_idx").on(t.personId, t.visitDate),
  ],
);

/**
 * The parameters a settlement read, stored once per distinct snapshot: every settlement's
 * receipt points here, so a county-year of settlements does not repeat the same 6 KB.
 * Receipt = this row + the settlement's request and id; replaying it rebuilds the result.
 */
export const receiptParameterSets = pgTable("receipt_parameter_sets", {
  key: char("key", { length: 64 }).primaryKey(),
  policyCode: varchar("policy_code", { length: 32 }).notNull(),
  policyDocument: text("policy_document").notNull(),
  parameterVersion: text("parameter_version").notNull(),
  knownCategories: jsonb("known_categories").notNull(),
  parameters: jsonb("parameters").notNull(),
  rules: jsonb("rules").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const ENTRY_TYPES = ["settlement", "reversal"] as const;
export const entryTypeEnum = pgEnum("settlement_entry", ENTRY_TYPES);

/**
 * The ledger of settlements: append-only. A wrong settlement is corrected by a reversing
 * entry (the same amounts, negated) and a new settlement — never edited (W5).
 */
export const settlements = pgTable(
  "settlements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitId: uuid("visit_id")
      .notNull()
      .references(() => visits.id),
    personId: uuid("person_id").notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    year: integer("year").notNull(),
    entryType: entryTypeEnum("entry_type").notNull(),
    /** For a reversal: the settlement it cancels (each settlement can be reversed once). */
    reversesId: uuid("reverses_id"),
    policyCode: varchar("policy_code", { length: 32 }).notNull(),
    parameterVersion: text("parameter_version").notNull(),
    receiptId: char("receipt_id", { length: 64 }).notNull(),
    resolvedCategory: categoryEnum("resolved_category").notNull(),
    totalCost: money("total_cost").notNull(),
    policyRangeCost: money("policy_range_cost").notNull(),
    basicInsurance: money("basic_insurance").notNull(),
    criticalIllnessInsurance: money("critical_illness_insurance").notNull(),
    supplementaryInsurance: money("supplementary_insurance").notNull(),
    medicalAssistance: money("medical_assistance").notNull(),
    tiltedAssistance: money("tilted_assistance").notNull(),
    outOfPocket: money("out_of_pocket").notNull(),
    /** The person-year totals before and after this entry (engine field names). */
    yearToDateBefore: jsonb("year_to_date_before").notNull(),
    yearToDateAfter: jsonb("year_to_date_after").notNull(),
    /** The decision receipt: the request, the engine version and the stored parameter set; it replays to the whole result (steps, warnings). */
    engineVersion: varchar("engine_version", { length: 32 }).notNull(),
    receiptRequest: jsonb("receipt_request").notNull(),
    receiptParameterSet: char("receipt_parameter_set", { length: 64 })
      .notNull()
      .references(() => receiptParameterSets.key),
    reason: text("reason"),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("settlements_person_year_idx").on(t.personId, t.year),
    uniqueIndex("settlements_reversed_once").on(t.reversesId).where(sql`${t.reversesId} is not null`),
  ],
);

/**
 * Year-to-date totals of one person-year (the engine's `yearToDate`). The row is locked
 * (SELECT … FOR UPDATE) by every settlement of the person-year, so caps hold under
 * concurrency; it changes only in the transaction that writes the ledger entry.
 */
export const personYearTotals = pgTable(
  "person_year_totals",
  {
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    year: integer("year").notNull(),
    basicPaid: money("basic_paid").notNull().default("0"),
    criticalBase: money("critical_base").notNull().default("0"),
    criticalPaid: money("critical_paid").notNull().default("0"),
    supplementaryPaid: money("supplementary_paid").notNull().default("0"),
    assistancePaid: money("assistance_paid").notNull().default("0"),
    assistanceOtherDiseasePaid: money("assistance_other_disease_paid").notNull().default("0"),
    tiltedPaid: money("tilted_paid").notNull().default("0"),
    assistanceDeductibleMet: money("assistance_deductible_met").notNull().default("0"),
    // Σ of the person-year's ledger entries (reversals included, opening balances not): the
    // burden W7 measures (P-MON-1), kept here so no settlement re-sums the ledger.
    ledgerPolicyRangeCost: money("ledger_policy_range_cost").notNull().default("0"),
    ledgerBasicInsurance: money("ledger_basic_insurance").notNull().default("0"),
    ledgerCriticalIllnessInsurance: money("ledger_critical_illness_insurance").notNull().default("0"),
    ledgerSupplementaryInsurance: money("ledger_supplementary_insurance").notNull().default("0"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.year] })],
);

/** The engine's year-to-date fields → their columns (person_year_totals and opening_balances share them). */
export const YEAR_TO_DATE_COLUMNS = {
  basicPaid: "basic_paid",
  criticalBase: "critical_base",
  criticalPaid: "critical_paid",
  supplementaryPaid: "supplementary_paid",
  assistancePaid: "assistance_paid",
  assistanceOtherDiseasePaid: "assistance_other_disease_paid",
  tiltedPaid: "tilted_paid",
  assistanceDeductibleMet: "assistance_deductible_met",
} as const;

/** The ledger amounts W7's burden is made of → their running sums in person_year_totals. */
export const LEDGER_SUM_COLUMNS = {
  policyRangeCost: "ledger_policy_range_cost",
  basicInsurance: "ledger_basic_insurance",
  criticalIllnessInsurance: "ledger_critical_illness_insurance",
  supplementaryInsurance: "ledger_supplementary_insurance",
} as const;
export const LEDGER_SUM_FIELDS = Object.keys(LEDGER_SUM_COLUMNS) as (keyof typeof LEDGER_SUM_COLUMNS)[];

/** The amounts of a ledger entry (engine field names) → their columns. */
export const LEDGER_AMOUNT_COLUMNS = {
  totalCost: "total_cost",
  policyRangeCost: "policy_range_cost",
  basicInsurance: "basic_insurance",
  criticalIllnessInsurance: "critical_illness_insurance",
  supplementaryInsurance: "supplementary_insurance",
  medicalAssistance: "medical_assistance",
  tiltedAssistance: "tilted_assistance",
  outOfPocket: "out_of_pocket",
} as const;

export type Visit = typeof visits.$inferSelect;
export type Settlement = typeof settlements.$inferSelect;
