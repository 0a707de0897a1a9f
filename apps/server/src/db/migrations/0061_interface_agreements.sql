CREATE TABLE "tara_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"analysis_id" uuid NOT NULL,
	"source" text NOT NULL,
	"vulnerability_id" uuid,
	"reference" text NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"reassessed_threat_ids" uuid[]
);
--> statement-breakpoint
CREATE TABLE "interface_agreement_activities" (
	"agreement_id" uuid NOT NULL,
	"activity" text NOT NULL,
	"position" integer NOT NULL,
	"own" text[] NOT NULL,
	"counterpart" text[] NOT NULL,
	"note" text,
	CONSTRAINT "interface_agreement_activities_agreement_id_activity_pk" PRIMARY KEY("agreement_id","activity")
);
--> statement-breakpoint
CREATE TABLE "interface_agreements" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"tara_analysis_id" uuid,
	"programme" text NOT NULL,
	"counterpart_kind" text NOT NULL,
	"counterpart_name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"effective_from" date,
	"support_until" date,
	"incident_notification_hours" integer,
	"information_sharing" text,
	"audit_rights" text,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tara_reviews" ADD CONSTRAINT "tara_reviews_analysis_id_tara_analyses_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."tara_analyses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_reviews" ADD CONSTRAINT "tara_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tara_reviews" ADD CONSTRAINT "tara_reviews_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interface_agreement_activities" ADD CONSTRAINT "interface_agreement_activities_agreement_id_interface_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."interface_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interface_agreements" ADD CONSTRAINT "interface_agreements_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interface_agreements" ADD CONSTRAINT "interface_agreements_tara_analysis_id_tara_analyses_id_fk" FOREIGN KEY ("tara_analysis_id") REFERENCES "public"."tara_analyses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tara_reviews_analysis_idx" ON "tara_reviews" USING btree ("analysis_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tara_reviews_open_case_idx" ON "tara_reviews" USING btree ("analysis_id","vulnerability_id") WHERE "tara_reviews"."resolved_at" IS NULL AND "tara_reviews"."vulnerability_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "interface_agreements_product_idx" ON "interface_agreements" USING btree ("product_id");--> statement-breakpoint
CREATE TRIGGER interface_agreements_row_version BEFORE UPDATE ON "interface_agreements" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
