ALTER TABLE "privacy_requests" ADD COLUMN "extended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD COLUMN "extended_by" uuid;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD COLUMN "extension_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_extended_by_users_id_fk" FOREIGN KEY ("extended_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;