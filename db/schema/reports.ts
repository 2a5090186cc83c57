import { char, integer, numeric, pgTable, primaryKey, varchar } from "drizzle-orm/pg-core";
import { categoryEnum } from "./enums";
import { LEDGER_AMOUNT_COLUMNS } from "./settlement";

// Reports at county scale (W8, P-MON-4): the ledger's sums per county, month (of the visit),
// township and category, kept in step by the same transactions that write ledger entries
// (a settlement adds, a reversal subtracts), so reports and dashboards never scan the ledger.
const money = (name: string) => numeric(name, { precision: 16, scale: 2 });

export const settlementMonthTotals = pgTable(
  "settlement_month_totals",
  {
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    month: char("month", { length: 7 }).notNull(),
    townshipCode: varchar("township_code", { length: 12 }).notNull(),
    category: categoryEnum("category").notNull(),
    /** Settled visits (a reversal counts −1). */
    visits: integer("visits").notNull(),
    totalCost: money("total_cost").notNull(),
    outOfCatalogCost: money("out_of_catalog_cost").notNull(),
    selfPayFirstCost: money("self_pay_first_cost").notNull(),
    policyRangeCost: money("policy_range_cost").notNull(),
    basicInsurance: money("basic_insurance").notNull(),
    criticalIllnessInsurance: money("critical_illness_insurance").notNull(),
    supplementaryInsurance: money("supplementary_insurance").notNull(),
    medicalAssistance: money("medical_assistance").notNull(),
    tiltedAssistance: money("tilted_assistance").notNull(),
    outOfPocket: money("out_of_pocket").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.month, t.townshipCode, t.category] })],
);

/** The summed amounts of a month-totals row (engine field names) → their columns. */
export const MONTH_TOTAL_AMOUNT_COLUMNS = {
  ...LEDGER_AMOUNT_COLUMNS,
  outOfCatalogCost: "out_of_catalog_cost",
  selfPayFirstCost: "self_pay_first_cost",
} as const;
