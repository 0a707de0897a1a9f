-- Active assets per (unit path, class) for the "assets by class" figure (issue #22, group overview): the figure
-- counted every active asset of the subtree on each call (the group's 350,000 at the bench's size, 1 M at the full
-- profile); it now sums the roll-up rows of the subtree, a few thousand at most whatever the ledger's size. Keyed by
-- the asset's own `unit_path` (the column the ledger's scope filters on), so a subtree reads exactly the assets it
-- read before. Derived data like training_rollup: kept by statement triggers (transition tables: an import of 10,000
-- assets adds one grouped upsert, and an update that changes neither path, class nor status writes nothing), left
-- out of backups (not in the Drizzle schema) and refilled by the triggers as a restore inserts the assets.
CREATE TABLE "asset_class_counts" (
	"unit_path" text NOT NULL,
	"class_code" text NOT NULL,
	"assets" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "asset_class_counts_pk" PRIMARY KEY("unit_path","class_code")
);--> statement-breakpoint
CREATE INDEX "asset_class_counts_path_idx" ON "asset_class_counts" USING btree ("unit_path" text_pattern_ops) INCLUDE ("class_code", "assets");--> statement-breakpoint
INSERT INTO asset_class_counts (unit_path, class_code, assets)
SELECT unit_path, class_code, count(*) FROM assets WHERE status = 'active' GROUP BY unit_path, class_code;--> statement-breakpoint
-- Takes the statement's old rows out and puts its new rows in, in key order (two statements cannot deadlock on the
-- roll-up); rows whose net change is zero are not touched. Rows that fall to 0 stay (a unit's classes are few).
CREATE FUNCTION asset_class_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO asset_class_counts AS c (unit_path, class_code, assets)
    SELECT unit_path, class_code, count(*) FROM new_rows WHERE status = 'active'
     GROUP BY unit_path, class_code ORDER BY unit_path, class_code
    ON CONFLICT (unit_path, class_code) DO UPDATE SET assets = c.assets + excluded.assets;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO asset_class_counts AS c (unit_path, class_code, assets)
    SELECT unit_path, class_code, -count(*) FROM old_rows WHERE status = 'active'
     GROUP BY unit_path, class_code ORDER BY unit_path, class_code
    ON CONFLICT (unit_path, class_code) DO UPDATE SET assets = c.assets + excluded.assets;
  ELSE
    INSERT INTO asset_class_counts AS c (unit_path, class_code, assets)
    SELECT d.unit_path, d.class_code, sum(d.delta)::int FROM (
        SELECT unit_path, class_code, -1 AS delta FROM old_rows WHERE status = 'active'
        UNION ALL
        SELECT unit_path, class_code, 1 FROM new_rows WHERE status = 'active') d
     GROUP BY d.unit_path, d.class_code HAVING sum(d.delta) <> 0 ORDER BY d.unit_path, d.class_code
    ON CONFLICT (unit_path, class_code) DO UPDATE SET assets = c.assets + excluded.assets;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER asset_class_counts_insert AFTER INSERT ON "assets" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION asset_class_counts_apply();--> statement-breakpoint
CREATE TRIGGER asset_class_counts_update AFTER UPDATE ON "assets" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION asset_class_counts_apply();--> statement-breakpoint
CREATE TRIGGER asset_class_counts_delete AFTER DELETE ON "assets" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION asset_class_counts_apply();--> statement-breakpoint
CREATE FUNCTION asset_class_counts_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE asset_class_counts;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER asset_class_counts_truncate AFTER TRUNCATE ON "assets"
  FOR EACH STATEMENT EXECUTE FUNCTION asset_class_counts_truncated();
