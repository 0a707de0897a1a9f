CREATE TABLE "vulnerability_cra_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vulnerability_id" uuid NOT NULL,
	"product_id" uuid,
	"stage" text NOT NULL,
	"rule_id" text NOT NULL,
	"lang" text NOT NULL,
	"document" text NOT NULL,
	"sha256" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reviewed_sha256" text,
	"self_review_reason" text,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "vulnerability_cra_clocks" ADD COLUMN "draft_id" uuid;--> statement-breakpoint
ALTER TABLE "vulnerability_cra_clocks" ADD COLUMN "draft_sha256" text;--> statement-breakpoint
ALTER TABLE "vulnerability_cra_drafts" ADD CONSTRAINT "vulnerability_cra_drafts_vulnerability_id_vulnerabilities_id_fk" FOREIGN KEY ("vulnerability_id") REFERENCES "public"."vulnerabilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_cra_drafts" ADD CONSTRAINT "vulnerability_cra_drafts_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_cra_drafts" ADD CONSTRAINT "vulnerability_cra_drafts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_cra_drafts" ADD CONSTRAINT "vulnerability_cra_drafts_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vulnerability_cra_drafts_case_idx" ON "vulnerability_cra_drafts" USING btree ("vulnerability_id","created_at");--> statement-breakpoint
ALTER TABLE "vulnerability_cra_clocks" ADD CONSTRAINT "vulnerability_cra_clocks_draft_id_vulnerability_cra_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."vulnerability_cra_drafts"("id") ON DELETE set null ON UPDATE no action;