DROP INDEX "assets_name_trgm_idx";--> statement-breakpoint
ALTER TABLE "asset_partners" ADD COLUMN "encrypted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "asset_partners" ADD COLUMN "approved_by" text;--> statement-breakpoint
ALTER TABLE "asset_partners" ADD COLUMN "approved_on" date;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "disposed_on" date;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "disposed_method" text;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "assets_search_trgm_idx" ON "assets" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "assets_name_order_idx" ON "assets" USING btree ("name","id");