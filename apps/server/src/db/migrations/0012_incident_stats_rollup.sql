-- Monthly roll-up of incidents for the statistics page (docs/incidents.md, "Statistics roll-up").
-- Kept by triggers in the transaction of every change, so it is exact and never stale; rebuilt by
-- incident_stats_rebuild() (`mamori incidents rebuild-stats`). A case counts under its own unit and under
-- every ancestor on its org path, so a scope (an org subtree) reads the rows of its root unit only.
-- Not drizzle tables: they are derived data, left out of backups; a restore refills them through the trigger.
CREATE TABLE "incident_stats_counts" (
  "unit_id" uuid NOT NULL,
  "month" text NOT NULL,
  "dim" text NOT NULL,
  "key" text NOT NULL,
  "near_miss" boolean NOT NULL,
  "cases" integer NOT NULL,
  -- covering: a scope's rows are read from the index alone
  CONSTRAINT "incident_stats_counts_pk" PRIMARY KEY ("unit_id", "month", "dim", "key", "near_miss") INCLUDE ("cases")
);--> statement-breakpoint
CREATE TABLE "incident_stats_durations" (
  "unit_id" uuid NOT NULL,
  "month" text NOT NULL,
  "measure" text NOT NULL,
  "near_miss" boolean NOT NULL,
  "seconds" double precision[] NOT NULL,
  CONSTRAINT "incident_stats_durations_pk" PRIMARY KEY ("unit_id", "month", "measure", "near_miss")
);--> statement-breakpoint
-- The breakdowns a case counts in; '' stands for "none" (no site, no cause yet).
CREATE FUNCTION incident_stats_dims(i incidents) RETURNS TABLE (dim text, key text) LANGUAGE sql IMMUTABLE AS $$
  SELECT d.dim, d.key FROM (VALUES
    ('type', i.type_id),
    ('site', coalesce(i.site_id::text, '')),
    ('cause', coalesce(i.cause_category, '')),
    ('severity', i.severity),
    ('status', CASE WHEN i.status = 'closed' THEN 'closed' ELSE 'open' END)) AS d(dim, key)
  WHERE i.id IS NOT NULL
$$;--> statement-breakpoint
-- Time to contain (from awareness) and to close (from the report), in seconds, where known.
CREATE FUNCTION incident_stats_measures(i incidents) RETURNS TABLE (measure text, seconds double precision) LANGUAGE sql IMMUTABLE AS $$
  SELECT m.measure, m.seconds FROM (VALUES
    ('contain', extract(epoch FROM i.contained_at - i.aware_at)::double precision),
    ('close', extract(epoch FROM i.closed_at - i.reported_at)::double precision)) AS m(measure, seconds)
  WHERE m.seconds IS NOT NULL
$$;--> statement-breakpoint
-- The units a case counts under: every id on its unit's path '/<id>/<id>/'.
CREATE FUNCTION incident_stats_units(unit_path text) RETURNS SETOF uuid LANGUAGE sql IMMUTABLE AS $$
  SELECT a::uuid FROM unnest(string_to_array(btrim(coalesce(unit_path, ''), '/'), '/')) AS a WHERE a <> ''
