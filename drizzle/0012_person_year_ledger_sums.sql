ALTER TABLE "person_year_totals" ADD COLUMN "ledger_policy_range_cost" numeric(14, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "person_year_totals" ADD COLUMN "ledger_basic_insurance" numeric(14, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "person_year_totals" ADD COLUMN "ledger_critical_illness_insurance" numeric(14, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "person_year_totals" ADD COLUMN "ledger_supplementary_insurance" numeric(14, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
-- Ledger entries written before these columns existed.
UPDATE person_year_totals t SET
  ledger_policy_range_cost = s.policy_range_cost,
  ledger_basic_insurance = s.basic_insurance,
  ledger_critical_illness_insurance = s.critical_illness_insurance,
  ledger_supplementary_insurance = s.supplementary_insurance
FROM (
  SELECT person_id, year, sum(policy_range_cost) AS policy_range_cost, sum(basic_insurance) AS basic_insurance,
    sum(critical_illness_insurance) AS critical_illness_insurance, sum(supplementary_insurance) AS supplementary_insurance
  FROM settlements GROUP BY person_id, year
) s
WHERE t.person_id = s.person_id AND t.year = s.year;
