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
ALTER TABLE "advisories" ADD CONSTRAINT "advisories_vulnerability_id_vulnerabilities_id_fk" FOREIGN KEY ("vulnerability_id") REFERENCES "public"."vulnerabilities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisories" ADD CONSTRAINT "advisories_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advisories_release_idx" ON "advisories" USING btree ("current_release_at","id");