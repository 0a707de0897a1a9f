CREATE TABLE "tara_analyses" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"release_id" uuid,
	"title" text NOT NULL,
	"method_version" integer NOT NULL,
	"boundary" text,
	"functions" text,
	"environment" text,
	"assumptions" text,
	"risk_owner_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tara_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"analysis_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"properties" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tara_damage_scenarios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"analysis_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"impacts" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tara_methods" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"based_on_version" integer,
	"note" text,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	CONSTRAINT "tara_methods_version_unique" UNIQUE("version")
);
--> statement-breakpoint
CREATE TABLE "tara_attack_nodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"analysis_id" uuid NOT NULL,
	"threat_id" uuid NOT NULL,
	"parent_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"ratings" jsonb
);
--> statement-breakpoint
CREATE TABLE "tara_threat_damages" (
	"analysis_id" uuid NOT NULL,
	"threat_id" uuid NOT NULL,
	"damage_id" uuid NOT NULL,
	CONSTRAINT "tara_threat_damages_threat_id_damage_id_pk" PRIMARY KEY("threat_id","damage_id")
);
--> statement-breakpoint
CREATE TABLE "tara_threat_scenarios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"analysis_id" uuid NOT NULL,
	"title" text NOT NULL,
	"asset_id" uuid NOT NULL,
	"property" text NOT NULL,
	"cause" text,
	"stride" text
);
--> statement-breakpoint
CREATE TABLE "tara_treatments" (
	"analysis_id" uuid NOT NULL,
	"threat_id" uuid NOT NULL,
	"damage_id" uuid NOT NULL,
	"treatment" text NOT NULL,
	"statement" text NOT NULL,
	"cal" integer,
	"rationale" text,
	"residual_value" integer,
	"signed_by" uuid,
	"signed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tara_treatments_threat_id_damage_id_pk" PRIMARY KEY("threat_id","damage_id")
);
--> statement-breakpoint
ALTER TABLE "tara_analyses" ADD CONSTRAINT "tara_analyses_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_analyses" ADD CONSTRAINT "tara_analyses_release_id_product_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."product_releases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_analyses" ADD CONSTRAINT "tara_analyses_method_version_tara_methods_version_fk" FOREIGN KEY ("method_version") REFERENCES "public"."tara_methods"("version") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_analyses" ADD CONSTRAINT "tara_analyses_risk_owner_id_users_id_fk" FOREIGN KEY ("risk_owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_assets" ADD CONSTRAINT "tara_assets_analysis_id_tara_analyses_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."tara_analyses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_damage_scenarios" ADD CONSTRAINT "tara_damage_scenarios_analysis_id_tara_analyses_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."tara_analyses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_methods" ADD CONSTRAINT "tara_methods_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_methods" ADD CONSTRAINT "tara_methods_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_attack_nodes" ADD CONSTRAINT "tara_attack_nodes_analysis_id_tara_analyses_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."tara_analyses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_attack_nodes" ADD CONSTRAINT "tara_attack_nodes_threat_id_tara_threat_scenarios_id_fk" FOREIGN KEY ("threat_id") REFERENCES "public"."tara_threat_scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_threat_damages" ADD CONSTRAINT "tara_threat_damages_analysis_id_tara_analyses_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."tara_analyses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_threat_damages" ADD CONSTRAINT "tara_threat_damages_threat_id_tara_threat_scenarios_id_fk" FOREIGN KEY ("threat_id") REFERENCES "public"."tara_threat_scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_threat_damages" ADD CONSTRAINT "tara_threat_damages_damage_id_tara_damage_scenarios_id_fk" FOREIGN KEY ("damage_id") REFERENCES "public"."tara_damage_scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_threat_scenarios" ADD CONSTRAINT "tara_threat_scenarios_analysis_id_tara_analyses_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."tara_analyses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_threat_scenarios" ADD CONSTRAINT "tara_threat_scenarios_asset_id_tara_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."tara_assets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_treatments" ADD CONSTRAINT "tara_treatments_analysis_id_tara_analyses_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."tara_analyses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_treatments" ADD CONSTRAINT "tara_treatments_threat_id_tara_threat_scenarios_id_fk" FOREIGN KEY ("threat_id") REFERENCES "public"."tara_threat_scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_treatments" ADD CONSTRAINT "tara_treatments_damage_id_tara_damage_scenarios_id_fk" FOREIGN KEY ("damage_id") REFERENCES "public"."tara_damage_scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_treatments" ADD CONSTRAINT "tara_treatments_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tara_analyses_product_idx" ON "tara_analyses" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "tara_assets_analysis_idx" ON "tara_assets" USING btree ("analysis_id");--> statement-breakpoint
CREATE INDEX "tara_damage_scenarios_analysis_idx" ON "tara_damage_scenarios" USING btree ("analysis_id");--> statement-breakpoint
CREATE INDEX "tara_attack_nodes_analysis_idx" ON "tara_attack_nodes" USING btree ("analysis_id");--> statement-breakpoint
CREATE INDEX "tara_attack_nodes_parent_idx" ON "tara_attack_nodes" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "tara_threat_damages_analysis_idx" ON "tara_threat_damages" USING btree ("analysis_id");--> statement-breakpoint
CREATE INDEX "tara_threat_scenarios_analysis_idx" ON "tara_threat_scenarios" USING btree ("analysis_id");--> statement-breakpoint
CREATE INDEX "tara_treatments_analysis_idx" ON "tara_treatments" USING btree ("analysis_id");--> statement-breakpoint
CREATE TRIGGER tara_methods_row_version BEFORE UPDATE ON "tara_methods" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER tara_analyses_row_version BEFORE UPDATE ON "tara_analyses" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
