-- Open assignments per course, unit and due date (issue #13): the completion roll-up's past-due count read every open
-- assignment past due (75,000 at the group's size) on each request; it now sums the rows of this table with a due
-- date before today, a few thousand at most. Derived data like training_rollup: kept by the same statement triggers,
-- left out of backups (not in the Drizzle schema) and rebuilt by the triggers as a restore inserts the assignments.
CREATE TABLE "training_open_due" (
	"course_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "training_open_due_pk" PRIMARY KEY("unit_id","due_on","course_id")
);--> statement-breakpoint
INSERT INTO training_open_due (course_id, unit_id, due_on, open)
SELECT course_id, unit_id, due_on, count(*) FROM training_assignments
 WHERE status IN ('assigned', 'in_progress') GROUP BY course_id, unit_id, due_on;--> statement-breakpoint
CREATE OR REPLACE FUNCTION training_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO training_rollup AS r (course_id, unit_id, unit_path, assigned, passed, score_sum, scored)
    SELECT course_id, unit_id, min(unit_path), -count(*), -count(*) FILTER (WHERE status = 'passed'),
           -coalesce(sum(score), 0), -count(score)
      FROM old_rows WHERE status <> 'expired' GROUP BY course_id, unit_id
    ON CONFLICT (course_id, unit_id) DO UPDATE SET
      assigned = r.assigned + excluded.assigned, passed = r.passed + excluded.passed,
      score_sum = r.score_sum + excluded.score_sum, scored = r.scored + excluded.scored;
    INSERT INTO training_open_due AS d (course_id, unit_id, due_on, open)
    SELECT course_id, unit_id, due_on, -count(*)
      FROM old_rows WHERE status IN ('assigned', 'in_progress') GROUP BY course_id, unit_id, due_on
    ON CONFLICT (unit_id, due_on, course_id) DO UPDATE SET open = d.open + excluded.open;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO training_rollup AS r (course_id, unit_id, unit_path, assigned, passed, score_sum, scored)
    SELECT course_id, unit_id, min(unit_path), count(*), count(*) FILTER (WHERE status = 'passed'),
           coalesce(sum(score), 0), count(score)
      FROM new_rows WHERE status <> 'expired' GROUP BY course_id, unit_id
    ON CONFLICT (course_id, unit_id) DO UPDATE SET
      assigned = r.assigned + excluded.assigned, passed = r.passed + excluded.passed,
      score_sum = r.score_sum + excluded.score_sum, scored = r.scored + excluded.scored;
    INSERT INTO training_open_due AS d (course_id, unit_id, due_on, open)
    SELECT course_id, unit_id, due_on, count(*)
      FROM new_rows WHERE status IN ('assigned', 'in_progress') GROUP BY course_id, unit_id, due_on
    ON CONFLICT (unit_id, due_on, course_id) DO UPDATE SET open = d.open + excluded.open;
  END IF;
  -- Rows that reached zero (every assignment of that day passed or moved) are removed, so the table stays the size
  -- of what is open.
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM training_open_due d USING (SELECT DISTINCT course_id, unit_id, due_on FROM old_rows) o
     WHERE d.course_id = o.course_id AND d.unit_id = o.unit_id AND d.due_on = o.due_on AND d.open = 0;
  END IF;
  RETURN NULL;
END $$;
