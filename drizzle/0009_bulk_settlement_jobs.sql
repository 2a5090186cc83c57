CREATE TYPE "public"."settlement_job_state" AS ENUM('staged', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "settlement_job_refusals" (
	"job_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"message" text NOT NULL,
	CONSTRAINT "settlement_job_refusals_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
CREATE TABLE "settlement_job_rows" (
	"job_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"external_visit_number" varchar(64) NOT NULL,
	"visit_date" date NOT NULL,
	"visit" jsonb NOT NULL,
	CONSTRAINT "settlement_job_rows_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
CREATE TABLE "settlement_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"label" text NOT NULL,
	"state" "settlement_job_state" DEFAULT 'staged' NOT NULL,
	"total" integer NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"settled" integer DEFAULT 0 NOT NULL,
	"existing" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
