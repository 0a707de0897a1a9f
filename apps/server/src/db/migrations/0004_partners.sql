CREATE TABLE "partner_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"role" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_exchanges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"subcontractor_id" uuid,
	"direction" text NOT NULL,
	"form" text NOT NULL,
	"description" text NOT NULL,
	"method" text NOT NULL,
	"occurred_on" date NOT NULL,
	"approved_by" text NOT NULL,
	"return_due_on" date,
	"settlement" text,
	"settled_on" date,
	"settlement_note" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"discovered_at" timestamp with time zone NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"within_agreed_time" boolean NOT NULL,
	"involves_our_information" boolean NOT NULL,
	"reported_by" uuid,
	"status" text DEFAULT 'received' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_ndas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"title" text NOT NULL,
	"signed_on" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"provisions" jsonb NOT NULL,
	"file_id" uuid,
	"reminder_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_org_units" (
	"partner_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	CONSTRAINT "partner_org_units_partner_id_org_unit_id_pk" PRIMARY KEY("partner_id","org_unit_id")
);
--> statement-breakpoint
CREATE TABLE "partner_subcontractors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"parent_id" uuid,
	"depth" integer DEFAULT 0 NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"work" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending_notice' NOT NULL,
	"prior_notice_received_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_subcontractors_notice" CHECK ("partner_subcontractors"."status" <> 'active' OR "partner_subcontractors"."prior_notice_received_on" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "partner_tier_thresholds" (
	"tier" text PRIMARY KEY NOT NULL,
	"threshold" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"corporate_number" text,
	"country" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"shares_papers" boolean DEFAULT false NOT NULL,
	"shares_digitized" boolean DEFAULT false NOT NULL,
	"shares_embodiments" boolean DEFAULT false NOT NULL,
	"shares_know_how" boolean DEFAULT false NOT NULL,
	"strictly_confidential" boolean DEFAULT false NOT NULL,
	"uses_subcontractors" boolean DEFAULT false NOT NULL,
	"shared_information" text DEFAULT '' NOT NULL,
	"tier" text NOT NULL,
	"incident_report_hours" integer DEFAULT 24 NOT NULL,
	"latest_score" numeric(4, 1),
	"latest_assessment_id" uuid,
	"latest_scored_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partners_corporate_number_unique" UNIQUE("corporate_number")
);
--> statement-breakpoint
CREATE TABLE "improvement_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"requirement_id" text NOT NULL,
	"reason" text NOT NULL,
	"owner_id" uuid,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"plan" text,
	"evidence_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"answered_at" timestamp with time zone,
	"decision_comment" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "improvement_requests_assessment_requirement" UNIQUE("assessment_id","requirement_id")
);
--> statement-breakpoint
CREATE TABLE "partner_answers" (
	"assessment_id" uuid NOT NULL,
	"requirement_id" text NOT NULL,
	"value" text NOT NULL,
	"reason" text,
	"comment" text,
	"evidence_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "partner_answers_assessment_id_requirement_id_pk" PRIMARY KEY("assessment_id","requirement_id")
);
--> statement-breakpoint
CREATE TABLE "partner_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"catalog_version" integer NOT NULL,
	"requirement_ids" text[] NOT NULL,
	"tier" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"due_on" date NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"reopen_reason" text,
	"score" numeric(4, 1),
	"score_1" numeric(4, 1),
	"score_2" numeric(4, 1),
	"score_3" numeric(4, 1),
	"score_4" numeric(4, 1),
	"score_5" numeric(4, 1),
	"threshold" integer,
	"passed" boolean,
	"last_reminder_days" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_assessments_campaign_partner" UNIQUE("campaign_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "partner_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"catalog_version" integer NOT NULL,
	"due_on" date NOT NULL,
	"reminder_days" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"visitors" text NOT NULL,
	"summary" text NOT NULL,
	"findings" jsonb NOT NULL,
	"report_file_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "partner_id" uuid;--> statement-breakpoint
ALTER TABLE "partner_contacts" ADD CONSTRAINT "partner_contacts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_exchanges" ADD CONSTRAINT "partner_exchanges_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_exchanges" ADD CONSTRAINT "partner_exchanges_subcontractor_id_partner_subcontractors_id_fk" FOREIGN KEY ("subcontractor_id") REFERENCES "public"."partner_subcontractors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_files" ADD CONSTRAINT "partner_files_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_incidents" ADD CONSTRAINT "partner_incidents_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_ndas" ADD CONSTRAINT "partner_ndas_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_ndas" ADD CONSTRAINT "partner_ndas_file_id_partner_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."partner_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_org_units" ADD CONSTRAINT "partner_org_units_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_org_units" ADD CONSTRAINT "partner_org_units_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_subcontractors" ADD CONSTRAINT "partner_subcontractors_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_subcontractors" ADD CONSTRAINT "partner_subcontractors_parent_id_partner_subcontractors_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."partner_subcontractors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_requests" ADD CONSTRAINT "improvement_requests_assessment_id_partner_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."partner_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_requests" ADD CONSTRAINT "improvement_requests_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_answers" ADD CONSTRAINT "partner_answers_assessment_id_partner_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."partner_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_assessments" ADD CONSTRAINT "partner_assessments_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_assessments" ADD CONSTRAINT "partner_assessments_campaign_id_partner_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."partner_campaigns"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_visits" ADD CONSTRAINT "partner_visits_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_visits" ADD CONSTRAINT "partner_visits_report_file_id_partner_files_id_fk" FOREIGN KEY ("report_file_id") REFERENCES "public"."partner_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_contacts_partner_idx" ON "partner_contacts" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "partner_exchanges_partner_idx" ON "partner_exchanges" USING btree ("partner_id","occurred_on");--> statement-breakpoint
CREATE INDEX "partner_files_partner_idx" ON "partner_files" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "partner_incidents_partner_idx" ON "partner_incidents" USING btree ("partner_id","reported_at");--> statement-breakpoint
CREATE INDEX "partner_ndas_partner_idx" ON "partner_ndas" USING btree ("partner_id","valid_until");--> statement-breakpoint
CREATE INDEX "partner_org_units_unit_idx" ON "partner_org_units" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "partner_subcontractors_partner_idx" ON "partner_subcontractors" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "partners_name_idx" ON "partners" USING btree ("name_en","id");--> statement-breakpoint
CREATE INDEX "partners_score_idx" ON "partners" USING btree ("latest_score","id");--> statement-breakpoint
CREATE INDEX "partners_tier_idx" ON "partners" USING btree ("tier");--> statement-breakpoint
CREATE INDEX "partners_name_en_trgm_idx" ON "partners" USING gin ("name_en" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "partners_name_ja_trgm_idx" ON "partners" USING gin ("name_ja" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "improvement_requests_partner_idx" ON "improvement_requests" USING btree ("partner_id","status");--> statement-breakpoint
CREATE INDEX "improvement_requests_status_due_idx" ON "improvement_requests" USING btree ("status","due_on","id");--> statement-breakpoint
CREATE INDEX "partner_assessments_partner_idx" ON "partner_assessments" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "partner_assessments_open_due_idx" ON "partner_assessments" USING btree ("due_on") WHERE "partner_assessments"."status" IN ('draft', 'reopened');--> statement-breakpoint
CREATE INDEX "partner_visits_partner_idx" ON "partner_visits" USING btree ("partner_id","visited_on");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_partner_idx" ON "users" USING btree ("partner_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_partner_kind" CHECK (("users"."kind" = 'partner') = ("users"."partner_id" IS NOT NULL));