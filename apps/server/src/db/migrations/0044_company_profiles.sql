CREATE TABLE "company_profiles" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"ciso_person_id" uuid,
	"cpo_person_id" uuid,
	"security_office_unit_id" uuid,
	"fiscal_year_start_month" integer DEFAULT 4 NOT NULL,
	"default_language" text DEFAULT 'ja' NOT NULL,
	"time_zone" text DEFAULT 'Asia/Tokyo' NOT NULL,
	"public_name_ja" text DEFAULT '' NOT NULL,
	"public_name_en" text DEFAULT '' NOT NULL,
	"psirt_contact" text DEFAULT '' NOT NULL,
	"privacy_window" text DEFAULT '' NOT NULL,
	"modules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "company_profiles" ADD CONSTRAINT "company_profiles_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_profiles" ADD CONSTRAINT "company_profiles_ciso_person_id_people_id_fk" FOREIGN KEY ("ciso_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_profiles" ADD CONSTRAINT "company_profiles_cpo_person_id_people_id_fk" FOREIGN KEY ("cpo_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_profiles" ADD CONSTRAINT "company_profiles_security_office_unit_id_org_units_id_fk" FOREIGN KEY ("security_office_unit_id") REFERENCES "public"."org_units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE TRIGGER company_profiles_row_version BEFORE UPDATE ON "company_profiles" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();