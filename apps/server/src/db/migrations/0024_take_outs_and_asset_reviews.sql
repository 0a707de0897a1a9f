CREATE TABLE "take_out_approvers" (
	"take_out_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "take_out_approvers_take_out_id_position_user_id_pk" PRIMARY KEY("take_out_id","position","user_id")
);
--> statement-breakpoint
CREATE TABLE "take_out_items" (
	"take_out_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"copy" boolean DEFAULT false NOT NULL,
	CONSTRAINT "take_out_items_take_out_id_asset_id_pk" PRIMARY KEY("take_out_id","asset_id")
);
--> statement-breakpoint
CREATE TABLE "take_out_steps" (
	"take_out_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"approver" text NOT NULL,
	"decision" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "take_out_steps_take_out_id_position_pk" PRIMARY KEY("take_out_id","position")
);
--> statement-breakpoint
CREATE TABLE "take_outs" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requester_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"purpose" text NOT NULL,
	"destination" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"medium" text NOT NULL,
	"medium_note" text DEFAULT '' NOT NULL,
	"encrypted" boolean NOT NULL,
	"encryption_method" text DEFAULT '' NOT NULL,
	"nda_confirmed" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"current_step" smallint,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"close_comment" text DEFAULT '' NOT NULL,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_review_units" (
	"review_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"unit_code" text NOT NULL,
	"site_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"outcome" text,
	"comment" text DEFAULT '' NOT NULL,
	"ledger" jsonb,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	CONSTRAINT "asset_review_units_review_id_unit_id_pk" PRIMARY KEY("review_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "asset_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title_ja" text NOT NULL,
	"title_en" text NOT NULL,
	"units" text NOT NULL,
	"unit_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"due_on" date NOT NULL,
	"unit_count" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "take_out_approvers" ADD CONSTRAINT "take_out_approvers_take_out_id_take_outs_id_fk" FOREIGN KEY ("take_out_id") REFERENCES "public"."take_outs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "take_out_approvers" ADD CONSTRAINT "take_out_approvers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "take_out_items" ADD CONSTRAINT "take_out_items_take_out_id_take_outs_id_fk" FOREIGN KEY ("take_out_id") REFERENCES "public"."take_outs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "take_out_items" ADD CONSTRAINT "take_out_items_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "take_out_steps" ADD CONSTRAINT "take_out_steps_take_out_id_take_outs_id_fk" FOREIGN KEY ("take_out_id") REFERENCES "public"."take_outs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "take_out_steps" ADD CONSTRAINT "take_out_steps_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "take_outs" ADD CONSTRAINT "take_outs_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "take_outs" ADD CONSTRAINT "take_outs_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "take_outs" ADD CONSTRAINT "take_outs_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_review_units" ADD CONSTRAINT "asset_review_units_review_id_asset_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."asset_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_review_units" ADD CONSTRAINT "asset_review_units_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_review_units" ADD CONSTRAINT "asset_review_units_site_id_org_units_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_review_units" ADD CONSTRAINT "asset_review_units_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_reviews" ADD CONSTRAINT "asset_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "take_out_approvers_user_idx" ON "take_out_approvers" USING btree ("user_id","take_out_id");--> statement-breakpoint
CREATE INDEX "take_out_items_asset_idx" ON "take_out_items" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "take_outs_requester_idx" ON "take_outs" USING btree ("requester_id","created_at","id");--> statement-breakpoint
CREATE INDEX "take_outs_path_idx" ON "take_outs" USING btree ("unit_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "take_outs_created_idx" ON "take_outs" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "take_outs_overdue_idx" ON "take_outs" USING btree ("period_to") WHERE "take_outs"."status" = 'approved';--> statement-breakpoint
CREATE INDEX "asset_review_units_rollup_idx" ON "asset_review_units" USING btree ("review_id","site_id","status","outcome");--> statement-breakpoint
CREATE INDEX "asset_review_units_list_idx" ON "asset_review_units" USING btree ("review_id","unit_code");--> statement-breakpoint
CREATE INDEX "asset_review_units_path_idx" ON "asset_review_units" USING btree ("review_id","unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "asset_review_units_pending_idx" ON "asset_review_units" USING btree ("review_id") WHERE "asset_review_units"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "asset_reviews_created_idx" ON "asset_reviews" USING btree ("created_at","id");--> statement-breakpoint
CREATE TRIGGER take_outs_row_version BEFORE UPDATE ON "take_outs" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
