CREATE TYPE "public"."category" AS ENUM('TEKUN', 'DIBAO', 'DIBIAN', 'YINBING', 'FANPIN', 'JIANCE', 'YOUFU', 'ZHONGCAN', 'JIANDANG', 'NONE');--> statement-breakpoint
CREATE TYPE "public"."conflict_kind" AS ENUM('NAME_MISMATCH', 'ADDED_AND_REMOVED', 'WRONG_DEPARTMENT');--> statement-breakpoint
CREATE TYPE "public"."conflict_status" AS ENUM('open', 'resolved', 'not_conflict');--> statement-breakpoint
CREATE TYPE "public"."row_outcome" AS ENUM('pending', 'dropped', 'applied', 'unchanged', 'conflict', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."reconciliation_status" AS ENUM('needs_review', 'completed');--> statement-breakpoint
CREATE TYPE "public"."submission_status" AS ENUM('draft', 'confirmed', 'superseded', 'discarded');--> statement-breakpoint
CREATE TABLE "conflict_dismissals" (
	"region_code" varchar(6) NOT NULL,
	"id_number" varchar(18) NOT NULL,
	"kind" "conflict_kind" NOT NULL,
	"pair_key" text NOT NULL,
	"reason" text NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conflict_dismissals_region_code_id_number_kind_pair_key_pk" PRIMARY KEY("region_code","id_number","kind","pair_key")
);
--> statement-breakpoint
CREATE TABLE "identities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"category" "category" NOT NULL,
	"department_code" "department_code" NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"source_submission_id" uuid,
	"closed_by_submission_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "list_submission_rows" (
	"submission_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"id_number" varchar(18) NOT NULL,
	"name" text NOT NULL,
	"category" "category" NOT NULL,
	"change_type" varchar(8) NOT NULL,
	"certified_on" date NOT NULL,
	"township_code" varchar(12) NOT NULL,
	"phone" varchar(32),
	"outcome" "row_outcome" DEFAULT 'pending' NOT NULL,
	"note" text,
	CONSTRAINT "list_submission_rows_submission_id_row_number_pk" PRIMARY KEY("submission_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "list_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"department_code" "department_code" NOT NULL,
	"month" char(7) NOT NULL,
	"file_name" text NOT NULL,
	"file_hash" char(64) NOT NULL,
	"format" varchar(8) NOT NULL,
	"encoding" varchar(16),
	"status" "submission_status" DEFAULT 'draft' NOT NULL,
	"row_count" integer NOT NULL,
	"dropped_count" integer DEFAULT 0 NOT NULL,
	"preview" jsonb NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "list_submissions_same_content" UNIQUE("region_code","department_code","month","file_hash")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"id_number" varchar(18) NOT NULL,
	"name" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"township_code" varchar(12) NOT NULL,
	"phone" varchar(32),
	"birth_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_id_number_unique" UNIQUE("id_number")
);
--> statement-breakpoint
CREATE TABLE "reconciliation_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"id_number" varchar(18) NOT NULL,
	"kind" "conflict_kind" NOT NULL,
	"pair_key" text NOT NULL,
	"details" jsonb NOT NULL,
	"status" "conflict_status" DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reconciliation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"month" char(7) NOT NULL,
	"version" integer NOT NULL,
	"status" "reconciliation_status" NOT NULL,
	"summary" jsonb NOT NULL,
	"run_by" uuid NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "reconciliation_runs_version" UNIQUE("region_code","month","version")
);
--> statement-breakpoint
CREATE TABLE "registry_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"month" char(7) NOT NULL,
	"version" integer NOT NULL,
	"run_id" uuid NOT NULL,
	"counts" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_snapshots_version" UNIQUE("region_code","month","version")
);
--> statement-breakpoint
CREATE TABLE "snapshot_members" (
	"snapshot_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"category" "category" NOT NULL,
	"department_code" "department_code",
	CONSTRAINT "snapshot_members_snapshot_id_person_id_pk" PRIMARY KEY("snapshot_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "identities" ADD CONSTRAINT "identities_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identities" ADD CONSTRAINT "identities_source_submission_id_list_submissions_id_fk" FOREIGN KEY ("source_submission_id") REFERENCES "public"."list_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identities" ADD CONSTRAINT "identities_closed_by_submission_id_list_submissions_id_fk" FOREIGN KEY ("closed_by_submission_id") REFERENCES "public"."list_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_submission_rows" ADD CONSTRAINT "list_submission_rows_submission_id_list_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."list_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_conflicts" ADD CONSTRAINT "reconciliation_conflicts_run_id_reconciliation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."reconciliation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_snapshots" ADD CONSTRAINT "registry_snapshots_run_id_reconciliation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."reconciliation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_members" ADD CONSTRAINT "snapshot_members_snapshot_id_registry_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."registry_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_members" ADD CONSTRAINT "snapshot_members_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "identities_person_idx" ON "identities" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "identities_open_idx" ON "identities" USING btree ("category") WHERE "identities"."valid_to" is null;--> statement-breakpoint
CREATE INDEX "list_submission_rows_id_idx" ON "list_submission_rows" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "list_submissions_month_idx" ON "list_submissions" USING btree ("region_code","month");--> statement-breakpoint
CREATE INDEX "persons_region_name_idx" ON "persons" USING btree ("region_code","name");--> statement-breakpoint
CREATE INDEX "persons_township_idx" ON "persons" USING btree ("township_code");--> statement-breakpoint
CREATE INDEX "reconciliation_conflicts_run_idx" ON "reconciliation_conflicts" USING btree ("run_id");