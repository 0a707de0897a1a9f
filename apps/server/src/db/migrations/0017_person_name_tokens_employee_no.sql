-- A name search sorted by employee number collects the matches of the word in scope and sorts them by number.
-- With the number in the word index (INCLUDE), that is index-only; it was one people lookup per match (11 ms for
-- "suzu" in a 58,720-person site). modules/org/people-search.ts, bench/README.md case f.
-- The table is derived: emptied and refilled (as migration 0006 filled it) rather than updated in place, which
-- would leave every row and index entry dead once over.
TRUNCATE "person_name_tokens";--> statement-breakpoint
ALTER TABLE "person_name_tokens" ADD COLUMN "employee_no" text NOT NULL;--> statement-breakpoint
ALTER TABLE "person_name_tokens" DROP CONSTRAINT "person_name_tokens_pkey";--> statement-breakpoint
ALTER TABLE "person_name_tokens" ADD PRIMARY KEY ("token", "name_en", "person_id") INCLUDE ("org_unit_id", "status", "kind", "employee_no");--> statement-breakpoint
CREATE OR REPLACE FUNCTION person_name_tokens_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM person_name_tokens WHERE person_id = NEW.id;
  END IF;
  INSERT INTO person_name_tokens (token, name_en, person_id, org_unit_id, status, kind, employee_no)
    SELECT t, NEW.name_en, NEW.id, NEW.org_unit_id, NEW.status, NEW.kind, NEW.employee_no
      FROM person_name_tokens_of(NEW.name_en, NEW.name_ja) AS t;
  RETURN NULL;
END;
$$;--> statement-breakpoint
DROP TRIGGER "people_name_tokens_update" ON "people";--> statement-breakpoint
CREATE TRIGGER people_name_tokens_update AFTER UPDATE OF name_en, name_ja, org_unit_id, status, kind, employee_no ON "people"
  FOR EACH ROW EXECUTE FUNCTION person_name_tokens_sync();--> statement-breakpoint
INSERT INTO person_name_tokens (token, name_en, person_id, org_unit_id, status, kind, employee_no)
  SELECT t, p.name_en, p.id, p.org_unit_id, p.status, p.kind, p.employee_no
    FROM people p, person_name_tokens_of(p.name_en, p.name_ja) AS t;
