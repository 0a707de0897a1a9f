CREATE TABLE "partner_assessment_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"score" numeric(4, 1),
	"score_1" numeric(4, 1),
	"score_2" numeric(4, 1),
	"score_3" numeric(4, 1),
	"score_4" numeric(4, 1),
	"score_5" numeric(4, 1),
	"threshold" integer,
	"passed" boolean,
	"reopened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reopened_by" uuid,
	"reopen_reason" text NOT NULL,
	"reopen_request_id" uuid
);
--> statement-breakpoint
CREATE TABLE "partner_reopen_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text
);
--> statement-breakpoint
ALTER TABLE "partner_assessment_rounds" ADD CONSTRAINT "partner_assessment_rounds_assessment_id_partner_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."partner_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_assessment_rounds" ADD CONSTRAINT "partner_assessment_rounds_reopen_request_id_partner_reopen_requests_id_fk" FOREIGN KEY ("reopen_request_id") REFERENCES "public"."partner_reopen_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_reopen_requests" ADD CONSTRAINT "partner_reopen_requests_assessment_id_partner_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."partner_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_reopen_requests" ADD CONSTRAINT "partner_reopen_requests_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_assessment_rounds_assessment_idx" ON "partner_assessment_rounds" USING btree ("assessment_id","reopened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_reopen_requests_one_pending" ON "partner_reopen_requests" USING btree ("assessment_id") WHERE "partner_reopen_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "partner_reopen_requests_assessment_idx" ON "partner_reopen_requests" USING btree ("assessment_id","requested_at");--> statement-breakpoint
CREATE INDEX "partner_reopen_requests_status_idx" ON "partner_reopen_requests" USING btree ("status","requested_at","id");