$$;--> statement-breakpoint
-- Removes one occurrence of a value (array_remove would remove them all).
CREATE FUNCTION incident_stats_remove_one(a double precision[], v double precision) RETURNS double precision[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p IS NULL THEN a ELSE a[:p - 1] || a[p + 1:] END FROM (SELECT array_position(a, v) AS p) x
$$;--> statement-breakpoint
-- Row trigger: takes the old version of the case out and puts the new one in. Rows are written in key
-- order, so two transactions moving cases in opposite directions cannot deadlock on the roll-up.
CREATE FUNCTION incident_stats_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_path text;
  new_path text;
  r record;
BEGIN
  IF TG_OP <> 'INSERT' THEN SELECT path INTO old_path FROM org_units WHERE id = OLD.org_unit_id; END IF;
  IF TG_OP <> 'DELETE' THEN SELECT path INTO new_path FROM org_units WHERE id = NEW.org_unit_id; END IF;
  INSERT INTO incident_stats_counts AS c (unit_id, month, dim, key, near_miss, cases)
    SELECT d.unit_id, d.month, d.dim, d.key, d.near_miss, sum(d.delta)::int FROM (
      SELECT u AS unit_id, OLD.reported_month AS month, k.dim, k.key, OLD.near_miss AS near_miss, -1 AS delta
        FROM incident_stats_units(old_path) u, incident_stats_dims(OLD) k
      UNION ALL
      SELECT u, NEW.reported_month, k.dim, k.key, NEW.near_miss, 1
        FROM incident_stats_units(new_path) u, incident_stats_dims(NEW) k) d
    GROUP BY d.unit_id, d.month, d.dim, d.key, d.near_miss
    HAVING sum(d.delta) <> 0
    ORDER BY d.unit_id, d.month, d.dim, d.key, d.near_miss
    ON CONFLICT (unit_id, month, dim, key, near_miss) DO UPDATE SET cases = c.cases + excluded.cases;
  FOR r IN
    SELECT d.unit_id, d.month, d.measure, d.near_miss,
           max(d.seconds) FILTER (WHERE d.delta < 0) AS gone, max(d.seconds) FILTER (WHERE d.delta > 0) AS added
    FROM (
      SELECT u AS unit_id, OLD.reported_month AS month, m.measure, OLD.near_miss AS near_miss, m.seconds, -1 AS delta
        FROM incident_stats_units(old_path) u, incident_stats_measures(OLD) m
      UNION ALL
      SELECT u, NEW.reported_month, m.measure, NEW.near_miss, m.seconds, 1
        FROM incident_stats_units(new_path) u, incident_stats_measures(NEW) m) d
    GROUP BY d.unit_id, d.month, d.measure, d.near_miss
    HAVING max(d.seconds) FILTER (WHERE d.delta < 0) IS DISTINCT FROM max(d.seconds) FILTER (WHERE d.delta > 0)
    ORDER BY d.unit_id, d.month, d.measure, d.near_miss
  LOOP
    INSERT INTO incident_stats_durations AS t (unit_id, month, measure, near_miss, seconds)
      VALUES (r.unit_id, r.month, r.measure, r.near_miss,
              CASE WHEN r.added IS NULL THEN '{}'::double precision[] ELSE ARRAY[r.added] END)
      ON CONFLICT (unit_id, month, measure, near_miss)
      DO UPDATE SET seconds = incident_stats_remove_one(t.seconds, r.gone) || excluded.seconds;
  END LOOP;
  DELETE FROM incident_stats_counts
    WHERE cases = 0 AND month IN (OLD.reported_month, NEW.reported_month)
      AND unit_id IN (SELECT incident_stats_units(old_path) UNION SELECT incident_stats_units(new_path));
  DELETE FROM incident_stats_durations
    WHERE seconds = '{}' AND month IN (OLD.reported_month, NEW.reported_month)
      AND unit_id IN (SELECT incident_stats_units(old_path) UNION SELECT incident_stats_units(new_path));
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER incident_stats_on_insert_delete AFTER INSERT OR DELETE ON "incidents"
  FOR EACH ROW EXECUTE FUNCTION incident_stats_track();--> statement-breakpoint
CREATE TRIGGER incident_stats_on_update AFTER UPDATE ON "incidents" FOR EACH ROW
  WHEN ((OLD.reported_month, OLD.org_unit_id, OLD.site_id, OLD.type_id, OLD.cause_category, OLD.severity, OLD.near_miss,
         OLD.status = 'closed', OLD.aware_at, OLD.contained_at, OLD.reported_at, OLD.closed_at)
        IS DISTINCT FROM
        (NEW.reported_month, NEW.org_unit_id, NEW.site_id, NEW.type_id, NEW.cause_category, NEW.severity, NEW.near_miss,
         NEW.status = 'closed', NEW.aware_at, NEW.contained_at, NEW.reported_at, NEW.closed_at))
  EXECUTE FUNCTION incident_stats_track();--> statement-breakpoint
-- What the roll-up should hold, computed from the cases (the rebuild, and the tests, compare against it).
CREATE FUNCTION incident_stats_fresh_counts()
  RETURNS TABLE (unit_id uuid, month text, dim text, key text, near_miss boolean, cases integer) LANGUAGE sql STABLE AS $$
  SELECT a, i.reported_month, k.dim, k.key, i.near_miss, count(*)::int
  FROM incidents i JOIN org_units o ON o.id = i.org_unit_id, incident_stats_units(o.path) a, incident_stats_dims(i) k
  GROUP BY 1, 2, 3, 4, 5
$$;--> statement-breakpoint
CREATE FUNCTION incident_stats_fresh_durations()
  RETURNS TABLE (unit_id uuid, month text, measure text, near_miss boolean, seconds double precision[]) LANGUAGE sql STABLE AS $$
  SELECT a, i.reported_month, m.measure, i.near_miss, array_agg(m.seconds ORDER BY m.seconds)
  FROM incidents i JOIN org_units o ON o.id = i.org_unit_id, incident_stats_units(o.path) a, incident_stats_measures(i) m
  GROUP BY 1, 2, 3, 4
$$;--> statement-breakpoint
-- Rewrites the roll-up from the cases (repair); answers how many rows were wrong (missing, extra or different).
-- Incident and org-unit changes wait meanwhile (SHARE locks), so nothing slips between reading and writing.
CREATE FUNCTION incident_stats_rebuild() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  wrong integer;
BEGIN
  LOCK TABLE incidents, org_units IN SHARE MODE;
  DROP TABLE IF EXISTS incident_stats_fresh_c, incident_stats_fresh_d;
  CREATE TEMP TABLE incident_stats_fresh_c ON COMMIT DROP AS SELECT * FROM incident_stats_fresh_counts();
  CREATE TEMP TABLE incident_stats_fresh_d ON COMMIT DROP AS SELECT * FROM incident_stats_fresh_durations();
  SELECT count(*) INTO wrong FROM (
    (SELECT * FROM incident_stats_fresh_c EXCEPT ALL SELECT * FROM incident_stats_counts)
    UNION ALL
    (SELECT * FROM incident_stats_counts EXCEPT ALL SELECT * FROM incident_stats_fresh_c)) x;
  SELECT wrong + count(*) INTO wrong FROM (
    (SELECT * FROM incident_stats_fresh_d
     EXCEPT ALL SELECT unit_id, month, measure, near_miss, ARRAY(SELECT unnest(seconds) ORDER BY 1) FROM incident_stats_durations)
    UNION ALL
    (SELECT unit_id, month, measure, near_miss, ARRAY(SELECT unnest(seconds) ORDER BY 1) FROM incident_stats_durations
     EXCEPT ALL SELECT * FROM incident_stats_fresh_d)) x;
  DELETE FROM incident_stats_counts;
  DELETE FROM incident_stats_durations;
  INSERT INTO incident_stats_counts SELECT * FROM incident_stats_fresh_c ORDER BY 1, 2, 3, 4, 5;
  INSERT INTO incident_stats_durations SELECT * FROM incident_stats_fresh_d ORDER BY 1, 2, 3, 4;
  DROP TABLE incident_stats_fresh_c, incident_stats_fresh_d;
  RETURN wrong;
END;
$$;--> statement-breakpoint
-- Recomputes the roll-up rows of some units from the cases now under them.
CREATE FUNCTION incident_stats_refresh(units uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM incident_stats_counts WHERE unit_id = ANY (units);
  DELETE FROM incident_stats_durations WHERE unit_id = ANY (units);
  INSERT INTO incident_stats_counts (unit_id, month, dim, key, near_miss, cases)
    SELECT a, i.reported_month, k.dim, k.key, i.near_miss, count(*)::int
    FROM incidents i JOIN org_units o ON o.id = i.org_unit_id, incident_stats_units(o.path) a, incident_stats_dims(i) k
    WHERE a = ANY (units)
      AND i.org_unit_id IN (SELECT d.id FROM org_units t JOIN org_units d ON d.path LIKE t.path || '%' WHERE t.id = ANY (units))
    GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO incident_stats_durations (unit_id, month, measure, near_miss, seconds)
    SELECT a, i.reported_month, m.measure, i.near_miss, array_agg(m.seconds ORDER BY m.seconds)
    FROM incidents i JOIN org_units o ON o.id = i.org_unit_id, incident_stats_units(o.path) a, incident_stats_measures(i) m
    WHERE a = ANY (units)
      AND i.org_unit_id IN (SELECT d.id FROM org_units t JOIN org_units d ON d.path LIKE t.path || '%' WHERE t.id = ANY (units))
    GROUP BY 1, 2, 3, 4;
END;
$$;--> statement-breakpoint
-- A unit moved in the tree takes its cases along: the ancestors it left and the ones it joined are recomputed
-- (ancestors it keeps are unchanged). Only units holding cases matter; new units and renames cost nothing.
CREATE FUNCTION incident_stats_units_moved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  affected uuid[];
BEGIN
  SELECT array_agg(DISTINCT x.a) INTO affected
  FROM old_units o JOIN new_units n ON n.id = o.id,
    LATERAL ((SELECT incident_stats_units(o.path) EXCEPT SELECT incident_stats_units(n.path))
             UNION (SELECT incident_stats_units(n.path) EXCEPT SELECT incident_stats_units(o.path))) AS x(a)
  WHERE o.path IS DISTINCT FROM n.path AND EXISTS (SELECT 1 FROM incidents WHERE org_unit_id = n.id);
  IF affected IS NOT NULL THEN PERFORM incident_stats_refresh(affected); END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER incident_stats_on_unit_move AFTER UPDATE ON "org_units"
  REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units
  FOR EACH STATEMENT EXECUTE FUNCTION incident_stats_units_moved();
