CREATE TABLE "drill_follow_ups" (
	"drill_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_at" timestamp with time zone,
	CONSTRAINT "drill_follow_ups_drill_id_person_id_pk" PRIMARY KEY("drill_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "drill_hits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"drill_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"net" text NOT NULL,
	"user_agent" text DEFAULT '' NOT NULL,
	"automated" text
);
--> statement-breakpoint
CREATE TABLE "drill_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"drill_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"email" text NOT NULL,
	"lang" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"role_group" text NOT NULL,
	"send_at" timestamp with time zone NOT NULL,
	"token_hash" text,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"error" text,
	"opened_at" timestamp with time zone,
	"clicked_at" timestamp with time zone,
	"reported_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "drill_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"drill_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"sender_name_ja" text NOT NULL,
	"subject_ja" text NOT NULL,
	"body_ja" text NOT NULL,
	"sender_name_en" text NOT NULL,
	"subject_en" text NOT NULL,
	"body_en" text NOT NULL,
	"attachment_name" text
);
--> statement-breakpoint
CREATE TABLE "drills" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_hours" smallint NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"report_link" boolean DEFAULT true NOT NULL,
	"targets" jsonb NOT NULL,
	"recipient_count" integer DEFAULT 0 NOT NULL,
	"queued_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "drill_follow_ups" ADD CONSTRAINT "drill_follow_ups_drill_id_drills_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."drills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_follow_ups" ADD CONSTRAINT "drill_follow_ups_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_hits" ADD CONSTRAINT "drill_hits_drill_id_drills_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."drills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_hits" ADD CONSTRAINT "drill_hits_recipient_id_drill_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."drill_recipients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_recipients" ADD CONSTRAINT "drill_recipients_drill_id_drills_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."drills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_recipients" ADD CONSTRAINT "drill_recipients_template_id_drill_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."drill_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_recipients" ADD CONSTRAINT "drill_recipients_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_recipients" ADD CONSTRAINT "drill_recipients_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_templates" ADD CONSTRAINT "drill_templates_drill_id_drills_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."drills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "drill_follow_ups_pending_idx" ON "drill_follow_ups" USING btree ("created_at") WHERE "drill_follow_ups"."assigned_at" IS NULL;--> statement-breakpoint
CREATE INDEX "drill_hits_net_idx" ON "drill_hits" USING btree ("drill_id","net","at");--> statement-breakpoint
CREATE INDEX "drill_hits_recipient_idx" ON "drill_hits" USING btree ("recipient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "drill_recipients_token_idx" ON "drill_recipients" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "drill_recipients_person_idx" ON "drill_recipients" USING btree ("drill_id","person_id");--> statement-breakpoint
CREATE INDEX "drill_recipients_due_idx" ON "drill_recipients" USING btree ("send_at") WHERE "drill_recipients"."sent_at" IS NULL AND "drill_recipients"."failed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "drill_recipients_path_idx" ON "drill_recipients" USING btree ("drill_id","unit_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "drill_templates_position_idx" ON "drill_templates" USING btree ("drill_id","position");--> statement-breakpoint
CREATE INDEX "drills_window_idx" ON "drills" USING btree ("window_start","id");--> statement-breakpoint
CREATE TRIGGER drills_row_version BEFORE UPDATE ON "drills" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
