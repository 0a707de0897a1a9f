CREATE TABLE "incident_processing_activities" (
	"incident_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_processing_activities_incident_id_activity_id_pk" PRIMARY KEY("incident_id","activity_id")
);
--> statement-breakpoint
CREATE TABLE "processing_activities" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"service" text NOT NULL,
	"purpose" text NOT NULL,
	"subject_kinds" text[] DEFAULT '{}' NOT NULL,
	"subject_count" integer,
	"subject_countries" text[] DEFAULT '{}' NOT NULL,
	"categories" text[] DEFAULT '{}' NOT NULL,
	"special_care" boolean DEFAULT false NOT NULL,
	"my_number" boolean DEFAULT false NOT NULL,
	"special_care_basis" text DEFAULT '' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"storage_asset_ids" uuid[] DEFAULT '{}' NOT NULL,
	"retention" text DEFAULT '' NOT NULL,
	"deletion" text DEFAULT '' NOT NULL,
	"handler_person_ids" uuid[] DEFAULT '{}' NOT NULL,
	"processor_partner_ids" uuid[] DEFAULT '{}' NOT NULL,
	"transfers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"laws" text[] DEFAULT '{}' NOT NULL,
	"search" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"review_due_on" date NOT NULL,
	"last_reviewed_at" timestamp with time zone,
	"review_reminded_for" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processing_activity_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"reviewed_by" uuid NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_requests" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"type" text NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"unit_id" uuid,
	"unit_path" text,
	"service" text DEFAULT '' NOT NULL,
	"requester_name" text NOT NULL,
	"requester_contact" text NOT NULL,
	"requester_country" text DEFAULT 'JP' NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"language" text DEFAULT 'ja' NOT NULL,
	"activity_ids" uuid[] DEFAULT '{}' NOT NULL,
	"laws" text[] DEFAULT '{}' NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"identity_method" text,
	"identity_note" text DEFAULT '' NOT NULL,
	"identity_checked_at" timestamp with time zone,
	"identity_checked_by" uuid,
	"clocks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"next_warn_at" timestamp with time zone,
	"next_due_at" timestamp with time zone,
	"outcome" text,
	"answer" text DEFAULT '' NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"late_reason" text DEFAULT '' NOT NULL,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "privacy_requests_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
ALTER TABLE "incident_processing_activities" ADD CONSTRAINT "incident_processing_activities_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_processing_activities" ADD CONSTRAINT "incident_processing_activities_activity_id_processing_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."processing_activities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_activities" ADD CONSTRAINT "processing_activities_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_activity_reviews" ADD CONSTRAINT "processing_activity_reviews_activity_id_processing_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."processing_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_activity_reviews" ADD CONSTRAINT "processing_activity_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_identity_checked_by_users_id_fk" FOREIGN KEY ("identity_checked_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_processing_activities_activity_idx" ON "incident_processing_activities" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "processing_activities_path_idx" ON "processing_activities" USING btree ("unit_path" text_pattern_ops,"service","id");--> statement-breakpoint
CREATE INDEX "processing_activities_order_idx" ON "processing_activities" USING btree ("service","id");--> statement-breakpoint
CREATE INDEX "processing_activities_search_idx" ON "processing_activities" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "processing_activities_review_idx" ON "processing_activities" USING btree ("review_due_on") WHERE "processing_activities"."status" = 'active';--> statement-breakpoint
CREATE INDEX "processing_activity_reviews_activity_idx" ON "processing_activity_reviews" USING btree ("activity_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "privacy_requests_received_idx" ON "privacy_requests" USING btree ("received_at","id");--> statement-breakpoint
CREATE INDEX "privacy_requests_path_idx" ON "privacy_requests" USING btree ("unit_path" text_pattern_ops,"received_at");--> statement-breakpoint
CREATE INDEX "privacy_requests_due_idx" ON "privacy_requests" USING btree ("next_due_at") WHERE "privacy_requests"."next_due_at" IS NOT NULL;--> statement-breakpoint
CREATE TRIGGER processing_activities_row_version BEFORE UPDATE ON "processing_activities" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER privacy_requests_row_version BEFORE UPDATE ON "privacy_requests" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
