CREATE TABLE "product_threat_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"reviewed_by" uuid,
	"note" text,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_threats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"release_id" uuid,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"attack_path" text,
	"likelihood" text NOT NULL,
	"impact" text NOT NULL,
	"mitigations" text,
	"residual_risk" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "product_threat_reviews" ADD CONSTRAINT "product_threat_reviews_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_threat_reviews" ADD CONSTRAINT "product_threat_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_threats" ADD CONSTRAINT "product_threats_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_threats" ADD CONSTRAINT "product_threats_release_id_product_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."product_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_threat_reviews_product_idx" ON "product_threat_reviews" USING btree ("product_id","stage");--> statement-breakpoint
CREATE INDEX "product_threats_product_idx" ON "product_threats" USING btree ("product_id");