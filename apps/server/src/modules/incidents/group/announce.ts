import { INCIDENT_STATUS_NAMES } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { holdersOf } from '../../../platform/access/holders';
import { defineJob } from '../../../platform/jobs/define';
import { queueMail } from '../../../platform/mail/outbox';
import { mailOf } from '../../../platform/mail/text';
import { notify } from '../../../platform/notifications/notify';
import { lockName } from '../../../platform/records/lock';
import { effectiveSetting } from '../../../platform/settings/effective';
import { companyOfPathSql } from '../../org/service';
import { incidentType } from '../catalog';
import { regulatorySql, reasonsOf, sharedSql } from './board';
import { groupIncidentSharingSetting } from './setting';
import { groupIncidentShares } from './tables';

const SEVERITY = {
  low: { ja: '低', en: 'Low' },
  medium: { ja: '中', en: 'Medium' },
  high: { ja: '高', en: 'High' },
  critical: { ja: '重大', en: 'Critical' },
} as const;

interface Candidate {
  id: string;
  number: string;
  type_id: string;
  severity: keyof typeof SEVERITY;
  status: keyof typeof INCIDENT_STATUS_NAMES;
  title: string;
  personal_data: boolean;
  regulatory_due: boolean;
  path: string;
  company_ja: string | null;
  company_en: string | null;
}

/**
 * Tells the holding's CSIRT, once per case, that a company's open case now meets the holding's rule: an in-app
 * notification and a mail (ja + en) to the holders of group-incidents:read at the top of the group (group-wide, or
 * granted on the top unit) — not to the company's own CSIRT, which has the case already. The case is stamped in
 * `group_incident_shares` in the same transaction, under a named lock, so overlapping runs tell it once.
 * The notice carries only what the board shows: number, company, type, severity, status, summary.
 */
export async function announceSharedIncidents(db: Db, config: Config): Promise<number> {
  const rule = (await effectiveSetting(db, groupIncidentSharingSetting)).value;
  let sent = 0;
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await lockName(tx, 'incidents.group-share', 'exclusive');
    const rows = await queryRows<Candidate>(
      tx,
      sql`SELECT i.id, i.number, i.type_id, i.severity, i.status, i.title,
            coalesce((i.facts->>'personalData')::boolean, false) AS personal_data,
            ${regulatorySql()} AS regulatory_due, o.path, c.name_ja AS company_ja, c.name_en AS company_en
          FROM incidents i
          JOIN org_units o ON o.id = i.org_unit_id
          LEFT JOIN org_units c ON c.id = ${companyOfPathSql(sql`o.path`)}
         WHERE i.near_miss = false AND i.status <> 'closed' AND ${sharedSql(rule)}
           AND NOT EXISTS (SELECT 1 FROM group_incident_shares s WHERE s.incident_id = i.id)
         ORDER BY i.reported_at
         LIMIT 500`,
    );
    for (const r of rows) {
      const reasons = reasonsOf(r, rule);
      await tx.insert(groupIncidentShares).values({ incidentId: r.id, reasons });
      const top = `/${r.path.split('/').filter(Boolean)[0]}/`;
      const readers = await holdersOf(tx, 'group-incidents:read', top);
      const company = { ja: r.company_ja ?? '', en: r.company_en ?? '' };
      const type = incidentType(r.type_id);
      const typeName = { ja: type?.ja ?? r.type_id, en: type?.en ?? r.type_id };
      const link = '/group-incidents';
      sent += await notify(tx, {
        to: readers,
        kind: 'incident.shared-with-holding',
        params: { number: r.number, company, severity: SEVERITY[r.severity], summary: r.title },
        link,
      });
      const url = `${config.publicUrl}${link}`;
      for (const p of readers)
        await queueMail(tx, {
          to: p.email,
          ...mailOf(
            {
              ja: `グループ共有インシデント: ${r.number}(${company.ja})`,
              en: `Incident shared with the holding: ${r.number} (${company.en})`,
            },
            {
              ja: [
                `${company.ja}のインシデント ${r.number} が持株会社への共有基準に該当しました。`,
                `種別: ${typeName.ja} / 重大度: ${SEVERITY[r.severity].ja} / 状況: ${INCIDENT_STATUS_NAMES[r.status].ja}`,
                `概要: ${r.title}`,
              ],
              en: [
                `Incident ${r.number} of ${company.en} now meets the holding's sharing rule.`,
                `Type: ${typeName.en} / Severity: ${SEVERITY[r.severity].en} / Status: ${INCIDENT_STATUS_NAMES[r.status].en}`,
                `Summary: ${r.title}`,
              ],
            },
            url,
          ),
        });
    }
  });
  return sent;
}

export const groupShareJob = defineJob({
  kind: 'incidents.group-share',
  payload: z.object({}),
  async handler(_p, { db, config }) {
    await announceSharedIncidents(db, config);
  },
});
