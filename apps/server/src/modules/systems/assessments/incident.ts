import type { AssessmentFindingDetail } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { Config } from '../../../config';
import { conflict, forbidden, msg } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { reportIncident } from '../../incidents/service';
import { canAt } from '../access';
import { getFinding, loadFinding } from './findings';
import { assessmentFindingEvents, assessmentFindings } from './tables';

const SEVERITY_WORD = { critical: '緊急', high: '高', medium: '中', low: '低' } as const;

/**
 * Opens an incident from an open finding (incidents:manage covering the system's unit, else 403), through the
 * incident module's own report path (its clocks, tasks and timeline), in the finding's unit, and links it back.
 * A finding links one incident (409 for a second).
 */
export async function openIncidentFromFinding(
  ctx: Ctx,
  config: Config,
  id: string,
  body: { typeId: string },
  expected: Precondition,
): Promise<AssessmentFindingDetail> {
  await inTransaction(ctx, async (tx, audit) => {
    const f = await loadForUpdate(tx, assessmentFindings, id, () => loadFinding(tx, ctx, id), expected);
    if (!canAt(ctx, 'incidents:manage', f.unitPath)) throw forbidden(msg('assessments.incident_not_yours'));
    if (f.incidentId) throw conflict(msg('assessments.incident_exists'));
    if (f.fixed) throw conflict(msg('assessments.exception_fixed'));
    const cves = f.cves.length ? ` (${f.cves.join(', ')})` : '';
    const incident = await reportIncident({ ...ctx, db: tx }, config, {
      typeId: body.typeId,
      nearMiss: false,
      title: `${f.title}`.slice(0, 200),
      description: [
        `脆弱性診断の指摘から起票 / Opened from a vulnerability assessment finding${cves}`,
        `重大度 / Severity: ${SEVERITY_WORD[f.severity]} (${f.severity})${f.knownExploited ? ' — KEV' : ''}`,
        `場所 / Location: ${f.location || '-'}`,
        `ルール / Rule: ${f.ruleId}`,
      ].join('\n'),
      discoveredAt: f.firstSeenAt.toISOString(),
      location: f.location.slice(0, 500),
      information: '',
      orgUnitId: f.unitId,
      personalData: false,
      countries: [],
      dataKinds: [],
      customers: [],
      language: 'ja',
      attachments: [],
    });
    await tx.update(assessmentFindings).set({ incidentId: incident.id }).where(eq(assessmentFindings.id, id));
    await tx
      .insert(assessmentFindingEvents)
      .values({ findingId: id, kind: 'incident_opened', by: ctx.principal?.userId ?? null });
    await audit({
      action: 'assessment-finding.incident',
      targetType: 'assessment-finding',
      targetId: id,
      orgPath: f.unitPath,
      after: { incidentId: incident.id },
    });
  });
  return getFinding(ctx, id);
}
