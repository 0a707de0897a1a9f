DROP INDEX "assets_name_order_idx";--> statement-breakpoint
ALTER TABLE "assets" ALTER COLUMN "unit_path" TYPE text COLLATE "C";--> statement-breakpoint
CREATE INDEX "assets_browse_idx" ON "assets" USING btree ("unit_path","name","id") INCLUDE ("class_code","status","kind");
