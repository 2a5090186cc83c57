CREATE TYPE "public"."department_code" AS ENUM('YIBAO', 'MINZHENG', 'XIANGCUN', 'TUIYI', 'CANLIAN', 'FUPIN');--> statement-breakpoint
CREATE TYPE "public"."region_level" AS ENUM('country', 'province', 'city', 'county', 'township');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('department', 'county_clerk', 'county_admin', 'supervisor');--> statement-breakpoint
CREATE TABLE "regions" (
	"code" varchar(12) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_code" varchar(12),
	"level" "region_level" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" varchar(160) PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" varchar(64) NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"region_scope" varchar(12) NOT NULL,
	"department_code" "department_code",
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_scope_digits" CHECK ("users"."region_scope" ~ '^[0-9]{2,12}$'),
	CONSTRAINT "users_department_matches_role" CHECK (("users"."role" = 'department') = ("users"."department_code" is not null))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_username" varchar(64),
	"actor_role" "role",
	"actor_scope" varchar(12),
	"action" varchar(64) NOT NULL,
	"target_type" varchar(32),
	"target_id" text,
	"client_address" varchar(64),
	"details" jsonb,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "users_scope_idx" ON "users" USING btree ("region_scope");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id");