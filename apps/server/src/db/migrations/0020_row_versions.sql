ALTER TABLE "org_units" ADD COLUMN "row_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "row_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "row_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "row_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "improvement_requests" ADD COLUMN "row_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "row_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "product_releases" ADD COLUMN "row_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "vulnerabilities" ADD COLUMN "row_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Hand-written (drizzle cannot declare triggers): the row version of the main records is bumped on every UPDATE,
-- whichever code path writes the row (API, import, job, restore never updates). It is the record's ETag and
-- what If-Match is checked against (platform/records/version.ts, docs/security.d/integrity.md).
CREATE FUNCTION mamori_bump_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.row_version := OLD.row_version + 1;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER org_units_row_version BEFORE UPDATE ON "org_units" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER people_row_version BEFORE UPDATE ON "people" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER incidents_row_version BEFORE UPDATE ON "incidents" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER partners_row_version BEFORE UPDATE ON "partners" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER improvement_requests_row_version BEFORE UPDATE ON "improvement_requests" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER products_row_version BEFORE UPDATE ON "products" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER product_releases_row_version BEFORE UPDATE ON "product_releases" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER vulnerabilities_row_version BEFORE UPDATE ON "vulnerabilities" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
