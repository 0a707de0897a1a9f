ALTER TABLE "incidents" ADD COLUMN "partner_id" uuid;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "partner_report" jsonb;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incidents_partner_idx" ON "incidents" USING btree ("partner_id","reported_at","id") WHERE partner_id IS NOT NULL;