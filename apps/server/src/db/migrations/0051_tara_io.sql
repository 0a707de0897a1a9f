CREATE TABLE "tara_r155_exclusions" (
	"analysis_id" uuid NOT NULL,
	"code" text NOT NULL,
	"reason" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tara_r155_exclusions_analysis_id_code_pk" PRIMARY KEY("analysis_id","code")
);
--> statement-breakpoint
ALTER TABLE "tara_threat_scenarios" ADD COLUMN "r155_threats" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "tara_r155_exclusions" ADD CONSTRAINT "tara_r155_exclusions_analysis_id_tara_analyses_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."tara_analyses"("id") ON DELETE cascade ON UPDATE no action;