CREATE TABLE "business_flows" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_method_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope" text NOT NULL,
	"version" integer NOT NULL,
	"method" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_method_versions_scope_version_uq" UNIQUE("scope","version")
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"asset_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"threat_id" text NOT NULL,
	"vulnerability" text DEFAULT '' NOT NULL,
	"method_id" uuid NOT NULL,
	"inherent_likelihood" smallint NOT NULL,
	"inherent_impact" smallint NOT NULL,
	"inherent_level" text NOT NULL,
	"control_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"residual_likelihood" smallint NOT NULL,
	"residual_impact" smallint NOT NULL,
	"residual_level" text NOT NULL,
	"treatment" text NOT NULL,
	"plan" text DEFAULT '' NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_date" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"accepted_by" uuid,
	"accepted_by_name" text,
	"accepted_at" timestamp with time zone,
	"flow_id" uuid,
	"flow_step_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "business_flows" ADD CONSTRAINT "business_flows_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_method_id_risk_method_versions_id_fk" FOREIGN KEY ("method_id") REFERENCES "public"."risk_method_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_accepted_by_people_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_flow_id_business_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."business_flows"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "business_flows_path_idx" ON "business_flows" USING btree ("unit_path" text_pattern_ops,"updated_at","id");--> statement-breakpoint
CREATE INDEX "risks_path_idx" ON "risks" USING btree ("unit_path" text_pattern_ops,"updated_at","id");--> statement-breakpoint
CREATE INDEX "risks_owner_idx" ON "risks" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "risks_controls_idx" ON "risks" USING gin ("control_ids");--> statement-breakpoint
CREATE INDEX "risks_flow_idx" ON "risks" USING btree ("flow_id","flow_step_id");--> statement-breakpoint
CREATE INDEX "risks_method_idx" ON "risks" USING btree ("method_id");--> statement-breakpoint
CREATE TRIGGER risks_row_version BEFORE UPDATE ON "risks" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
--> statement-breakpoint
CREATE TRIGGER business_flows_row_version BEFORE UPDATE ON "business_flows" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
