CREATE TABLE "approved_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"service_name" text NOT NULL,
	"provider_name" text NOT NULL,
	"max_class_code" text NOT NULL,
	"personal_data" boolean NOT NULL,
	"storage_country" text NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"approved_on" date NOT NULL,
	"re_review_on" date NOT NULL,
	CONSTRAINT "approved_services_review_id_unique" UNIQUE("review_id")
);
--> statement-breakpoint
CREATE TABLE "coverage_sources" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"columns" jsonb NOT NULL,
	"last_import_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coverage_sources_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "service_reviews" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"requester_id" uuid,
	"service_name" text NOT NULL,
	"provider_name" text NOT NULL,
	"provider_partner_id" uuid,
	"purpose" text NOT NULL,
	"class_code" text NOT NULL,
	"personal_data" boolean NOT NULL,
	"storage_country" text NOT NULL,
	"certifications" text[] DEFAULT '{}'::text[] NOT NULL,
	"sso_mfa" boolean NOT NULL,
	"encryption" boolean NOT NULL,
	"logs" boolean NOT NULL,
	"exit_terms" text DEFAULT '' NOT NULL,
	"answers" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"approved_class_code" text,
	"conditions" text DEFAULT '' NOT NULL,
	"reasons" text DEFAULT '' NOT NULL,
	"re_review_on" date,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_certificates" (
	"system_id" uuid PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"user_name" text DEFAULT '' NOT NULL,
	"system_id" uuid,
	"edr_seen_at" timestamp with time zone,
	"agent_version" text DEFAULT '' NOT NULL,
	"pattern_date" date,
	"mdm_seen_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "system_devices_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "system_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"system_id" uuid,
	"device_id" uuid,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"owner_person_id" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "system_findings_target_chk" CHECK ("system_findings"."device_id" IS NOT NULL OR "system_findings"."system_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "systems" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"administrator_person_id" uuid,
	"provider_partner_id" uuid,
	"max_class_code" text NOT NULL,
	"internet_facing" boolean DEFAULT false NOT NULL,
	"production_line" text DEFAULT '' NOT NULL,
	"zone_id" uuid,
	"conduits" text[] DEFAULT '{}'::text[] NOT NULL,
	"epp" boolean DEFAULT false NOT NULL,
	"edr" boolean DEFAULT false NOT NULL,
	"mfa" boolean DEFAULT false NOT NULL,
	"waf" boolean DEFAULT false NOT NULL,
	"backup_frequency" text DEFAULT 'none' NOT NULL,
	"last_restore_test_on" date,
	"log_retention_days" integer DEFAULT 0 NOT NULL,
	"network_isolated" boolean DEFAULT false NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"retired_on" date,
	"erasure_method" text,
	"contractor_partner_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "systems_retired_chk" CHECK (("systems"."status" = 'active') = ("systems"."retired_on" IS NULL) AND ("systems"."erasure_method" IS NULL OR "systems"."contractor_partner_id" IS NULL)),
	CONSTRAINT "systems_log_retention_chk" CHECK ("systems"."log_retention_days" >= 0)
);
--> statement-breakpoint
ALTER TABLE "approved_services" ADD CONSTRAINT "approved_services_review_id_service_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."service_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_reviews" ADD CONSTRAINT "service_reviews_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_reviews" ADD CONSTRAINT "service_reviews_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_reviews" ADD CONSTRAINT "service_reviews_provider_partner_id_partners_id_fk" FOREIGN KEY ("provider_partner_id") REFERENCES "public"."partners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_reviews" ADD CONSTRAINT "service_reviews_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_certificates" ADD CONSTRAINT "system_certificates_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_certificates" ADD CONSTRAINT "system_certificates_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_devices" ADD CONSTRAINT "system_devices_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_devices" ADD CONSTRAINT "system_devices_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_findings" ADD CONSTRAINT "system_findings_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_findings" ADD CONSTRAINT "system_findings_device_id_system_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."system_devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_findings" ADD CONSTRAINT "system_findings_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_findings" ADD CONSTRAINT "system_findings_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_administrator_person_id_people_id_fk" FOREIGN KEY ("administrator_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_provider_partner_id_partners_id_fk" FOREIGN KEY ("provider_partner_id") REFERENCES "public"."partners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_contractor_partner_id_partners_id_fk" FOREIGN KEY ("contractor_partner_id") REFERENCES "public"."partners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approved_services_name_idx" ON "approved_services" USING btree ("service_name","id");--> statement-breakpoint
CREATE INDEX "service_reviews_unit_idx" ON "service_reviews" USING btree ("unit_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "service_reviews_pending_idx" ON "service_reviews" USING btree ("created_at") WHERE "service_reviews"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "system_devices_unit_path_idx" ON "system_devices" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "system_findings_open_uq" ON "system_findings" USING btree ("kind",coalesce("device_id", "system_id")) WHERE "system_findings"."closed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "system_findings_unit_idx" ON "system_findings" USING btree ("unit_path" text_pattern_ops,"opened_at");--> statement-breakpoint
CREATE INDEX "system_findings_system_idx" ON "system_findings" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "systems_unit_path_idx" ON "systems" USING btree ("unit_path" text_pattern_ops,"name","id");--> statement-breakpoint
CREATE INDEX "systems_name_idx" ON "systems" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "systems_admin_idx" ON "systems" USING btree ("administrator_person_id");--> statement-breakpoint
CREATE TRIGGER systems_row_version BEFORE UPDATE ON "systems" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
--> statement-breakpoint
CREATE TRIGGER coverage_sources_row_version BEFORE UPDATE ON "coverage_sources" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
--> statement-breakpoint
CREATE TRIGGER service_reviews_row_version BEFORE UPDATE ON "service_reviews" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
