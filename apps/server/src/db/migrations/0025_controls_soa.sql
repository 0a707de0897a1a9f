CREATE TABLE "control_status_answers" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"site_id" uuid,
	"answers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	CONSTRAINT "control_status_answers_unit_uq" UNIQUE("request_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "control_status_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"control_ids" jsonb NOT NULL,
	"root_unit_ids" jsonb NOT NULL,
	"due_date" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reminded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "soa_entries" (
	"version_id" uuid NOT NULL,
	"control_id" text NOT NULL,
	"applicable" boolean,
	"justification" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"policies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "soa_entries_version_id_control_id_pk" PRIMARY KEY("version_id","control_id")
);
--> statement-breakpoint
CREATE TABLE "soa_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"control_id" text NOT NULL,
	"content_id" uuid NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "soa_evidence_content" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "soa_versions" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"soa_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"return_reason" text,
	CONSTRAINT "soa_versions_number_uq" UNIQUE("soa_id","number")
);
--> statement-breakpoint
CREATE TABLE "soas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope_unit_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "soas_scope_unit_id_unique" UNIQUE("scope_unit_id")
);
--> statement-breakpoint
ALTER TABLE "control_status_answers" ADD CONSTRAINT "control_status_answers_request_id_control_status_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."control_status_requests"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_status_answers" ADD CONSTRAINT "control_status_answers_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_status_answers" ADD CONSTRAINT "control_status_answers_site_id_org_units_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_status_answers" ADD CONSTRAINT "control_status_answers_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_status_requests" ADD CONSTRAINT "control_status_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soa_entries" ADD CONSTRAINT "soa_entries_version_id_soa_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."soa_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soa_entries" ADD CONSTRAINT "soa_entries_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soa_evidence" ADD CONSTRAINT "soa_evidence_version_id_soa_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."soa_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soa_evidence" ADD CONSTRAINT "soa_evidence_content_id_soa_evidence_content_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."soa_evidence_content"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soa_evidence" ADD CONSTRAINT "soa_evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soa_versions" ADD CONSTRAINT "soa_versions_soa_id_soas_id_fk" FOREIGN KEY ("soa_id") REFERENCES "public"."soas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soa_versions" ADD CONSTRAINT "soa_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soa_versions" ADD CONSTRAINT "soa_versions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soa_versions" ADD CONSTRAINT "soa_versions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soas" ADD CONSTRAINT "soas_scope_unit_id_org_units_id_fk" FOREIGN KEY ("scope_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soas" ADD CONSTRAINT "soas_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "control_status_answers_path_idx" ON "control_status_answers" USING btree ("request_id","unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "soa_evidence_entry_idx" ON "soa_evidence" USING btree ("version_id","control_id");--> statement-breakpoint
CREATE UNIQUE INDEX "soa_versions_one_open_uq" ON "soa_versions" USING btree ("soa_id") WHERE "soa_versions"."status" <> 'approved';--> statement-breakpoint
CREATE TRIGGER soa_versions_row_version BEFORE UPDATE ON "soa_versions" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER control_status_answers_row_version BEFORE UPDATE ON "control_status_answers" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE FUNCTION mamori_soa_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'approved' THEN
    RAISE EXCEPTION 'an approved SoA version is frozen';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;--> statement-breakpoint
CREATE TRIGGER soa_versions_frozen BEFORE UPDATE OR DELETE ON "soa_versions" FOR EACH ROW EXECUTE FUNCTION mamori_soa_version_frozen();--> statement-breakpoint
CREATE FUNCTION mamori_soa_entry_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM soa_versions v WHERE v.id = OLD.version_id AND v.status = 'approved') THEN
    RAISE EXCEPTION 'the entries of an approved SoA version are frozen';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;--> statement-breakpoint
CREATE TRIGGER soa_entries_frozen BEFORE UPDATE OR DELETE ON "soa_entries" FOR EACH ROW EXECUTE FUNCTION mamori_soa_entry_frozen();--> statement-breakpoint
CREATE TRIGGER soa_evidence_frozen BEFORE UPDATE OR DELETE ON "soa_evidence" FOR EACH ROW EXECUTE FUNCTION mamori_soa_entry_frozen();
