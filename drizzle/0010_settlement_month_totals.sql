CREATE TABLE "settlement_month_totals" (
	"region_code" varchar(6) NOT NULL,
	"month" char(7) NOT NULL,
	"township_code" varchar(12) NOT NULL,
	"category" "category" NOT NULL,
	"visits" integer NOT NULL,
	"total_cost" numeric(16, 2) NOT NULL,
	"out_of_catalog_cost" numeric(16, 2) NOT NULL,
	"self_pay_first_cost" numeric(16, 2) NOT NULL,
	"policy_range_cost" numeric(16, 2) NOT NULL,
	"basic_insurance" numeric(16, 2) NOT NULL,
	"critical_illness_insurance" numeric(16, 2) NOT NULL,
	"supplementary_insurance" numeric(16, 2) NOT NULL,
	"medical_assistance" numeric(16, 2) NOT NULL,
	"tilted_assistance" numeric(16, 2) NOT NULL,
	"out_of_pocket" numeric(16, 2) NOT NULL,
	CONSTRAINT "settlement_month_totals_region_code_month_township_code_category_pk" PRIMARY KEY("region_code","month","township_code","category")
);
--> statement-breakpoint
-- Ledger entries written before this table existed.
INSERT INTO settlement_month_totals
SELECT s.region_code, to_char(v.visit_date, 'YYYY-MM'), p.township_code, s.resolved_category,
  sum(CASE WHEN s.entry_type = 'settlement' THEN 1 ELSE -1 END)::int,
  sum(s.total_cost), sum(CASE WHEN s.entry_type = 'settlement' THEN 1 ELSE -1 END * v.out_of_catalog_cost),
  sum(CASE WHEN s.entry_type = 'settlement' THEN 1 ELSE -1 END * v.self_pay_first_cost), sum(s.policy_range_cost),
  sum(s.basic_insurance), sum(s.critical_illness_insurance), sum(s.supplementary_insurance), sum(s.medical_assistance),
  sum(s.tilted_assistance), sum(s.out_of_pocket)
FROM settlements s JOIN visits v ON v.id = s.visit_id JOIN persons p ON p.id = s.person_id
GROUP BY 1, 2, 3, 4;
