ALTER TABLE "plan_activities" ADD COLUMN "link_threshold" integer DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD COLUMN "done_source" text;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD COLUMN "evidence_href" text;--> statement-breakpoint
-- tasks recorded done before this migration were recorded by people
UPDATE "plan_tasks" SET "done_source" = 'manual' WHERE "status" = 'done';
