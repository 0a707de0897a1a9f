import type { CreateSystemBody } from '@mamori/contracts';
import type { Db } from '../../../db/client';
import { fieldError, invalid, notFound, type FieldError } from '../../../platform/errors/app-error';
import type { Ctx } from '../../../platform/tx';
import { effectiveClassification } from '../../assets/service';
import { peopleByIds, unitById } from '../../org/service';
import { partnersByIds } from '../../partners/service';
import { zonesByIds } from '../../zones/service';
import { canAt } from '../access';
import { approvedServiceById } from '../reviews/register';

/** Cloud services have no zone: they stand in the provider's data centre, not on a site of the group. */
const CLOUD = new Set(['saas', 'iaas']);

/**
 * Checks what a system refers to, naming every failing field (400, nothing written): the unit (in the writer's
 * systems:manage scope, else 404), the class in the unit's scheme, the administrator, provider and zone; a factory
 * system (ot) names its production line, a cloud service has no zone; only a cloud service names its approval in the
 * register.
 */
export async function checkSystem(tx: Db, ctx: Ctx, s: CreateSystemBody): Promise<{ unitPath: string }> {
  const unit = await unitById(tx, s.unitId);
  if (!unit || !canAt(ctx, 'systems:manage', unit.path)) throw notFound();
  const errors: FieldError[] = [];
  const scheme = await effectiveClassification(tx, unit.id);
  if (!scheme.classes.some((c) => c.code === s.maxClassCode))
    errors.push(fieldError('body.maxClassCode', 'systems.class_unknown', { class: s.maxClassCode }));
  if (s.administratorPersonId) {
    const [p] = await peopleByIds(tx, [s.administratorPersonId]);
    if (!p || p.status !== 'active') errors.push(fieldError('body.administratorPersonId', 'systems.person_unknown'));
  }
  if (s.providerPartnerId && !(await partnersByIds(tx, [s.providerPartnerId])).length)
    errors.push(fieldError('body.providerPartnerId', 'systems.partner_unknown'));
  if (s.zoneId) {
    if (CLOUD.has(s.kind)) errors.push(fieldError('body.zoneId', 'systems.cloud_no_zone'));
    else if (!(await zonesByIds(tx, [s.zoneId])).length) errors.push(fieldError('body.zoneId', 'systems.zone_unknown'));
  }
  if (s.kind === 'ot' && !s.productionLine) errors.push(fieldError('body.productionLine', 'systems.ot_needs_line'));
  if (s.approvedServiceId) {
    if (!CLOUD.has(s.kind)) errors.push(fieldError('body.approvedServiceId', 'systems.approval_cloud_only'));
    else if (!(await approvedServiceById(tx, s.approvedServiceId)))
      errors.push(fieldError('body.approvedServiceId', 'systems.approval_unknown'));
  }
  if (errors.length) throw invalid(errors);
  return { unitPath: unit.path };
}
