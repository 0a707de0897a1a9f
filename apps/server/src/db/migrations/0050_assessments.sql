CREATE TABLE "assessment_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"finding_id" uuid NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"reason" text NOT NULL,
	"expires_on" date NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_finding_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"finding_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"run_id" uuid,
	"by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_findings" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"system_id" uuid NOT NULL,
	"rule_key" text NOT NULL,
	"location" text NOT NULL,
	"assessment_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"owner_person_id" uuid,
	"rule_id" text NOT NULL,
	"title" text NOT NULL,
	"severity" text NOT NULL,
	"cves" text[] DEFAULT '{}'::text[] NOT NULL,
	"cwes" text[] DEFAULT '{}'::text[] NOT NULL,
	"known_exploited" boolean DEFAULT false NOT NULL,
	"fixed" boolean DEFAULT false NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"opened_on" date NOT NULL,
	"due_on" date NOT NULL,
	"fixed_at" timestamp with time zone,
	"last_run_id" uuid,
	"incident_id" uuid
);
--> statement-breakpoint
CREATE TABLE "assessment_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"format" text NOT NULL,
	"full" boolean NOT NULL,
	"file_name" text DEFAULT '' NOT NULL,
	"sha256" text NOT NULL,
	"results" integer NOT NULL,
	"opened" integer NOT NULL,
	"reopened" integer NOT NULL,
	"fixed" integer NOT NULL,
	"seen" integer NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_targets" (
	"assessment_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"hosts" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "assessment_targets_assessment_id_system_id_pk" PRIMARY KEY("assessment_id","system_id")
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"csv_mapping" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kev_catalogs" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"file_name" text NOT NULL,
	"catalog_version" text NOT NULL,
	"cves" text[] NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_exceptions" ADD CONSTRAINT "assessment_exceptions_finding_id_assessment_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."assessment_findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_exceptions" ADD CONSTRAINT "assessment_exceptions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_exceptions" ADD CONSTRAINT "assessment_exceptions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_finding_events" ADD CONSTRAINT "assessment_finding_events_finding_id_assessment_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."assessment_findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_finding_events" ADD CONSTRAINT "assessment_finding_events_run_id_assessment_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."assessment_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_finding_events" ADD CONSTRAINT "assessment_finding_events_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_findings" ADD CONSTRAINT "assessment_findings_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_findings" ADD CONSTRAINT "assessment_findings_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_findings" ADD CONSTRAINT "assessment_findings_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_findings" ADD CONSTRAINT "assessment_findings_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_findings" ADD CONSTRAINT "assessment_findings_last_run_id_assessment_runs_id_fk" FOREIGN KEY ("last_run_id") REFERENCES "public"."assessment_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_findings" ADD CONSTRAINT "assessment_findings_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD CONSTRAINT "assessment_runs_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD CONSTRAINT "assessment_runs_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_targets" ADD CONSTRAINT "assessment_targets_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_targets" ADD CONSTRAINT "assessment_targets_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kev_catalogs" ADD CONSTRAINT "kev_catalogs_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_exceptions_finding_idx" ON "assessment_exceptions" USING btree ("finding_id","expires_on");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_exceptions_pending_uq" ON "assessment_exceptions" USING btree ("finding_id") WHERE "assessment_exceptions"."status" = 'requested';--> statement-breakpoint
CREATE INDEX "assessment_finding_events_finding_idx" ON "assessment_finding_events" USING btree ("finding_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_findings_key_uq" ON "assessment_findings" USING btree ("system_id","rule_key","location");--> statement-breakpoint
CREATE INDEX "assessment_findings_unit_idx" ON "assessment_findings" USING btree ("unit_path" text_pattern_ops,"due_on","id");--> statement-breakpoint
CREATE INDEX "assessment_findings_assessment_idx" ON "assessment_findings" USING btree ("assessment_id","fixed");--> statement-breakpoint
CREATE INDEX "assessment_findings_cves_idx" ON "assessment_findings" USING gin ("cves");--> statement-breakpoint
CREATE INDEX "assessment_runs_assessment_idx" ON "assessment_runs" USING btree ("assessment_id","imported_at");--> statement-breakpoint
CREATE INDEX "assessment_targets_system_idx" ON "assessment_targets" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "assessments_unit_idx" ON "assessments" USING btree ("unit_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE TRIGGER assessments_row_version BEFORE UPDATE ON "assessments" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
--> statement-breakpoint
CREATE TRIGGER assessment_findings_row_version BEFORE UPDATE ON "assessment_findings" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
