CREATE TABLE "oidc_logout_tokens" (
	"provider_id" uuid NOT NULL,
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "oidc_logout_tokens_pk" PRIMARY KEY("provider_id","jti")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "sso_subject" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "sso_sid" text;--> statement-breakpoint
ALTER TABLE "oidc_logout_tokens" ADD CONSTRAINT "oidc_logout_tokens_provider_id_identity_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."identity_providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oidc_logout_tokens_expires_idx" ON "oidc_logout_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sessions_sso_subject_idx" ON "sessions" USING btree ("sso_provider_id","sso_subject") WHERE "sessions"."sso_provider_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "sessions_sso_sid_idx" ON "sessions" USING btree ("sso_provider_id","sso_sid") WHERE "sessions"."sso_sid" IS NOT NULL;--> statement-breakpoint
-- sessions opened through a provider before this migration: their subject is the account's identity at that provider
UPDATE "sessions" SET "sso_subject" = i."subject" FROM "sso_identities" i WHERE "sessions"."sso_provider_id" = i."provider_id" AND "sessions"."user_id" = i."user_id";
