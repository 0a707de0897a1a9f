-- Ledger text search through the character bigrams of each asset's search text (docs/assets.md, "Text search").
-- A 2-character Japanese word (図面) has no trigram, so the trigram index cannot find it, and walking the ledger's
-- order filtering `search_text ILIKE` reads most of the ledger for a word found in few units (bench/README.md).
-- One row per distinct bigram of the lower-cased search text, within a word (bigrams across white space are left
-- out: a query's bigrams are taken the same way, so every asset matching `ILIKE '%q%'` holds all of them). The btree
-- order (token, unit_path, name, asset_id) is the ledger's order within one bigram, so a page of a word's matches,
-- for the group or a unit's subtree, after a keyset cursor, is one range read in order (modules/assets/ledger/search.ts).
-- Kept by statement triggers on `assets` (transition tables: an import's 1,000-row INSERT is one set-based INSERT
-- here, sorted in the index's order, which is about a third faster than in the rows' order), so every writer —
-- API, import, demo, restore — keeps it in step. Derived data, not in db/schema.ts on purpose (like
-- person_name_tokens, migration 0006): backups leave it out, and a restore's INSERTs rebuild it.
-- plpgsql rather than a SQL set (regexp_split_to_table × generate_series × DISTINCT): the SQL form, inlined, was
-- planned for 1,000 × 1,000 rows per text and took ~10× longer over an import's rows.
CREATE FUNCTION asset_search_bigrams(s text) RETURNS SETOF text
  LANGUAGE plpgsql IMMUTABLE ROWS 16 AS $$
DECLARE
  l text := translate(lower(s), E'\t\n\r\f\u3000', '     '); -- white space, the ideographic one too, as a space
  seen text[] := '{}';
  b text;
BEGIN
  FOR i IN 1 .. length(l) - 1 LOOP
    b := substr(l, i, 2);
    CONTINUE WHEN position(' ' IN b) > 0 OR b = ANY (seen);
    seen := seen || b;
    RETURN NEXT b;
  END LOOP;
END;
$$;--> statement-breakpoint
CREATE TABLE "asset_search_tokens" (
  "token" text COLLATE "C" NOT NULL,
  "unit_path" text COLLATE "C" NOT NULL,
  "name" text NOT NULL,
  "asset_id" uuid NOT NULL,
  PRIMARY KEY ("token", "unit_path", "name", "asset_id")
);--> statement-breakpoint
CREATE FUNCTION asset_search_tokens_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO asset_search_tokens (token, unit_path, name, asset_id)
    SELECT b, n.unit_path, n.name, n.id FROM new_assets n, asset_search_bigrams(n.search_text) AS b
     ORDER BY b COLLATE "C", n.unit_path, n.name, n.id;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION asset_search_tokens_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only the rows whose search text, unit path or name changed (a status or class change leaves the tokens as they are).
  DELETE FROM asset_search_tokens t
   USING old_assets o JOIN new_assets n ON n.id = o.id, asset_search_bigrams(o.search_text) AS b
   WHERE (o.search_text, o.unit_path, o.name) IS DISTINCT FROM (n.search_text, n.unit_path, n.name)
     AND t.token = b AND t.unit_path = o.unit_path AND t.name = o.name AND t.asset_id = o.id;
  INSERT INTO asset_search_tokens (token, unit_path, name, asset_id)
    SELECT b, n.unit_path, n.name, n.id
      FROM old_assets o JOIN new_assets n ON n.id = o.id, asset_search_bigrams(n.search_text) AS b
     WHERE (o.search_text, o.unit_path, o.name) IS DISTINCT FROM (n.search_text, n.unit_path, n.name)
     ORDER BY b COLLATE "C", n.unit_path, n.name, n.id;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION asset_search_tokens_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM asset_search_tokens t
   USING old_assets o, asset_search_bigrams(o.search_text) AS b
   WHERE t.token = b AND t.unit_path = o.unit_path AND t.name = o.name AND t.asset_id = o.id;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION asset_search_tokens_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE asset_search_tokens;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER assets_search_tokens_insert AFTER INSERT ON "assets"
  REFERENCING NEW TABLE AS new_assets FOR EACH STATEMENT EXECUTE FUNCTION asset_search_tokens_inserted();--> statement-breakpoint
CREATE TRIGGER assets_search_tokens_update AFTER UPDATE ON "assets"
  REFERENCING OLD TABLE AS old_assets NEW TABLE AS new_assets FOR EACH STATEMENT EXECUTE FUNCTION asset_search_tokens_updated();--> statement-breakpoint
CREATE TRIGGER assets_search_tokens_delete AFTER DELETE ON "assets"
  REFERENCING OLD TABLE AS old_assets FOR EACH STATEMENT EXECUTE FUNCTION asset_search_tokens_deleted();--> statement-breakpoint
CREATE TRIGGER assets_search_tokens_truncate AFTER TRUNCATE ON "assets"
  FOR EACH STATEMENT EXECUTE FUNCTION asset_search_tokens_truncated();--> statement-breakpoint
-- The existing ledger, in the index's order (sorted inserts into a btree are much faster than random ones).
INSERT INTO asset_search_tokens (token, unit_path, name, asset_id)
  SELECT b, a.unit_path, a.name, a.id FROM assets a, asset_search_bigrams(a.search_text) AS b
   ORDER BY b COLLATE "C", a.unit_path, a.name, a.id;
