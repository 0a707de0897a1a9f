CREATE TABLE "advisory_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"advisory_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"tracking_id" text NOT NULL,
	"path" text NOT NULL,
	"revision" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"sha512" text NOT NULL,
	"signature" text NOT NULL,
	"signing_key_fingerprint" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "advisory_files_path_unique" UNIQUE("path"),
	CONSTRAINT "advisory_files_lang_key" UNIQUE("advisory_id","lang")
);
--> statement-breakpoint
ALTER TABLE "advisory_files" ADD CONSTRAINT "advisory_files_advisory_id_advisories_id_fk" FOREIGN KEY ("advisory_id") REFERENCES "public"."advisories"("id") ON DELETE cascade ON UPDATE no action;