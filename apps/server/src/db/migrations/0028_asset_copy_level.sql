ALTER TABLE "assets" ADD COLUMN "level" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE FUNCTION mamori_asset_level() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.level := CASE WHEN NEW.original_id IS NULL THEN 0
                    ELSE 1 + COALESCE((SELECT a.level FROM assets a WHERE a.id = NEW.original_id), 0) END;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER assets_level BEFORE INSERT OR UPDATE OF original_id ON "assets" FOR EACH ROW EXECUTE FUNCTION mamori_asset_level();--> statement-breakpoint
UPDATE "assets" SET "level" = 1 WHERE "original_id" IS NOT NULL;
