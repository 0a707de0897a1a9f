CREATE TABLE "bring_ins" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"site_path" text NOT NULL,
	"requester_id" uuid NOT NULL,
	"bringer_kind" text NOT NULL,
	"bringer_name" text NOT NULL,
	"bringer_company" text DEFAULT '' NOT NULL,
	"device" text NOT NULL,
	"device_note" text DEFAULT '' NOT NULL,
	"purpose" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bring_ins_period_chk" CHECK ("bring_ins"."period_from" <= "bring_ins"."period_to")
);
--> statement-breakpoint
CREATE TABLE "zone_assets" (
	"asset_id" uuid PRIMARY KEY NOT NULL,
	"zone_id" uuid NOT NULL,
	"placed_by" uuid,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zone_entrants" (
	"zone_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "zone_entrants_zone_id_person_id_pk" PRIMARY KEY("zone_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "zone_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"zone_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"found_on" date NOT NULL,
	"mailed_at" timestamp with time zone,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	CONSTRAINT "zone_findings_visit_id_unique" UNIQUE("visit_id")
);
--> statement-breakpoint
CREATE TABLE "zone_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"person_id" uuid,
	"visitor_name" text DEFAULT '' NOT NULL,
	"visitor_company" text DEFAULT '' NOT NULL,
	"host_person_id" uuid,
	"entered_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"source" text NOT NULL,
	CONSTRAINT "zone_visits_who_chk" CHECK ("zone_visits"."person_id" IS NOT NULL OR "zone_visits"."visitor_name" <> '')
);
--> statement-breakpoint
CREATE TABLE "zones" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"site_path" text NOT NULL,
	"parent_id" uuid,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"max_class_code" text NOT NULL,
	"owner_person_id" uuid NOT NULL,
	"owner_unit_id" uuid,
	"entry_all" boolean DEFAULT false NOT NULL,
	"entry_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"entry_methods" text[] NOT NULL,
	"cameras" boolean DEFAULT false NOT NULL,
	"retention_days" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "zones_site_code_uq" UNIQUE("site_id","code"),
	CONSTRAINT "zones_retention_chk" CHECK ("zones"."retention_days" > 0)
);
--> statement-breakpoint
ALTER TABLE "bring_ins" ADD CONSTRAINT "bring_ins_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bring_ins" ADD CONSTRAINT "bring_ins_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bring_ins" ADD CONSTRAINT "bring_ins_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone_assets" ADD CONSTRAINT "zone_assets_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone_assets" ADD CONSTRAINT "zone_assets_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone_assets" ADD CONSTRAINT "zone_assets_placed_by_users_id_fk" FOREIGN KEY ("placed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone_entrants" ADD CONSTRAINT "zone_entrants_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone_entrants" ADD CONSTRAINT "zone_entrants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone_findings" ADD CONSTRAINT "zone_findings_visit_id_zone_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."zone_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone_findings" ADD CONSTRAINT "zone_findings_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone_findings" ADD CONSTRAINT "zone_findings_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone_visits" ADD CONSTRAINT "zone_visits_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone_visits" ADD CONSTRAINT "zone_visits_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone_visits" ADD CONSTRAINT "zone_visits_host_person_id_people_id_fk" FOREIGN KEY ("host_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_site_id_org_units_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_parent_id_zones_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."zones"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_owner_unit_id_org_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bring_ins_requester_idx" ON "bring_ins" USING btree ("requester_id","created_at");--> statement-breakpoint
CREATE INDEX "bring_ins_zone_idx" ON "bring_ins" USING btree ("zone_id","created_at");--> statement-breakpoint
CREATE INDEX "bring_ins_pending_idx" ON "bring_ins" USING btree ("zone_id","period_to") WHERE "bring_ins"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "zone_assets_zone_idx" ON "zone_assets" USING btree ("zone_id","asset_id");--> statement-breakpoint
CREATE INDEX "zone_entrants_person_idx" ON "zone_entrants" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "zone_findings_open_idx" ON "zone_findings" USING btree ("zone_id","found_on") WHERE "zone_findings"."closed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "zone_visits_zone_idx" ON "zone_visits" USING btree ("zone_id","entered_at");--> statement-breakpoint
CREATE INDEX "zone_visits_entered_idx" ON "zone_visits" USING btree ("entered_at");--> statement-breakpoint
CREATE INDEX "zones_path_idx" ON "zones" USING btree ("site_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "zones_parent_idx" ON "zones" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "zones_owner_idx" ON "zones" USING btree ("owner_person_id");--> statement-breakpoint
CREATE TRIGGER zones_row_version BEFORE UPDATE ON "zones" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER bring_ins_row_version BEFORE UPDATE ON "bring_ins" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
