CREATE TABLE "scoped_setting_versions" (
	"key" text NOT NULL,
	"scope" text NOT NULL,
	"version" integer NOT NULL,
	"value" jsonb NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scoped_setting_versions_key_scope_version_pk" PRIMARY KEY("key","scope","version")
);
--> statement-breakpoint
CREATE TABLE "scoped_settings" (
	"key" text NOT NULL,
	"scope" text NOT NULL,
	"value" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scoped_settings_key_scope_pk" PRIMARY KEY("key","scope")
);
--> statement-breakpoint
CREATE TABLE "asset_partners" (
	"asset_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"shared_by" uuid,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_partners_asset_id_partner_id_pk" PRIMARY KEY("asset_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"class_code" text NOT NULL,
	"confidentiality" smallint NOT NULL,
	"integrity" smallint NOT NULL,
	"availability" smallint NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"personal_data" boolean DEFAULT false NOT NULL,
	"personal_categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"retention" text DEFAULT '' NOT NULL,
	"disposal" text DEFAULT '' NOT NULL,
	"original_id" uuid,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "asset_partners" ADD CONSTRAINT "asset_partners_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_partners" ADD CONSTRAINT "asset_partners_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_original_id_assets_id_fk" FOREIGN KEY ("original_id") REFERENCES "public"."assets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "asset_partners_partner_idx" ON "asset_partners" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "assets_unit_idx" ON "assets" USING btree ("unit_id","class_code","name","id");--> statement-breakpoint
CREATE INDEX "assets_path_idx" ON "assets" USING btree ("unit_path" text_pattern_ops,"class_code");--> statement-breakpoint
CREATE INDEX "assets_owner_idx" ON "assets" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "assets_original_idx" ON "assets" USING btree ("original_id");--> statement-breakpoint
CREATE INDEX "assets_name_trgm_idx" ON "assets" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE TRIGGER assets_row_version BEFORE UPDATE ON "assets" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();