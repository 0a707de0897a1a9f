-- Partner reports kept in partner_incidents (before the incident module took them) become incidents, with
-- the same ids, so links and integrations keep working (docs/incidents.md, "Reports from partners"). The unit
-- is the lowest one covering every org unit that works with the partner (else the top unit); the reporter is
-- the partner user who reported (else the company's first account). Tasks and clocks are not made here: the
-- office sets the facts on the case, and the clocks follow as for any change of facts.
INSERT INTO incident_counters (year, last)
  SELECT DISTINCT extract(year FROM reported_at AT TIME ZONE 'Asia/Tokyo')::int, 0 FROM partner_incidents
  ON CONFLICT (year) DO NOTHING;--> statement-breakpoint
WITH src AS (
  SELECT p.*, pt.name_ja AS partner_name, pt.incident_report_hours,
    extract(year FROM p.reported_at AT TIME ZONE 'Asia/Tokyo')::int AS year,
    row_number() OVER (PARTITION BY extract(year FROM p.reported_at AT TIME ZONE 'Asia/Tokyo') ORDER BY p.reported_at, p.id) AS n,
    coalesce(
      (SELECT a.id FROM partner_org_units f JOIN org_units fu ON fu.id = f.org_unit_id JOIN org_units a ON fu.path LIKE a.path || '%'
       WHERE f.partner_id = p.partner_id
         AND NOT EXISTS (SELECT 1 FROM partner_org_units g JOIN org_units gu ON gu.id = g.org_unit_id
                         WHERE g.partner_id = p.partner_id AND gu.path NOT LIKE a.path || '%')
       ORDER BY a.depth DESC LIMIT 1),
      (SELECT id FROM org_units WHERE parent_id IS NULL ORDER BY code LIMIT 1)) AS unit_id,
    coalesce(
      (SELECT id FROM users WHERE id = p.reported_by),
      (SELECT id FROM users WHERE partner_id = p.partner_id ORDER BY created_at LIMIT 1),
      (SELECT id FROM users ORDER BY created_at LIMIT 1)) AS reporter_id
  FROM partner_incidents p JOIN partners pt ON pt.id = p.partner_id
), typed AS (
  SELECT s.*, CASE s.kind
      WHEN 'loss_or_theft' THEN 'loss_theft' WHEN 'leak' THEN 'leakage' WHEN 'misdelivery' THEN 'misdelivery'
      WHEN 'unauthorized_access' THEN 'unauthorized_access' WHEN 'malware' THEN 'malware'
      WHEN 'availability' THEN 'availability_loss' WHEN 'integrity' THEN 'integrity_loss' ELSE 'other' END AS type_id
  FROM src s
)
INSERT INTO incidents (id, number, type_id, severity, near_miss, status, title, description, language, discovered_at, aware_at,
    reported_at, reported_month, org_unit_id, site_id, reporter_id, facts, partner_id, partner_report, created_at, updated_at)
SELECT t.id, 'INC-' || t.year || '-' || lpad((c.last + t.n)::text, 5, '0'), t.type_id,
  CASE t.type_id WHEN 'leakage' THEN 'high' WHEN 'unauthorized_access' THEN 'high' WHEN 'malware' THEN 'high'
                 WHEN 'other' THEN 'low' ELSE 'medium' END,
  false, CASE t.status WHEN 'acknowledged' THEN 'initial_response' ELSE 'reported' END,
  left(t.partner_name || ': ' || split_part(t.description, E'\n', 1), 200), t.description, 'ja', t.discovered_at, t.reported_at,
  t.reported_at, to_char(t.reported_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM'), t.unit_id,
  (SELECT s.id FROM org_units s JOIN org_units u ON u.id = t.unit_id
   WHERE s.kind = 'site' AND u.path LIKE s.path || '%' ORDER BY s.depth DESC LIMIT 1),
  t.reporter_id,
  '{"personalData":false,"personCount":null,"countries":[],"dataKinds":[],"unlawfulPurpose":false,"highRisk":false,"customers":[]}'::jsonb,
  t.partner_id,
  jsonb_build_object('kind', t.kind, 'involvesOurInformation', t.involves_our_information,
                     'withinAgreedTime', t.within_agreed_time, 'agreedHours', t.incident_report_hours),
  t.reported_at, t.reported_at
FROM typed t JOIN incident_counters c ON c.year = t.year;--> statement-breakpoint
UPDATE incident_counters c SET last = c.last + x.n
  FROM (SELECT extract(year FROM reported_at AT TIME ZONE 'Asia/Tokyo')::int AS year, count(*)::int AS n
        FROM partner_incidents GROUP BY 1) x
  WHERE x.year = c.year;--> statement-breakpoint
INSERT INTO incident_timeline (incident_id, kind, at, actor_id, text, data)
  SELECT i.id, 'report', i.reported_at, i.reporter_id, i.number || ' reported by a partner: ' || i.title,
         jsonb_build_object('typeId', i.type_id, 'nearMiss', false, 'movedFrom', 'partner_incidents')
  FROM incidents i JOIN partner_incidents p ON p.id = i.id;
--> statement-breakpoint
-- The reports now live in incidents: the old table goes.
DROP TABLE "partner_incidents" CASCADE;
