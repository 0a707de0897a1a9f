-- Password, MFA and session rules move from the platform settings row to the scoped setting `auth.signInRules`
-- (issue #22): the group's value at scope 'group', which a company may make stricter. An installation that saved
-- its rules keeps them; the platform row then holds only what is not per company.
INSERT INTO "scoped_settings" ("key", "scope", "value", "version", "updated_at")
SELECT 'auth.signInRules', 'group', jsonb_build_object(
    'passwordMinLength', 12,
    'mfaRequiredRoles', coalesce(s."value" -> 'mfaRequiredRoles', '[]'::jsonb),
    'sessionIdleMinutes', coalesce(s."value" -> 'sessionIdleMinutes', '60'::jsonb),
    'sessionMaxHours', coalesce(s."value" -> 'sessionMaxHours', '12'::jsonb)), 1, now()
  FROM "settings" s
 WHERE s."key" = 'platform'
   AND (s."value" -> 'mfaRequiredRoles' IS NOT NULL OR s."value" -> 'sessionIdleMinutes' IS NOT NULL
        OR s."value" -> 'sessionMaxHours' IS NOT NULL)
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "scoped_setting_versions" ("key", "scope", "version", "value", "changed_at")
SELECT "key", "scope", "version", "value", "updated_at" FROM "scoped_settings"
 WHERE "key" = 'auth.signInRules' AND "scope" = 'group'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
UPDATE "settings" SET "value" = "value" - 'mfaRequiredRoles' - 'sessionIdleMinutes' - 'sessionMaxHours'
 WHERE "key" = 'platform';
