CREATE TABLE "governance_document_acks" (
	"version_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"person_id" uuid,
	"acknowledged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "governance_document_acks_version_id_user_id_pk" PRIMARY KEY("version_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "governance_document_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "governance_document_versions" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title_ja" text NOT NULL,
	"title_en" text NOT NULL,
	"body_ja" text DEFAULT '' NOT NULL,
	"body_en" text DEFAULT '' NOT NULL,
	"change_summary" text DEFAULT '' NOT NULL,
	"return_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	CONSTRAINT "governance_document_versions_number_uq" UNIQUE("document_id","number")
);
--> statement-breakpoint
CREATE TABLE "governance_documents" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"activity" text,
	"scope_unit_id" uuid,
	"scope_path" text,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"requires_ack" boolean DEFAULT false NOT NULL,
	"review_due_on" date,
	"review_reminded_at" timestamp with time zone,
	"published_number" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "governance_documents_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "management_review_actions" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"title" text NOT NULL,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "management_reviews" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_year" integer NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"status" text DEFAULT 'preparation' NOT NULL,
	"attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"internal_issues" text DEFAULT '' NOT NULL,
	"external_issues" text DEFAULT '' NOT NULL,
	"interested_parties" text DEFAULT '' NOT NULL,
	"decisions" text DEFAULT '' NOT NULL,
	"pack" jsonb,
	"pack_assembled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	CONSTRAINT "management_reviews_fiscal_year_unique" UNIQUE("fiscal_year")
);
--> statement-breakpoint
ALTER TABLE "governance_document_acks" ADD CONSTRAINT "governance_document_acks_version_id_governance_document_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."governance_document_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_document_acks" ADD CONSTRAINT "governance_document_acks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_document_acks" ADD CONSTRAINT "governance_document_acks_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_document_files" ADD CONSTRAINT "governance_document_files_version_id_governance_document_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."governance_document_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_document_files" ADD CONSTRAINT "governance_document_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_document_versions" ADD CONSTRAINT "governance_document_versions_document_id_governance_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."governance_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_document_versions" ADD CONSTRAINT "governance_document_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_document_versions" ADD CONSTRAINT "governance_document_versions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_document_versions" ADD CONSTRAINT "governance_document_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_documents" ADD CONSTRAINT "governance_documents_scope_unit_id_org_units_id_fk" FOREIGN KEY ("scope_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_documents" ADD CONSTRAINT "governance_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_actions" ADD CONSTRAINT "management_review_actions_review_id_management_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."management_reviews"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "governance_document_acks_person_idx" ON "governance_document_acks" USING btree ("version_id","person_id");--> statement-breakpoint
CREATE INDEX "governance_document_files_version_idx" ON "governance_document_files" USING btree ("version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "governance_document_versions_one_open_uq" ON "governance_document_versions" USING btree ("document_id") WHERE "governance_document_versions"."status" IN ('draft', 'review', 'approved');--> statement-breakpoint
CREATE INDEX "governance_document_versions_review_idx" ON "governance_document_versions" USING btree ("status","submitted_at") WHERE "governance_document_versions"."status" = 'review';--> statement-breakpoint
CREATE INDEX "governance_documents_scope_idx" ON "governance_documents" USING btree ("scope_path");--> statement-breakpoint
CREATE INDEX "governance_documents_review_idx" ON "governance_documents" USING btree ("review_due_on") WHERE "governance_documents"."review_reminded_at" IS NULL;--> statement-breakpoint
CREATE INDEX "management_review_actions_review_idx" ON "management_review_actions" USING btree ("review_id","due_on");--> statement-breakpoint
CREATE INDEX "management_review_actions_year_idx" ON "management_review_actions" USING btree ("fiscal_year","status");--> statement-breakpoint
CREATE TRIGGER governance_documents_row_version BEFORE UPDATE ON "governance_documents" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER governance_document_versions_row_version BEFORE UPDATE ON "governance_document_versions" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER management_reviews_row_version BEFORE UPDATE ON "management_reviews" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();--> statement-breakpoint
CREATE TRIGGER management_review_actions_row_version BEFORE UPDATE ON "management_review_actions" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
--> statement-breakpoint
CREATE FUNCTION mamori_document_text_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('approved', 'published', 'superseded') AND (NEW.title_ja IS DISTINCT FROM OLD.title_ja
      OR NEW.title_en IS DISTINCT FROM OLD.title_en OR NEW.body_ja IS DISTINCT FROM OLD.body_ja
      OR NEW.body_en IS DISTINCT FROM OLD.body_en) THEN
    RAISE EXCEPTION 'an approved or published document version is frozen';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER governance_document_versions_frozen BEFORE UPDATE ON "governance_document_versions" FOR EACH ROW EXECUTE FUNCTION mamori_document_text_frozen();
