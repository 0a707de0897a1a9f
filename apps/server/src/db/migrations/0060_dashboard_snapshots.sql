CREATE TABLE "dashboard_snapshot_days" (
	"scope_key" text NOT NULL,
	"day" date NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboard_snapshot_days_scope_key_day_pk" PRIMARY KEY("scope_key","day")
);
--> statement-breakpoint
CREATE TABLE "dashboard_snapshots" (
	"scope_key" text NOT NULL,
	"day" date NOT NULL,
	"source" text NOT NULL,
	"value" double precision,
	CONSTRAINT "dashboard_snapshots_scope_key_day_source_pk" PRIMARY KEY("scope_key","day","source")
);
--> statement-breakpoint
CREATE INDEX "dashboard_snapshots_day_idx" ON "dashboard_snapshots" USING btree ("day");