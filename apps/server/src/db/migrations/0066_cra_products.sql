ALTER TABLE "vulnerability_cra_clocks" DROP CONSTRAINT "vulnerability_cra_clocks_rule_uq";--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "cra_in_scope" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "eu_market_since" date;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "cra_category" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "support_period_end" date;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "main_establishment" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "eu_markets" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "vulnerability_cra_clocks" ADD COLUMN "product_id" uuid;--> statement-breakpoint
ALTER TABLE "vulnerability_cra_clocks" ADD CONSTRAINT "vulnerability_cra_clocks_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_cra_clocks" ADD CONSTRAINT "vulnerability_cra_clocks_product_rule_uq" UNIQUE("vulnerability_id","product_id","rule_id");