CREATE TABLE "iec62443_assessments" (
	"row_version" integer DEFAULT 1 NOT NULL,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"component_type" text NOT NULL,
	"sl_target" jsonb NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "iec62443_practices" (
	"assessment_id" uuid NOT NULL,
	"practice" text NOT NULL,
	"level" integer NOT NULL,
	"evidence" text,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owner_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "iec62443_practices_assessment_id_practice_pk" PRIMARY KEY("assessment_id","practice")
);
--> statement-breakpoint
CREATE TABLE "iec62443_requirements" (
	"assessment_id" uuid NOT NULL,
	"requirement_id" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"evidence" text,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owner_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "iec62443_requirements_assessment_id_requirement_id_pk" PRIMARY KEY("assessment_id","requirement_id")
);
--> statement-breakpoint
ALTER TABLE "iec62443_assessments" ADD CONSTRAINT "iec62443_assessments_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iec62443_practices" ADD CONSTRAINT "iec62443_practices_assessment_id_iec62443_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."iec62443_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iec62443_practices" ADD CONSTRAINT "iec62443_practices_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iec62443_requirements" ADD CONSTRAINT "iec62443_requirements_assessment_id_iec62443_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."iec62443_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iec62443_requirements" ADD CONSTRAINT "iec62443_requirements_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "iec62443_assessments_product_idx" ON "iec62443_assessments" USING btree ("product_id");--> statement-breakpoint
CREATE TRIGGER iec62443_assessments_row_version BEFORE UPDATE ON "iec62443_assessments" FOR EACH ROW EXECUTE FUNCTION mamori_bump_row_version();
