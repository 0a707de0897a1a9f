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