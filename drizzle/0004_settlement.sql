CREATE TYPE "public"."settlement_entry" AS ENUM('settlement', 'reversal');--> statement-breakpoint
CREATE TYPE "public"."visit_location" AS ENUM('county', 'city', 'province', 'out_of_province');--> statement-breakpoint
CREATE TYPE "public"."referral" AS ENUM('not_required', 'referred', 'unreferred');--> statement-breakpoint
CREATE TYPE "public"."visit_kind" AS ENUM('inpatient', 'outpatient_special', 'outpatient_general');--> statement-breakpoint
CREATE TABLE "person_year_totals" (
	"person_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"basic_paid" numeric(14, 2) DEFAULT '0' NOT NULL,
	"critical_base" numeric(14, 2) DEFAULT '0' NOT NULL,
	"critical_paid" numeric(14, 2) DEFAULT '0' NOT NULL,
	"supplementary_paid" numeric(14, 2) DEFAULT '0' NOT NULL,
	"assistance_paid" numeric(14, 2) DEFAULT '0' NOT NULL,
	"assistance_other_disease_paid" numeric(14, 2) DEFAULT '0' NOT NULL,
	"tilted_paid" numeric(14, 2) DEFAULT '0' NOT NULL,
	"assistance_deductible_met" numeric(14, 2) DEFAULT '0' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_year_totals_person_id_year_pk" PRIMARY KEY("person_id","year")
);
--> statement-breakpoint
CREATE TABLE "settlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"entry_type" "settlement_entry" NOT NULL,
	"reverses_id" uuid,
	"policy_code" varchar(32) NOT NULL,
	"parameter_version" text NOT NULL,
	"receipt_id" char(64) NOT NULL,
	"resolved_category" "category" NOT NULL,
	"total_cost" numeric(14, 2) NOT NULL,
	"policy_range_cost" numeric(14, 2) NOT NULL,
	"basic_insurance" numeric(14, 2) NOT NULL,
	"critical_illness_insurance" numeric(14, 2) NOT NULL,
	"supplementary_insurance" numeric(14, 2) NOT NULL,
	"medical_assistance" numeric(14, 2) NOT NULL,
	"tilted_assistance" numeric(14, 2) NOT NULL,
	"out_of_pocket" numeric(14, 2) NOT NULL,
	"year_to_date_before" jsonb NOT NULL,
	"year_to_date_after" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"person_id" uuid NOT NULL,
	"external_visit_number" varchar(64),
	"hospital_name" text,
	"visit_date" date NOT NULL,
	"kind" "visit_kind" NOT NULL,
	"hospital_level" integer NOT NULL,
	"location" "visit_location" NOT NULL,
	"referral" "referral" NOT NULL,
	"special_disease" boolean NOT NULL,
	"transfer_from_level" integer,
	"total_cost" numeric(14, 2) NOT NULL,
	"out_of_catalog_cost" numeric(14, 2) NOT NULL,
	"self_pay_first_cost" numeric(14, 2) NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "person_year_totals" ADD CONSTRAINT "person_year_totals_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "settlements_person_year_idx" ON "settlements" USING btree ("person_id","year");--> statement-breakpoint
CREATE INDEX "settlements_region_year_idx" ON "settlements" USING btree ("region_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "settlements_reversed_once" ON "settlements" USING btree ("reverses_id") WHERE "settlements"."reverses_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "visits_external_number" ON "visits" USING btree ("region_code","external_visit_number") WHERE "visits"."external_visit_number" is not null;--> statement-breakpoint
CREATE INDEX "visits_person_idx" ON "visits" USING btree ("person_id","visit_date");