ALTER TABLE "vulnerabilities" ADD COLUMN "root_cause_phase" text;--> statement-breakpoint
ALTER TABLE "vulnerabilities" ADD COLUMN "root_cause" text;--> statement-breakpoint
ALTER TABLE "vulnerabilities" ADD COLUMN "check_added" text;--> statement-breakpoint
ALTER TABLE "vulnerability_tasks" ADD COLUMN "owner_org_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "vulnerability_tasks" ADD CONSTRAINT "vulnerability_tasks_owner_org_unit_id_org_units_id_fk" FOREIGN KEY ("owner_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE set null ON UPDATE no action;