CREATE TYPE "public"."alert_state" AS ENUM('OPEN', 'DISMISSED', 'CASE_OPENED');--> statement-breakpoint
CREATE TYPE "public"."application_source" AS ENUM('public', 'window', 'alert');--> statement-breakpoint
CREATE TYPE "public"."application_state" AS ENUM('SUBMITTED', 'ACCEPTED', 'REFUSED', 'UNDER_REVIEW', 'RETURNED', 'PROPOSED', 'APPROVED', 'REJECTED', 'PAID');--> statement-breakpoint
CREATE TABLE "enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"insurance_tier" integer NOT NULL,
	"paid_on" date NOT NULL,
	"coverage_from" date NOT NULL,
	"late" boolean NOT NULL,
	"resolved_category" "category" NOT NULL,
	"individual_contribution" numeric(14, 2) NOT NULL,
	"subsidy" numeric(14, 2) NOT NULL,
	"person_pays" numeric(14, 2) NOT NULL,
	"policy_code" varchar(32) NOT NULL,
	"parameter_version" text NOT NULL,
	"roster_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolments_person_year" UNIQUE("person_id","year")
);
--> statement-breakpoint
CREATE TABLE "opening_balances" (
	"person_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"basic_paid" numeric(14, 2) NOT NULL,
	"critical_base" numeric(14, 2) NOT NULL,
	"critical_paid" numeric(14, 2) NOT NULL,
	"supplementary_paid" numeric(14, 2) NOT NULL,
	"assistance_paid" numeric(14, 2) NOT NULL,
	"assistance_other_disease_paid" numeric(14, 2) NOT NULL,
	"tilted_paid" numeric(14, 2) NOT NULL,
	"assistance_deductible_met" numeric(14, 2) NOT NULL,
	"source" text NOT NULL,
	"imported_by" uuid NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opening_balances_person_id_year_pk" PRIMARY KEY("person_id","year")
);
--> statement-breakpoint
CREATE TABLE "subsidy_rosters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"subsidy_date" date NOT NULL,
	"policy_code" varchar(32) NOT NULL,
	"parameter_version" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	"paid_by" uuid,
	"payment_reference" text,
	CONSTRAINT "subsidy_rosters_region_year" UNIQUE("region_code","year")
);
--> statement-breakpoint
CREATE TABLE "visit_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"file_name" text NOT NULL,
	"file_hash" varchar(64) NOT NULL,
	"row_count" integer NOT NULL,
	"settled_count" integer NOT NULL,
	"existing_count" integer NOT NULL,
	"refused_count" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"level" integer NOT NULL,
	"burden" numeric(14, 2) NOT NULL,
	"threshold" numeric(14, 2) NOT NULL,
	"settlement_id" uuid NOT NULL,
	"state" "alert_state" DEFAULT 'OPEN' NOT NULL,
	"close_reason" text,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"application_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alerts_person_year_level" UNIQUE("person_id","year","level")
);
--> statement-breakpoint
CREATE TABLE "application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"from_state" "application_state",
	"to_state" "application_state" NOT NULL,
	"actor_id" uuid,
	"reason" text,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" varchar(20) NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"person_id" uuid,
	"applicant_name" text NOT NULL,
	"id_number" varchar(18) NOT NULL,
	"phone" varchar(32) NOT NULL,
	"household_size" integer NOT NULL,
	"household_annual_income" numeric(14, 2) NOT NULL,
	"income_statement" text NOT NULL,
	"bills" jsonb NOT NULL,
	"reason" text NOT NULL,
	"source" "application_source" NOT NULL,
	"state" "application_state" DEFAULT 'SUBMITTED' NOT NULL,
	"missing_documents" jsonb,
	"engine_amount" numeric(14, 2),
	"engine_receipt" jsonb,
	"proposed_amount" numeric(14, 2),
	"adjustment_reason" text,
	"proposed_by" uuid,
	"decided_by" uuid,
	"decision" text,
	"payment_reference" text,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_roster_id_subsidy_rosters_id_fk" FOREIGN KEY ("roster_id") REFERENCES "public"."subsidy_rosters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_balances" ADD CONSTRAINT "opening_balances_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enrolments_roster_idx" ON "enrolments" USING btree ("roster_id");--> statement-breakpoint
CREATE INDEX "enrolments_region_year_idx" ON "enrolments" USING btree ("region_code","year");--> statement-breakpoint
CREATE INDEX "visit_imports_region_idx" ON "visit_imports" USING btree ("region_code","created_at");--> statement-breakpoint
CREATE INDEX "alerts_region_state_idx" ON "alerts" USING btree ("region_code","state","created_at");--> statement-breakpoint
CREATE INDEX "application_events_application_idx" ON "application_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE INDEX "applications_region_state_idx" ON "applications" USING btree ("region_code","state","created_at");--> statement-breakpoint
CREATE INDEX "applications_person_idx" ON "applications" USING btree ("person_id");--> statement-breakpoint
-- A case's history is append-only like the audit log (W6: who, when and why on each transition).
CREATE OR REPLACE FUNCTION append_only_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER application_events_append_only
  BEFORE UPDATE OR DELETE ON application_events
  FOR EACH ROW EXECUTE FUNCTION append_only_refuse_change();
