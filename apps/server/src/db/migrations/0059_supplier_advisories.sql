CREATE TABLE "supplier_advisories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"advisory_key" text NOT NULL,
	"publisher_name" text NOT NULL,
	"publisher_namespace" text NOT NULL,
	"tracking_id" text NOT NULL,
	"version" text NOT NULL,
	"tracking_status" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"current_release_at" timestamp with time zone NOT NULL,
	"latest" boolean DEFAULT true NOT NULL,
	"document" jsonb NOT NULL,
	"parsed" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"source" text NOT NULL,
	"provider_id" uuid,
	"source_url" text,
	"imported_by" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplier_advisory_matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"advisory_key" text NOT NULL,
	"advisory_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"target_key" text NOT NULL,
	"product_id" uuid,
	"release_id" uuid,
	"system_id" uuid,
	"name" text NOT NULL,
	"version" text NOT NULL,
	"org_path" text NOT NULL,
	"supplier_products" jsonb NOT NULL,
	"supplier_status" text NOT NULL,
	"cves" text[] DEFAULT '{}'::text[] NOT NULL,
	"remediation" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'suggested' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"vulnerability_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplier_advisory_matches_target_chk" CHECK (("supplier_advisory_matches"."target_kind" = 'component') = ("supplier_advisory_matches"."release_id" IS NOT NULL AND "supplier_advisory_matches"."product_id" IS NOT NULL) AND ("supplier_advisory_matches"."target_kind" = 'system') = ("supplier_advisory_matches"."system_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "supplier_advisory_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"metadata_url" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_fetched_at" timestamp with time zone,
	"last_outcome" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplier_advisory_providers_metadata_url_unique" UNIQUE("metadata_url")
);
--> statement-breakpoint
ALTER TABLE "supplier_advisories" ADD CONSTRAINT "supplier_advisories_provider_id_supplier_advisory_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."supplier_advisory_providers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_advisories" ADD CONSTRAINT "supplier_advisories_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_advisory_matches" ADD CONSTRAINT "supplier_advisory_matches_advisory_id_supplier_advisories_id_fk" FOREIGN KEY ("advisory_id") REFERENCES "public"."supplier_advisories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_advisory_matches" ADD CONSTRAINT "supplier_advisory_matches_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_advisory_matches" ADD CONSTRAINT "supplier_advisory_matches_release_id_product_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."product_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_advisory_matches" ADD CONSTRAINT "supplier_advisory_matches_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_advisory_matches" ADD CONSTRAINT "supplier_advisory_matches_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_advisory_providers" ADD CONSTRAINT "supplier_advisory_providers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "supplier_advisories_version_idx" ON "supplier_advisories" USING btree ("advisory_key","version");--> statement-breakpoint
CREATE INDEX "supplier_advisories_latest_idx" ON "supplier_advisories" USING btree ("latest","current_release_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "supplier_advisory_matches_target_idx" ON "supplier_advisory_matches" USING btree ("advisory_key","target_key");--> statement-breakpoint
CREATE INDEX "supplier_advisory_matches_state_idx" ON "supplier_advisory_matches" USING btree ("state","created_at","id");--> statement-breakpoint
CREATE INDEX "supplier_advisory_matches_advisory_idx" ON "supplier_advisory_matches" USING btree ("advisory_id");--> statement-breakpoint
CREATE INDEX "supplier_advisory_matches_system_idx" ON "supplier_advisory_matches" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "supplier_advisory_matches_release_idx" ON "supplier_advisory_matches" USING btree ("release_id");