CREATE TABLE "audit_checklist_items" (
	"audit_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"position" integer NOT NULL,
	"source" text NOT NULL,
	"reference" text NOT NULL,
	"question_ja" text NOT NULL,
	"question_en" text NOT NULL,
	"result" text,
	"notes" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone,
	CONSTRAINT "audit_checklist_items_audit_id_ref_pk" PRIMARY KEY("audit_id","ref")
);
--> statement-breakpoint
CREATE TABLE "audit_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_findings" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"type" text NOT NULL,
	"reference_kind" text NOT NULL,
	"reference" text NOT NULL,
	"statement" text NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"state" text NOT NULL,
	"due_date" date,
	"root_cause" text,
	"why_steps" jsonb,
	"action_plan" text,
	"action_owner" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"effectiveness_check" text,
	"verified_by" uuid,
	"closed_at" timestamp with time zone,
	"reopen_reason" text,
	"escalated_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_findings_number_uq" UNIQUE("audit_id","number"),
	CONSTRAINT "audit_findings_closed_checked_ck" CHECK ("audit_findings"."state" <> 'closed' OR ("audit_findings"."effectiveness_check" IS NOT NULL AND length(trim("audit_findings"."effectiveness_check")) > 0))
);
--> statement-breakpoint
CREATE TABLE "audit_programmes" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_year" integer NOT NULL,
	"scope_unit_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"title" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_programmes_fy_scope_uq" UNIQUE("fiscal_year","scope_unit_id")
);
--> statement-breakpoint
CREATE TABLE "internal_auditors" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"qualified_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"qualification_source" text DEFAULT 'manual' NOT NULL,
	"training" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "internal_auditors_person_id_unique" UNIQUE("person_id"),
	CONSTRAINT "internal_auditors_dates_ck" CHECK ("internal_auditors"."expires_on" >= "internal_auditors"."qualified_on")
);
--> statement-breakpoint
CREATE TABLE "internal_audits" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"mode" text DEFAULT 'on_site' NOT NULL,
	"planned_from" date NOT NULL,
	"planned_to" date NOT NULL,
	"lead_auditor_id" uuid NOT NULL,
	"co_auditor_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"scope" text DEFAULT '' NOT NULL,
	"conclusion" text DEFAULT '' NOT NULL,
	"interviews" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"follow_up_of" uuid,
	"started_at" timestamp with time zone,
	"reported_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "internal_audits_dates_ck" CHECK ("internal_audits"."planned_to" >= "internal_audits"."planned_from")
);
--> statement-breakpoint
ALTER TABLE "audit_checklist_items" ADD CONSTRAINT "audit_checklist_items_audit_id_internal_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."internal_audits"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_checklist_items" ADD CONSTRAINT "audit_checklist_items_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_evidence" ADD CONSTRAINT "audit_evidence_audit_id_internal_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."internal_audits"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_evidence" ADD CONSTRAINT "audit_evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_findings" ADD CONSTRAINT "audit_findings_audit_id_internal_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."internal_audits"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_findings" ADD CONSTRAINT "audit_findings_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_findings" ADD CONSTRAINT "audit_findings_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_findings" ADD CONSTRAINT "audit_findings_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_findings" ADD CONSTRAINT "audit_findings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_programmes" ADD CONSTRAINT "audit_programmes_scope_unit_id_org_units_id_fk" FOREIGN KEY ("scope_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_programmes" ADD CONSTRAINT "audit_programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internal_auditors" ADD CONSTRAINT "internal_auditors_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internal_audits" ADD CONSTRAINT "internal_audits_programme_id_audit_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."audit_programmes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internal_audits" ADD CONSTRAINT "internal_audits_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internal_audits" ADD CONSTRAINT "internal_audits_lead_auditor_id_internal_auditors_id_fk" FOREIGN KEY ("lead_auditor_id") REFERENCES "public"."internal_auditors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_evidence_audit_idx" ON "audit_evidence" USING btree ("audit_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "audit_findings_path_idx" ON "audit_findings" USING btree ("unit_path" text_pattern_ops,"fiscal_year");--> statement-breakpoint
CREATE INDEX "audit_findings_due_idx" ON "audit_findings" USING btree ("due_date") WHERE "audit_findings"."state" IN ('open', 'answered');--> statement-breakpoint
CREATE INDEX "internal_audits_programme_idx" ON "internal_audits" USING btree ("programme_id","planned_from");--> statement-breakpoint
CREATE INDEX "internal_audits_path_idx" ON "internal_audits" USING btree ("unit_path" text_pattern_ops,"fiscal_year");--> statement-breakpoint
CREATE INDEX "internal_audits_unit_idx" ON "internal_audits" USING btree ("unit_id","planned_to");--> statement-breakpoint
CREATE INDEX "internal_audits_lead_idx" ON "internal_audits" USING btree ("lead_auditor_id","state");--> statement-breakpoint
CREATE INDEX "internal_audits_co_idx" ON "internal_audits" USING gin ("co_auditor_ids");--> statement-breakpoint
-- The row version of the main internal-audit records is bumped by the database on every update (migration 0020).
CREATE TRIGGER internal_auditors_row_version BEFORE UPDATE ON "internal_auditors" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER audit_programmes_row_version BEFORE UPDATE ON "audit_programmes" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER internal_audits_row_version BEFORE UPDATE ON "internal_audits" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER audit_findings_row_version BEFORE UPDATE ON "audit_findings" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
