CREATE TABLE "product_test_case_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"case_id" uuid,
	"suite" text,
	"name" text NOT NULL,
	"outcome" text NOT NULL,
	"message" text
);
--> statement-breakpoint
CREATE TABLE "product_test_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"title" text NOT NULL,
	"method" text NOT NULL,
	"interface" text,
	"goal_ref" text,
	"requirement_ref" text,
	"attack_path_ref" text,
	"last_outcome" text,
	"last_run_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_test_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"run_id" uuid,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_test_findings" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"release_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"method" text NOT NULL,
	"tool" text NOT NULL,
	"rule_id" text NOT NULL,
	"message" text NOT NULL,
	"uri" text,
	"start_line" integer,
	"severity" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"first_seen_run_id" uuid NOT NULL,
	"last_seen_run_id" uuid NOT NULL,
	"acceptance_reason" text,
	"acceptance_requested_by" uuid,
	"acceptance_approved_by" uuid,
	"accepted_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_test_plan_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"source" text NOT NULL,
	"method" text NOT NULL,
	"interface" text,
	"tool" text,
	"performed_on" date NOT NULL,
	"retest" boolean DEFAULT false NOT NULL,
	"file_sha256" text,
	"results" integer DEFAULT 0 NOT NULL,
	"imported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_test_plans" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"release_id" uuid NOT NULL,
	"title" text NOT NULL,
	"scope" text,
	"depth_kind" text,
	"depth_level" integer,
	"methods" text[] NOT NULL,
	"interfaces" text[] DEFAULT '{}'::text[] NOT NULL,
	"tester_independence" text NOT NULL,
	"tester_name" text,
	"authorisation" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "product_test_case_results" ADD CONSTRAINT "product_test_case_results_run_id_product_test_plan_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."product_test_plan_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_test_case_results" ADD CONSTRAINT "product_test_case_results_case_id_product_test_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."product_test_cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_test_cases" ADD CONSTRAINT "product_test_cases_plan_id_product_test_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."product_test_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_test_evidence" ADD CONSTRAINT "product_test_evidence_plan_id_product_test_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."product_test_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_test_evidence" ADD CONSTRAINT "product_test_evidence_run_id_product_test_plan_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."product_test_plan_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_test_evidence" ADD CONSTRAINT "product_test_evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_test_findings" ADD CONSTRAINT "product_test_findings_plan_id_product_test_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."product_test_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_test_findings" ADD CONSTRAINT "product_test_findings_release_id_product_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."product_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_test_findings" ADD CONSTRAINT "product_test_findings_first_seen_run_id_product_test_plan_runs_id_fk" FOREIGN KEY ("first_seen_run_id") REFERENCES "public"."product_test_plan_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_test_findings" ADD CONSTRAINT "product_test_findings_last_seen_run_id_product_test_plan_runs_id_fk" FOREIGN KEY ("last_seen_run_id") REFERENCES "public"."product_test_plan_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_test_findings" ADD CONSTRAINT "product_test_findings_acceptance_requested_by_users_id_fk" FOREIGN KEY ("acceptance_requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_test_findings" ADD CONSTRAINT "product_test_findings_acceptance_approved_by_users_id_fk" FOREIGN KEY ("acceptance_approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_test_plan_runs" ADD CONSTRAINT "product_test_plan_runs_plan_id_product_test_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."product_test_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_test_plan_runs" ADD CONSTRAINT "product_test_plan_runs_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_test_plans" ADD CONSTRAINT "product_test_plans_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_test_plans" ADD CONSTRAINT "product_test_plans_release_id_product_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."product_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_test_case_results_run_idx" ON "product_test_case_results" USING btree ("run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "product_test_cases_title_idx" ON "product_test_cases" USING btree ("plan_id","title");--> statement-breakpoint
CREATE INDEX "product_test_evidence_plan_idx" ON "product_test_evidence" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "product_test_findings_fingerprint_idx" ON "product_test_findings" USING btree ("plan_id","fingerprint");--> statement-breakpoint
CREATE INDEX "product_test_findings_release_idx" ON "product_test_findings" USING btree ("release_id","status");--> statement-breakpoint
CREATE INDEX "product_test_plan_runs_plan_idx" ON "product_test_plan_runs" USING btree ("plan_id","created_at");--> statement-breakpoint
CREATE INDEX "product_test_plans_release_idx" ON "product_test_plans" USING btree ("release_id");--> statement-breakpoint
CREATE INDEX "product_test_plans_product_idx" ON "product_test_plans" USING btree ("product_id");--> statement-breakpoint
CREATE TRIGGER product_test_plans_row_version BEFORE UPDATE ON "product_test_plans" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER product_test_findings_row_version BEFORE UPDATE ON "product_test_findings" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
