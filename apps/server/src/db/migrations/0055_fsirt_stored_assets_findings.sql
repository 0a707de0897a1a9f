CREATE TABLE "fsirt_impacts" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"system_id" uuid NOT NULL,
	"production_line" text NOT NULL,
	"line_stopped" boolean NOT NULL,
	"stopped_hours" numeric(7, 2) DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fsirt_impacts_hours_chk" CHECK ("fsirt_impacts"."stopped_hours" >= 0 AND ("fsirt_impacts"."line_stopped" OR "fsirt_impacts"."stopped_hours" = 0))
);
--> statement-breakpoint
ALTER TABLE "systems" ADD COLUMN "product" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "systems" ADD COLUMN "product_version" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "fsirt_impacts" ADD CONSTRAINT "fsirt_impacts_id_incidents_id_fk" FOREIGN KEY ("id") REFERENCES "public"."incidents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fsirt_impacts" ADD CONSTRAINT "fsirt_impacts_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fsirt_impacts" ADD CONSTRAINT "fsirt_impacts_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fsirt_impacts_system_idx" ON "fsirt_impacts" USING btree ("system_id");--> statement-breakpoint
CREATE TRIGGER fsirt_impacts_row_version BEFORE UPDATE ON "fsirt_impacts" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
--> statement-breakpoint
CREATE TABLE "system_assets" (
	"system_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "system_assets_system_id_asset_id_pk" PRIMARY KEY("system_id","asset_id")
);
--> statement-breakpoint
ALTER TABLE "systems" ADD COLUMN "approved_service_id" uuid;--> statement-breakpoint
ALTER TABLE "system_assets" ADD CONSTRAINT "system_assets_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_assets" ADD CONSTRAINT "system_assets_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_assets" ADD CONSTRAINT "system_assets_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "system_assets_asset_idx" ON "system_assets" USING btree ("asset_id");--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_approved_service_id_approved_services_id_fk" FOREIGN KEY ("approved_service_id") REFERENCES "public"."approved_services"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "assessment_findings_incident_idx" ON "assessment_findings" USING btree ("incident_id") WHERE "assessment_findings"."incident_id" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "assessment_findings_due_idx" ON "assessment_findings" USING btree ("due_on","id");