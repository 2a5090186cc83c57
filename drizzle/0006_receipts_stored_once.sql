CREATE TABLE "receipt_parameter_sets" (
	"key" char(64) PRIMARY KEY NOT NULL,
	"policy_code" varchar(32) NOT NULL,
	"policy_document" text NOT NULL,
	"parameter_version" text NOT NULL,
	"known_categories" jsonb NOT NULL,
	"parameters" jsonb NOT NULL,
	"rules" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "settlements" ALTER COLUMN "result" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "settlements" ADD COLUMN "engine_version" varchar(32) NOT NULL;--> statement-breakpoint
ALTER TABLE "settlements" ADD COLUMN "receipt_request" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "settlements" ADD COLUMN "receipt_parameter_set" char(64) NOT NULL;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_receipt_parameter_set_receipt_parameter_sets_key_fk" FOREIGN KEY ("receipt_parameter_set") REFERENCES "public"."receipt_parameter_sets"("key") ON DELETE no action ON UPDATE no action;