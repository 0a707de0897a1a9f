CREATE TABLE "vulnerability_cra" (
	"vulnerability_id" uuid PRIMARY KEY NOT NULL,
	"regime" text NOT NULL,
	"aware_at" timestamp with time zone NOT NULL,
	"evidence" text NOT NULL,
	"fix_available_at" timestamp with time zone,
	"fix_note" text,
	"marked_by" uuid,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vulnerability_cra_clocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vulnerability_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"stage" text NOT NULL,
	"hard" boolean NOT NULL,
	"start_at" timestamp with time zone,
	"warn_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"waiting_for" jsonb,
	"submitted_at" timestamp with time zone,
	"recipient" text,
	"reference" text,
	"text" text,
	"submitted_by" uuid,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vulnerability_cra_clocks_rule_uq" UNIQUE("vulnerability_id","rule_id")
);
--> statement-breakpoint
ALTER TABLE "vulnerability_cra" ADD CONSTRAINT "vulnerability_cra_vulnerability_id_vulnerabilities_id_fk" FOREIGN KEY ("vulnerability_id") REFERENCES "public"."vulnerabilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_cra" ADD CONSTRAINT "vulnerability_cra_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_cra_clocks" ADD CONSTRAINT "vulnerability_cra_clocks_vulnerability_id_vulnerabilities_id_fk" FOREIGN KEY ("vulnerability_id") REFERENCES "public"."vulnerabilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_cra_clocks" ADD CONSTRAINT "vulnerability_cra_clocks_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vulnerability_cra_clocks_due_idx" ON "vulnerability_cra_clocks" USING btree ("due_at") WHERE "vulnerability_cra_clocks"."submitted_at" IS NULL AND "vulnerability_cra_clocks"."due_at" IS NOT NULL;