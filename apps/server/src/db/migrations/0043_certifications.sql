CREATE TABLE "certification_audits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"certification_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"held_on" date,
	"findings" text DEFAULT '' NOT NULL,
	"reminded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "certification_files" (
	"certification_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certification_scope_units" (
	"certification_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	CONSTRAINT "certification_scope_units_certification_id_org_unit_id_pk" PRIMARY KEY("certification_id","org_unit_id")
);
--> statement-breakpoint
CREATE TABLE "certifications" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"standard" text NOT NULL,
	"edition" text NOT NULL,
	"assessment_level" text DEFAULT '' NOT NULL,
	"labels" text[] DEFAULT '{}'::text[] NOT NULL,
	"registration_number" text NOT NULL,
	"certification_body" text NOT NULL,
	"accreditation" text DEFAULT '' NOT NULL,
	"first_registered_on" date,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"scope_ja" text DEFAULT '' NOT NULL,
	"scope_en" text DEFAULT '' NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"expiry_reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certifications_validity_ck" CHECK ("certifications"."valid_to" >= "certifications"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "certification_audits" ADD CONSTRAINT "certification_audits_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_files" ADD CONSTRAINT "certification_files_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_files" ADD CONSTRAINT "certification_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_scope_units" ADD CONSTRAINT "certification_scope_units_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_scope_units" ADD CONSTRAINT "certification_scope_units_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_company_id_org_units_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certification_audits_cert_idx" ON "certification_audits" USING btree ("certification_id","date");--> statement-breakpoint
CREATE INDEX "certification_scope_units_unit_idx" ON "certification_scope_units" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "certifications_company_idx" ON "certifications" USING btree ("company_id","standard");--> statement-breakpoint
CREATE INDEX "certifications_valid_to_idx" ON "certifications" USING btree ("valid_to");--> statement-breakpoint
CREATE TRIGGER certifications_row_version BEFORE UPDATE ON "certifications" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TABLE "group_incident_shares" (
	"incident_id" uuid PRIMARY KEY NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reasons" text[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "group_incident_shares" ADD CONSTRAINT "group_incident_shares_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE restrict ON UPDATE no action;