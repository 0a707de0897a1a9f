CREATE TABLE "plan_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"key" uuid DEFAULT gen_random_uuid() NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"phase" text NOT NULL,
	"title_ja" text NOT NULL,
	"title_en" text NOT NULL,
	"start_date" date,
	"due_date" date NOT NULL,
	"guide" text DEFAULT '' NOT NULL,
	"guide_url" text DEFAULT '' NOT NULL,
	"unit_roots" uuid[] NOT NULL,
	"unit_kinds" text[] NOT NULL,
	"roles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"evidence" text NOT NULL,
	"link_kind" text,
	"link_ref" text DEFAULT '' NOT NULL,
	CONSTRAINT "plan_activities_key_uq" UNIQUE("plan_id","key")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_year" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title_ja" text NOT NULL,
	"title_en" text NOT NULL,
	"copied_from" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	CONSTRAINT "plans_version_uq" UNIQUE("fiscal_year","version")
);
--> statement-breakpoint
CREATE TABLE "plan_task_assignees" (
	"task_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "plan_task_assignees_task_id_user_id_pk" PRIMARY KEY("task_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "plan_task_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_tasks" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_year" integer NOT NULL,
	"activity_key" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"site_id" uuid,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"done_by" uuid,
	"done_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_tasks_unit_uq" UNIQUE("activity_key","unit_id")
);
--> statement-breakpoint
ALTER TABLE "plan_activities" ADD CONSTRAINT "plan_activities_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_assignees" ADD CONSTRAINT "plan_task_assignees_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_assignees" ADD CONSTRAINT "plan_task_assignees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_files" ADD CONSTRAINT "plan_task_files_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_files" ADD CONSTRAINT "plan_task_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_activity_id_plan_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."plan_activities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_site_id_org_units_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_activities_plan_idx" ON "plan_activities" USING btree ("plan_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_one_draft_uq" ON "plans" USING btree ("fiscal_year") WHERE "plans"."status" = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "plans_one_published_uq" ON "plans" USING btree ("fiscal_year") WHERE "plans"."status" = 'published';--> statement-breakpoint
CREATE INDEX "plan_task_assignees_user_idx" ON "plan_task_assignees" USING btree ("user_id","task_id");--> statement-breakpoint
CREATE INDEX "plan_task_files_task_idx" ON "plan_task_files" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "plan_tasks_rollup_idx" ON "plan_tasks" USING btree ("fiscal_year","site_id","activity_id","status","due_date");--> statement-breakpoint
CREATE INDEX "plan_tasks_unit_idx" ON "plan_tasks" USING btree ("unit_id","fiscal_year","due_date");--> statement-breakpoint
CREATE INDEX "plan_tasks_path_idx" ON "plan_tasks" USING btree ("fiscal_year","unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "plan_tasks_activity_idx" ON "plan_tasks" USING btree ("activity_id","status");--> statement-breakpoint
CREATE INDEX "plan_tasks_open_due_idx" ON "plan_tasks" USING btree ("due_date") WHERE "plan_tasks"."status" = 'open';--> statement-breakpoint
CREATE TRIGGER plans_row_version BEFORE UPDATE ON "plans" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER plan_tasks_row_version BEFORE UPDATE ON "plan_tasks" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE FUNCTION mamori_plan_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' THEN
    IF TG_OP = 'DELETE' OR NEW.fiscal_year <> OLD.fiscal_year OR NEW.version <> OLD.version
       OR NEW.title_ja <> OLD.title_ja OR NEW.title_en <> OLD.title_en
       OR NOT (NEW.status = OLD.status OR (OLD.status = 'published' AND NEW.status = 'superseded')) THEN
      RAISE EXCEPTION 'a published plan version is frozen';
    END IF;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;--> statement-breakpoint
CREATE TRIGGER plans_frozen BEFORE UPDATE OR DELETE ON "plans" FOR EACH ROW EXECUTE FUNCTION mamori_plan_frozen();--> statement-breakpoint
CREATE FUNCTION mamori_plan_activity_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM plans p WHERE p.id = (CASE WHEN TG_OP = 'INSERT' THEN NEW.plan_id ELSE OLD.plan_id END) AND p.status <> 'draft') THEN
    RAISE EXCEPTION 'the activities of a published plan version are frozen';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;--> statement-breakpoint
CREATE TRIGGER plan_activities_frozen BEFORE INSERT OR UPDATE OR DELETE ON "plan_activities" FOR EACH ROW EXECUTE FUNCTION mamori_plan_activity_frozen();
