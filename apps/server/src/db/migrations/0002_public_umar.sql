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
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"product_line" text,
	"org_unit_id" uuid NOT NULL,
	"stage" text DEFAULT 'plan' NOT NULL,
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
ALTER TABLE "sbom_components" ADD CONSTRAINT "sbom_components_release_id_product_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."product_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sbom_components" ADD CONSTRAINT "sbom_components_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_releases" ADD CONSTRAINT "product_releases_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sbom_components_name_version_idx" ON "sbom_components" USING btree (lower("name"),"version","release_id");--> statement-breakpoint
CREATE INDEX "sbom_components_release_idx" ON "sbom_components" USING btree ("release_id");--> statement-breakpoint
CREATE INDEX "sbom_components_purl_idx" ON "sbom_components" USING btree ("purl");--> statement-breakpoint
CREATE INDEX "products_org_name_idx" ON "products" USING btree ("org_unit_id","name_en","id");--> statement-breakpoint
CREATE INDEX "products_name_idx" ON "products" USING btree ("name_en","id");--> statement-breakpoint
CREATE INDEX "products_line_idx" ON "products" USING btree ("product_line");--> statement-breakpoint
CREATE UNIQUE INDEX "product_releases_version_idx" ON "product_releases" USING btree ("product_id","version");