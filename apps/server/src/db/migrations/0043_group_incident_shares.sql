CREATE TABLE "group_incident_shares" (
	"incident_id" uuid PRIMARY KEY NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reasons" text[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "group_incident_shares" ADD CONSTRAINT "group_incident_shares_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE restrict ON UPDATE no action;