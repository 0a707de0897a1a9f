-- The people list's btree indexes, with the columns its filters read in INCLUDE, so that walking an index in
-- list order and keeping the rows of a subtree (org_unit_id) or a status or kind needs no heap visit per entry
-- (modules/org/people-browse.ts, bench/README.md case e). drizzle cannot declare INCLUDE: the two indexes it
-- knew are dropped here and the schema (modules/org/tables.ts) says where they went.
DROP INDEX "people_org_name_idx";--> statement-breakpoint
DROP INDEX "people_name_idx";--> statement-breakpoint
CREATE INDEX "people_org_browse_idx" ON "people" ("org_unit_id", "name_en", "id") INCLUDE ("employee_no", "status", "kind");--> statement-breakpoint
CREATE INDEX "people_name_browse_idx" ON "people" ("name_en", "id") INCLUDE ("org_unit_id", "status", "kind");--> statement-breakpoint
CREATE INDEX "people_employee_browse_idx" ON "people" ("employee_no", "id") INCLUDE ("org_unit_id", "status", "kind");
