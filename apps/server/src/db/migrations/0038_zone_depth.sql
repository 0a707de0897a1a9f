ALTER TABLE "zones" ADD COLUMN "depth" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A zone's depth follows its parent (0 at the top of a site), so that a backup writes parents before children
-- (platform/backup/tables.ts orders a self-referencing table by its depth). Moving a zone moves its subtree.
CREATE FUNCTION mamori_zone_depth() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.parent_id IS NULL THEN
    NEW.depth := 0;
  ELSE
    SELECT z.depth + 1 INTO NEW.depth FROM zones z WHERE z.id = NEW.parent_id;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER zones_depth BEFORE INSERT OR UPDATE OF parent_id, depth ON zones FOR EACH ROW EXECUTE FUNCTION mamori_zone_depth();--> statement-breakpoint
CREATE FUNCTION mamori_zone_depth_children() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE zones SET depth = NEW.depth + 1 WHERE parent_id = NEW.id AND depth <> NEW.depth + 1;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER zones_depth_children AFTER UPDATE OF depth ON zones FOR EACH ROW WHEN (OLD.depth IS DISTINCT FROM NEW.depth) EXECUTE FUNCTION mamori_zone_depth_children();--> statement-breakpoint
WITH RECURSIVE t AS (
  SELECT id, 0 AS d FROM zones WHERE parent_id IS NULL
  UNION ALL SELECT z.id, t.d + 1 FROM zones z JOIN t ON z.parent_id = t.id
) UPDATE zones SET depth = t.d FROM t WHERE zones.id = t.id AND zones.depth <> t.d;
--> statement-breakpoint
-- A restore (platform/backup/restore.ts sets mamori.restoring for its transaction) writes a published plan's
-- activities back after the plan: the freeze refuses changes made by people, not the restore of what was there.
CREATE OR REPLACE FUNCTION mamori_plan_activity_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('mamori.restoring', true) = 'on' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF EXISTS (SELECT 1 FROM plans p WHERE p.id = (CASE WHEN TG_OP = 'INSERT' THEN NEW.plan_id ELSE OLD.plan_id END) AND p.status <> 'draft') THEN
    RAISE EXCEPTION 'the activities of a published plan version are frozen';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
