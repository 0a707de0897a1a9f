CREATE TABLE "report_files" (
	"run_id" uuid NOT NULL,
	"format" text NOT NULL,
	"sha256" text NOT NULL,
	"bytes" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_files_run_id_format_pk" PRIMARY KEY("run_id","format")
);
--> statement-breakpoint
CREATE TABLE "report_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" text NOT NULL,
	"title" text NOT NULL,
	"definition" jsonb NOT NULL,
	"fiscal_year" integer NOT NULL,
	"unit_id" uuid,
	"scope_paths" jsonb NOT NULL,
	"read_path" text NOT NULL,
	"language" text NOT NULL,
	"formats" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"error" jsonb,
	"data_as_of" timestamp with time zone,
	"generated_by" uuid,
	"generated_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_templates" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"copied_from" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_files" ADD CONSTRAINT "report_files_run_id_report_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."report_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_generated_by_users_id_fk" FOREIGN KEY ("generated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_templates" ADD CONSTRAINT "report_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_runs_created_idx" ON "report_runs" USING btree ("created_at","id");--> statement-breakpoint
CREATE TRIGGER report_templates_row_version BEFORE UPDATE ON "report_templates" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
-- "Needs my attention" reads open improvement requests by owner and running clocks by case (issue #15).
CREATE INDEX IF NOT EXISTS "improvement_requests_owner_open_idx" ON "improvement_requests" ("owner_id", "due_on") WHERE status IN ('open', 'returned', 'answered');--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "incident_deadlines_incident_running_idx" ON "incident_deadlines" ("incident_id", "due_at") WHERE met_at IS NULL AND waived_at IS NULL AND obsolete_at IS NULL;
