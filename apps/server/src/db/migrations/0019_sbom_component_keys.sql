DROP INDEX "sbom_components_name_version_idx";--> statement-breakpoint
ALTER TABLE "sbom_components" ADD COLUMN "ecosystem" text;--> statement-breakpoint
ALTER TABLE "sbom_components" ADD COLUMN "name_key" text;--> statement-breakpoint
ALTER TABLE "sbom_components" ADD COLUMN "version_key" text;--> statement-breakpoint
CREATE INDEX "sbom_components_keys_idx" ON "sbom_components" USING btree ("name_key","version_key","release_id");--> statement-breakpoint
-- Hand-written (drizzle cannot declare functions or triggers): the where-used keys of SBOM components, derived
-- from name, version and purl by the trigger below on every write path (import, demo, restore), and filled here
-- for the rows that exist. Where-used calls the same functions on its query, so rows and queries share one set of
-- rules. A name is canonicalised by its ecosystem (the purl type): PyPI PEP 503 (lower-case, runs of - _ . as -),
-- Maven group:artifact, Debian/RPM/Alpine/Arch the package name without the distribution; any other (npm
-- @scope/name, Composer vendor/name, Go module paths, no purl at all) lower-case with ':' as '/'
-- (CycloneDX `group:name` → `vendor/name`). A version is lower-cased without a leading 'v' or '='.
-- the percent-escapes purls carry in names and versions (@ of npm scopes, / : + and space), '%25' last
CREATE FUNCTION purl_unescape(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT replace(replace(replace(replace(replace(replace(replace(replace(replace(
    s, '%40', '@'), '%2F', '/'), '%2f', '/'), '%3A', ':'), '%3a', ':'), '%2B', '+'), '%2b', '+'), '%20', ' '), '%25', '%')
$$;--> statement-breakpoint
CREATE FUNCTION component_ecosystem(purl text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT lower(substring(purl from '^pkg:/*([A-Za-z][A-Za-z0-9.+-]*)/'))
$$;--> statement-breakpoint
CREATE FUNCTION component_purl_path(purl text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT trim(both '/' from substring(purl from '^pkg:/*[A-Za-z][A-Za-z0-9.+-]*/+([^?#]*)'))
$$;--> statement-breakpoint
-- namespace/name: the path without '@version' (split once from the right; a leading '@' is an npm scope)
CREATE FUNCTION component_purl_name(purl text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT nullif(purl_unescape(regexp_replace(component_purl_path(purl), '(.)@[^@]*$', '\1')), '')
$$;--> statement-breakpoint
CREATE FUNCTION component_purl_version(purl text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT nullif(purl_unescape(substring(component_purl_path(purl) from '.@([^@]*)$')), '')
$$;--> statement-breakpoint
CREATE FUNCTION component_name_key(ecosystem text, name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN ecosystem = 'pypi' THEN regexp_replace(lower(trim(name)), '[-_.]+', '-', 'g')
    WHEN ecosystem = 'maven' THEN lower(replace(trim(name), '/', ':'))
    WHEN ecosystem IN ('deb', 'rpm', 'apk', 'alpm') THEN lower(regexp_replace(trim(name), '^.*/', ''))
    ELSE lower(replace(trim(name), ':', '/'))
  END
$$;--> statement-breakpoint
-- every key a name can have, whatever its ecosystem (the index lookup; then the row's own ecosystem decides)
CREATE FUNCTION component_name_keys(name text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[component_name_key('pypi', name), component_name_key('maven', name), component_name_key('deb', name),
               component_name_key(NULL, name)]
$$;--> statement-breakpoint
CREATE FUNCTION component_version_key(version text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT nullif(regexp_replace(lower(trim(version)), '^[v=]([0-9])', '\1'), '')
$$;--> statement-breakpoint
CREATE FUNCTION sbom_components_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.ecosystem := component_ecosystem(NEW.purl);
  NEW.name_key := component_name_key(NEW.ecosystem, coalesce(component_purl_name(NEW.purl), NEW.name));
  NEW.version_key := component_version_key(coalesce(NEW.version, component_purl_version(NEW.purl)));
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER sbom_components_keys BEFORE INSERT OR UPDATE ON "sbom_components"
  FOR EACH ROW EXECUTE FUNCTION sbom_components_keys();--> statement-breakpoint
UPDATE "sbom_components" SET "ecosystem" = component_ecosystem("purl");
