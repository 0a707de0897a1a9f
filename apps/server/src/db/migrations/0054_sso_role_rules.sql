CREATE TABLE "sso_group_memberships" (
	"provider_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"group_name" text NOT NULL,
	CONSTRAINT "sso_group_memberships_pk" PRIMARY KEY("provider_id","user_id","group_name")
);
--> statement-breakpoint
ALTER TABLE "identity_providers" ADD COLUMN "groups_claim" text DEFAULT 'groups' NOT NULL;--> statement-breakpoint
ALTER TABLE "scim_role_rules" ADD COLUMN "provider_id" uuid;--> statement-breakpoint
ALTER TABLE "sso_group_memberships" ADD CONSTRAINT "sso_group_memberships_provider_id_identity_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."identity_providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_group_memberships" ADD CONSTRAINT "sso_group_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sso_group_memberships_user_idx" ON "sso_group_memberships" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "scim_role_rules" ADD CONSTRAINT "scim_role_rules_provider_id_identity_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."identity_providers"("id") ON DELETE cascade ON UPDATE no action;