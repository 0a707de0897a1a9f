-- Name search that reads a page in name order (bench/README.md, "people list").
-- One row per word of a person's names (romaji lower-cased, kanji as written), kept by a trigger so that every
-- write path (API, CSV import, restore) maintains it. The btree order (token, name_en, person_id) is the
-- list's sort order within one token, so `token = t AND (name_en, person_id) > cursor ORDER BY … LIMIT 51`
-- reads 51 index entries; the scope and filter columns ride along in INCLUDE for index-only scans.
-- Not in db/schema.ts on purpose: it is derived data, so backups leave it out and a restore rebuilds it.
CREATE FUNCTION person_name_tokens_of(name_en text, name_ja text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT DISTINCT t FROM regexp_split_to_table(lower(name_en) || ' ' || lower(name_ja), '[[:space:]\u3000]+') AS t
   WHERE t <> ''
$$;--> statement-breakpoint
CREATE TABLE "person_name_tokens" (
  "token" text COLLATE "C" NOT NULL,
  "name_en" text NOT NULL,
  "person_id" uuid NOT NULL REFERENCES "people"("id") ON DELETE CASCADE,
  "org_unit_id" uuid NOT NULL,
  "status" text NOT NULL,
  "kind" text NOT NULL,
  PRIMARY KEY ("token", "name_en", "person_id") INCLUDE ("org_unit_id", "status", "kind")
);--> statement-breakpoint
CREATE INDEX "person_name_tokens_person_idx" ON "person_name_tokens" ("person_id");--> statement-breakpoint
CREATE FUNCTION person_name_tokens_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM person_name_tokens WHERE person_id = NEW.id;
  END IF;
  INSERT INTO person_name_tokens (token, name_en, person_id, org_unit_id, status, kind)
    SELECT t, NEW.name_en, NEW.id, NEW.org_unit_id, NEW.status, NEW.kind
      FROM person_name_tokens_of(NEW.name_en, NEW.name_ja) AS t;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER people_name_tokens_insert AFTER INSERT ON "people"
  FOR EACH ROW EXECUTE FUNCTION person_name_tokens_sync();--> statement-breakpoint
CREATE TRIGGER people_name_tokens_update AFTER UPDATE OF name_en, name_ja, org_unit_id, status, kind ON "people"
  FOR EACH ROW EXECUTE FUNCTION person_name_tokens_sync();--> statement-breakpoint
INSERT INTO person_name_tokens (token, name_en, person_id, org_unit_id, status, kind)
  SELECT t, p.name_en, p.id, p.org_unit_id, p.status, p.kind
    FROM people p, person_name_tokens_of(p.name_en, p.name_ja) AS t;
