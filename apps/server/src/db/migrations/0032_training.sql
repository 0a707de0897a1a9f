CREATE TABLE "pledge_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audience" text NOT NULL,
	"version" integer NOT NULL,
	"title_ja" text NOT NULL,
	"title_en" text NOT NULL,
	"body_ja" text NOT NULL,
	"body_en" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	CONSTRAINT "pledge_documents_version" UNIQUE("audience","version")
);
--> statement-breakpoint
CREATE TABLE "pledge_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"pledge_id" uuid NOT NULL,
	"audience" text NOT NULL,
	"version" integer NOT NULL,
	"signed_name" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	CONSTRAINT "pledge_signatures_once" UNIQUE("person_id","pledge_id")
);
--> statement-breakpoint
CREATE TABLE "self_check_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title_ja" text NOT NULL,
	"title_en" text NOT NULL,
	"unit_id" uuid,
	"unit_path" text NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"questions" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "self_check_responses" (
	"campaign_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"answers" jsonb NOT NULL,
	"wrong_topics" text[] NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "self_check_responses_campaign_id_person_id_pk" PRIMARY KEY("campaign_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "training_assignments" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"curriculum_id" uuid,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"score" smallint,
	"passed_version" integer,
	"passed_at" timestamp with time zone,
	"expires_on" date,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "training_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"attempt" smallint NOT NULL,
	"course_version" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"results" jsonb NOT NULL,
	"score" smallint NOT NULL,
	"passed" boolean NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	CONSTRAINT "training_attempts_number" UNIQUE("assignment_id","attempt")
);
--> statement-breakpoint
CREATE TABLE "training_course_files" (
	"course_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_course_versions" (
	"course_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_course_versions_course_id_version_pk" PRIMARY KEY("course_id","version")
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"category" text NOT NULL,
	"validity_months" smallint,
	"published_version" integer,
	"latest_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_courses_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "training_curricula" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"rule" text NOT NULL,
	"role" text,
	"event" text,
	"due_days" smallint DEFAULT 30 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_curriculum_courses" (
	"curriculum_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "training_curriculum_courses_curriculum_id_course_id_pk" PRIMARY KEY("curriculum_id","course_id")
);
--> statement-breakpoint
ALTER TABLE "pledge_documents" ADD CONSTRAINT "pledge_documents_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_signatures" ADD CONSTRAINT "pledge_signatures_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_signatures" ADD CONSTRAINT "pledge_signatures_pledge_id_pledge_documents_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."pledge_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_signatures" ADD CONSTRAINT "pledge_signatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_check_campaigns" ADD CONSTRAINT "self_check_campaigns_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_check_campaigns" ADD CONSTRAINT "self_check_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_check_responses" ADD CONSTRAINT "self_check_responses_campaign_id_self_check_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."self_check_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_check_responses" ADD CONSTRAINT "self_check_responses_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_assignments" ADD CONSTRAINT "training_assignments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_assignments" ADD CONSTRAINT "training_assignments_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_assignments" ADD CONSTRAINT "training_assignments_curriculum_id_training_curricula_id_fk" FOREIGN KEY ("curriculum_id") REFERENCES "public"."training_curricula"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_assignments" ADD CONSTRAINT "training_assignments_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_assignment_id_training_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."training_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_course_files" ADD CONSTRAINT "training_course_files_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_course_versions" ADD CONSTRAINT "training_course_versions_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_curriculum_courses" ADD CONSTRAINT "training_curriculum_courses_curriculum_id_training_curricula_id_fk" FOREIGN KEY ("curriculum_id") REFERENCES "public"."training_curricula"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_curriculum_courses" ADD CONSTRAINT "training_curriculum_courses_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pledge_signatures_person_idx" ON "pledge_signatures" USING btree ("person_id","audience","version");--> statement-breakpoint
CREATE INDEX "self_check_responses_path_idx" ON "self_check_responses" USING btree ("campaign_id","unit_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "training_assignments_current_idx" ON "training_assignments" USING btree ("person_id","course_id") WHERE "training_assignments"."status" <> 'expired';--> statement-breakpoint
CREATE INDEX "training_assignments_person_idx" ON "training_assignments" USING btree ("person_id","due_on");--> statement-breakpoint
CREATE INDEX "training_assignments_path_idx" ON "training_assignments" USING btree ("unit_path" text_pattern_ops,"course_id");--> statement-breakpoint
CREATE INDEX "training_assignments_open_due_idx" ON "training_assignments" USING btree ("due_on") WHERE "training_assignments"."status" IN ('assigned', 'in_progress');--> statement-breakpoint
CREATE INDEX "training_assignments_expiry_idx" ON "training_assignments" USING btree ("expires_on") WHERE "training_assignments"."status" = 'passed';
--> statement-breakpoint
CREATE TABLE "training_rollup" (
	"course_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"assigned" integer DEFAULT 0 NOT NULL,
	"passed" integer DEFAULT 0 NOT NULL,
	"score_sum" integer DEFAULT 0 NOT NULL,
	"scored" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "training_rollup_pk" PRIMARY KEY("course_id","unit_id")
);--> statement-breakpoint
CREATE INDEX "training_rollup_path_idx" ON "training_rollup" USING btree ("unit_path" text_pattern_ops);
--> statement-breakpoint
CREATE TRIGGER training_courses_row_version BEFORE UPDATE ON "training_courses" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER training_curricula_row_version BEFORE UPDATE ON "training_curricula" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER training_assignments_row_version BEFORE UPDATE ON "training_assignments" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
-- The completion roll-up (training_rollup) follows every change of training_assignments, one statement at a time
-- (transition tables): assigning a course to 250,000 people adds one grouped upsert, not 250,000. Expired
-- assignments are history and are not counted.
CREATE FUNCTION training_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO training_rollup AS r (course_id, unit_id, unit_path, assigned, passed, score_sum, scored)
    SELECT course_id, unit_id, min(unit_path), -count(*), -count(*) FILTER (WHERE status = 'passed'),
           -coalesce(sum(score), 0), -count(score)
      FROM old_rows WHERE status <> 'expired' GROUP BY course_id, unit_id
    ON CONFLICT (course_id, unit_id) DO UPDATE SET
      assigned = r.assigned + excluded.assigned, passed = r.passed + excluded.passed,
      score_sum = r.score_sum + excluded.score_sum, scored = r.scored + excluded.scored;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO training_rollup AS r (course_id, unit_id, unit_path, assigned, passed, score_sum, scored)
    SELECT course_id, unit_id, min(unit_path), count(*), count(*) FILTER (WHERE status = 'passed'),
           coalesce(sum(score), 0), count(score)
      FROM new_rows WHERE status <> 'expired' GROUP BY course_id, unit_id
    ON CONFLICT (course_id, unit_id) DO UPDATE SET
      assigned = r.assigned + excluded.assigned, passed = r.passed + excluded.passed,
      score_sum = r.score_sum + excluded.score_sum, scored = r.scored + excluded.scored;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER training_rollup_insert AFTER INSERT ON "training_assignments" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION training_rollup_apply();--> statement-breakpoint
CREATE TRIGGER training_rollup_update AFTER UPDATE ON "training_assignments" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION training_rollup_apply();--> statement-breakpoint
CREATE TRIGGER training_rollup_delete AFTER DELETE ON "training_assignments" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION training_rollup_apply();
