CREATE TABLE "product_protected_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "product_threats" ADD COLUMN "asset_id" uuid;--> statement-breakpoint
ALTER TABLE "product_protected_assets" ADD CONSTRAINT "product_protected_assets_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_protected_assets_product_idx" ON "product_protected_assets" USING btree ("product_id");--> statement-breakpoint
ALTER TABLE "product_threats" ADD CONSTRAINT "product_threats_asset_id_product_protected_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."product_protected_assets"("id") ON DELETE set null ON UPDATE no action;