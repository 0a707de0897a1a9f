ALTER TABLE "sessions" ADD COLUMN "authenticated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "sso_provider_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "sso_id_token_sealed" text;--> statement-breakpoint
-- a session open before this migration proved who it was when it was created, not now
UPDATE "sessions" SET "authenticated_at" = "created_at";
