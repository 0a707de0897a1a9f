CREATE TABLE "sbom_components" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"release_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version" text,
	"purl" text,
	"type" text,
	"licences" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "security_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"test_run_id" uuid NOT NULL,
	"release_id" uuid NOT NULL,
	"title" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"accepted_by" uuid,
	"acceptance_reason" text,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"product_line" text,
	"org_unit_id" uuid NOT NULL,
	"stage" text DEFAULT 'plan' NOT NULL,
	"ship_gate_severity" text DEFAULT 'medium' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "product_releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"version" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"released_on" date,
	"sbom_format" text,
	"sbom_spec_version" text,
	"sbom_sha256" text,
	"sbom_imported_at" timestamp with time zone,
	"component_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "security_test_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"release_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"performed_on" date NOT NULL,
	"summary" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_threat_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"reviewed_by" uuid,
	"note" text,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_threats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"release_id" uuid,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"attack_path" text,
	"likelihood" text NOT NULL,
	"impact" text NOT NULL,
	"mitigations" text,
	"residual_risk" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "advisories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vulnerability_id" uuid NOT NULL,
	"tracking_id" text NOT NULL,
	"revision" integer NOT NULL,
	"document" jsonb NOT NULL,
	"initial_release_at" timestamp with time zone NOT NULL,
	"current_release_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	CONSTRAINT "advisories_vulnerability_id_unique" UNIQUE("vulnerability_id"),
	CONSTRAINT "advisories_tracking_id_unique" UNIQUE("tracking_id")
);
--> statement-breakpoint
CREATE TABLE "vulnerabilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"source" text NOT NULL,
	"reported_product" text,
	"reporter_name" text,
	"reporter_email" text,
	"language" text DEFAULT 'en' NOT NULL,
	"tracking_token_hash" text,
	"cvss31_vector" text,
	"cvss31_score" double precision,
	"cvss31_severity" text,
	"cvss40_vector" text,
	"cvss40_score" double precision,
	"cvss40_severity" text,
	"cve_id" text,
	"cwe" text,
	"embargo_until" timestamp with time zone,
	"duplicate_of_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vulnerabilities_number_unique" UNIQUE("number"),
	CONSTRAINT "vulnerabilities_tracking_token_hash_unique" UNIQUE("tracking_token_hash"),
	CONSTRAINT "vulnerabilities_cve_id_unique" UNIQUE("cve_id")
);
--> statement-breakpoint
CREATE TABLE "vulnerability_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vulnerability_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vulnerability_coordination" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vulnerability_id" uuid NOT NULL,
	"organisation" text NOT NULL,
	"reference" text,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vulnerability_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vulnerability_id" uuid NOT NULL,
	"from" text NOT NULL,
	"body" text NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vulnerability_products" (
	"vulnerability_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"status" text NOT NULL,
	"justification" text,
	"affected_versions" text,
	"fixed_version" text,
	"remediation" text,
	CONSTRAINT "vulnerability_products_vulnerability_id_product_id_pk" PRIMARY KEY("vulnerability_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "vulnerability_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vulnerability_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"done" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sbom_components" ADD CONSTRAINT "sbom_components_release_id_product_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."product_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sbom_components" ADD CONSTRAINT "sbom_components_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_findings" ADD CONSTRAINT "security_findings_test_run_id_security_test_runs_id_fk" FOREIGN KEY ("test_run_id") REFERENCES "public"."security_test_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_findings" ADD CONSTRAINT "security_findings_release_id_product_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."product_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_findings" ADD CONSTRAINT "security_findings_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_releases" ADD CONSTRAINT "product_releases_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_test_runs" ADD CONSTRAINT "security_test_runs_release_id_product_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."product_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_threat_reviews" ADD CONSTRAINT "product_threat_reviews_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_threat_reviews" ADD CONSTRAINT "product_threat_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_threats" ADD CONSTRAINT "product_threats_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_threats" ADD CONSTRAINT "product_threats_release_id_product_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."product_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisories" ADD CONSTRAINT "advisories_vulnerability_id_vulnerabilities_id_fk" FOREIGN KEY ("vulnerability_id") REFERENCES "public"."vulnerabilities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisories" ADD CONSTRAINT "advisories_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_attachments" ADD CONSTRAINT "vulnerability_attachments_vulnerability_id_vulnerabilities_id_fk" FOREIGN KEY ("vulnerability_id") REFERENCES "public"."vulnerabilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_coordination" ADD CONSTRAINT "vulnerability_coordination_vulnerability_id_vulnerabilities_id_fk" FOREIGN KEY ("vulnerability_id") REFERENCES "public"."vulnerabilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_messages" ADD CONSTRAINT "vulnerability_messages_vulnerability_id_vulnerabilities_id_fk" FOREIGN KEY ("vulnerability_id") REFERENCES "public"."vulnerabilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_messages" ADD CONSTRAINT "vulnerability_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_products" ADD CONSTRAINT "vulnerability_products_vulnerability_id_vulnerabilities_id_fk" FOREIGN KEY ("vulnerability_id") REFERENCES "public"."vulnerabilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_products" ADD CONSTRAINT "vulnerability_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_tasks" ADD CONSTRAINT "vulnerability_tasks_vulnerability_id_vulnerabilities_id_fk" FOREIGN KEY ("vulnerability_id") REFERENCES "public"."vulnerabilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sbom_components_name_version_idx" ON "sbom_components" USING btree (lower("name"),"version","release_id");--> statement-breakpoint
CREATE INDEX "sbom_components_release_idx" ON "sbom_components" USING btree ("release_id");--> statement-breakpoint
CREATE INDEX "sbom_components_purl_idx" ON "sbom_components" USING btree ("purl");--> statement-breakpoint
CREATE INDEX "security_findings_release_idx" ON "security_findings" USING btree ("release_id","status");--> statement-breakpoint
CREATE INDEX "products_org_name_idx" ON "products" USING btree ("org_unit_id","name_en","id");--> statement-breakpoint
CREATE INDEX "products_name_idx" ON "products" USING btree ("name_en","id");--> statement-breakpoint
CREATE INDEX "products_line_idx" ON "products" USING btree ("product_line");--> statement-breakpoint
CREATE UNIQUE INDEX "product_releases_version_idx" ON "product_releases" USING btree ("product_id","version");--> statement-breakpoint
CREATE INDEX "security_test_runs_release_idx" ON "security_test_runs" USING btree ("release_id");--> statement-breakpoint
CREATE INDEX "product_threat_reviews_product_idx" ON "product_threat_reviews" USING btree ("product_id","stage");--> statement-breakpoint
CREATE INDEX "product_threats_product_idx" ON "product_threats" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "advisories_release_idx" ON "advisories" USING btree ("current_release_at","id");--> statement-breakpoint
CREATE INDEX "vulnerabilities_created_idx" ON "vulnerabilities" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "vulnerabilities_status_idx" ON "vulnerabilities" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "vulnerability_attachments_case_idx" ON "vulnerability_attachments" USING btree ("vulnerability_id");--> statement-breakpoint
CREATE INDEX "vulnerability_coordination_case_idx" ON "vulnerability_coordination" USING btree ("vulnerability_id","occurred_on");--> statement-breakpoint
CREATE INDEX "vulnerability_messages_case_idx" ON "vulnerability_messages" USING btree ("vulnerability_id","created_at");--> statement-breakpoint
CREATE INDEX "vulnerability_products_product_idx" ON "vulnerability_products" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "vulnerability_tasks_case_idx" ON "vulnerability_tasks" USING btree ("vulnerability_id");