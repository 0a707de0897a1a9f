-- The incident timeline (4-2 e) is a record: entries are never changed or deleted; a correction is a new entry.
CREATE FUNCTION incident_timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'incident_timeline is append-only: add a correcting entry instead';
END;
$$;--> statement-breakpoint
CREATE TRIGGER incident_timeline_no_update BEFORE UPDATE OR DELETE ON "incident_timeline"
  FOR EACH ROW EXECUTE FUNCTION incident_timeline_append_only();--> statement-breakpoint
CREATE TRIGGER incident_timeline_no_truncate BEFORE TRUNCATE ON "incident_timeline"
  FOR EACH STATEMENT EXECUTE FUNCTION incident_timeline_append_only();
