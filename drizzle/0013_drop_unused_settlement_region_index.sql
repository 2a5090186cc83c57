-- Reports read settlement_month_totals; nothing reads the ledger by county and year, and the
-- index cost every settlement an insert into a tree of one repeated key.
DROP INDEX "settlements_region_year_idx";