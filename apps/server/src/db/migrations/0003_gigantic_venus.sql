CREATE TABLE "vulnerabilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"source" text NOT NULL,
	"reported_product" text,
	"reporter_name" text,
	"reporter_email" text,
	"language" text DEFAULT 'en' NOT NULL,
	"tracking_token_hash" text,
	"cvss31_vector" text,
	"cvss31_score" double precision,
	"cvss31_severity" text,
	"cvss40_vector" text,
	"cvss40_score" double precision,
	"cvss40_severity" text,
	"cve_id" text,
	"cwe" text,
	"embargo_until" timestamp with time zone,
	"duplicate_of_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vulnerabilities_number_unique" UNIQUE("number"),
	CONSTRAINT "vulnerabilities_tracking_token_hash_unique" UNIQUE("tracking_token_hash"),
	CONSTRAINT "vulnerabilities_cve_id_unique" UNIQUE("cve_id")
);
--> statement-breakpoint
CREATE TABLE "vulnerability_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vulnerability_id" uuid NOT NULL,
	"from" text NOT NULL,
	"body" text NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vulnerability_products" (
	"vulnerability_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"status" text NOT NULL,
	"justification" text,
	"affected_versions" text,
	"fixed_version" text,
	"remediation" text,
	CONSTRAINT "vulnerability_products_vulnerability_id_product_id_pk" PRIMARY KEY("vulnerability_id","product_id")
);
--> statement-breakpoint
ALTER TABLE "vulnerabilities" ADD CONSTRAINT "vulnerabilities_duplicate_of_id_vulnerabilities_id_fk" FOREIGN KEY ("duplicate_of_id") REFERENCES "public"."vulnerabilities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_messages" ADD CONSTRAINT "vulnerability_messages_vulnerability_id_vulnerabilities_id_fk" FOREIGN KEY ("vulnerability_id") REFERENCES "public"."vulnerabilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_messages" ADD CONSTRAINT "vulnerability_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_products" ADD CONSTRAINT "vulnerability_products_vulnerability_id_vulnerabilities_id_fk" FOREIGN KEY ("vulnerability_id") REFERENCES "public"."vulnerabilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_products" ADD CONSTRAINT "vulnerability_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vulnerabilities_created_idx" ON "vulnerabilities" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "vulnerabilities_status_idx" ON "vulnerabilities" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "vulnerability_messages_case_idx" ON "vulnerability_messages" USING btree ("vulnerability_id","created_at");--> statement-breakpoint
CREATE INDEX "vulnerability_products_product_idx" ON "vulnerability_products" USING btree ("product_id");