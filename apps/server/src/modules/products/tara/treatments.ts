import type { TaraTreatmentBody } from '@mamori/contracts';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { fieldError, forbidden, invalid, msg, type FieldError } from '../../../platform/errors/app-error';
import type { Precondition } from '../../../platform/records/version';
import type { Ctx } from '../../../platform/tx';
import { changeAnalysis } from './analyses';
import { matrixValues } from './derive';
import { taraTreatments } from './tables';
import { loadParts, rate } from './workspace';

/**
 * The treatment of a risk (threat scenario × damage scenario): reduce makes a cybersecurity goal (with a CAL),
 * share and retain make a claim with its rationale; a risk at or above the method's threshold cannot simply be
 * retained. The residual value must be one the method's matrix gives. Changing the treatment clears the signature:
 * the risk owner signs what is recorded, not what was.
 */
export function treatRisk(
  ctx: Ctx,
  id: string,
  threatId: string,
  damageId: string,
  body: z.infer<typeof TaraTreatmentBody>,
  expected: Precondition,
) {
  return changeAnalysis(ctx, id, expected, async (tx, { method, orgPath }, audit) => {
    const parts = await loadParts(tx, id);
    const risk = rate(method, parts).risks.find((r) => r.threatId === threatId && r.damageId === damageId);
    const errors: FieldError[] = [];
    if (!risk) errors.push(fieldError('params.damageId', 'tara.risk_not_linked'));
    if (body.value !== undefined) errors.push(fieldError('body.value', 'tara.risk_value_derived'));
    if (body.cal != null && body.treatment !== 'reduce') errors.push(fieldError('body.cal', 'tara.cal_only_reduce'));
    if ((body.treatment === 'share' || body.treatment === 'retain') && !body.rationale)
      errors.push(fieldError('body.rationale', 'tara.rationale_required'));
    if (body.treatment === 'retain' && risk?.value != null && risk.value >= method.treatmentThreshold)
      errors.push(
        fieldError('body.treatment', 'tara.retain_above_threshold', { value: risk.value, threshold: method.treatmentThreshold }),
      );
    const allowed = matrixValues(method);
    if (body.residualValue != null && !allowed.includes(body.residualValue))
      errors.push(fieldError('body.residualValue', 'tara.residual_outside_method', { values: allowed.join(', ') }));
    if (errors.length) throw invalid(errors);
    const values = {
      treatment: body.treatment,
      statement: body.statement,
      cal: body.cal ?? null,
      rationale: body.rationale ?? null,
      residualValue: body.residualValue ?? null,
      signedBy: null,
      signedAt: null,
      updatedAt: new Date(),
    };
    const [before] = await tx
      .select()
      .from(taraTreatments)
      .where(and(eq(taraTreatments.threatId, threatId), eq(taraTreatments.damageId, damageId)));
    await tx
      .insert(taraTreatments)
      .values({ analysisId: id, threatId, damageId, ...values })
      .onConflictDoUpdate({ target: [taraTreatments.threatId, taraTreatments.damageId], set: values });
    await audit({
      action: 'tara_risk.treat',
      targetType: 'tara_analysis',
      targetId: id,
      orgPath,
      before: before ?? null,
      after: { threatId, damageId, value: risk!.value, ...values },
    });
  });
}

/** The risk owner of the analysis signs the residual risk as recorded. */
export function signRisk(ctx: Ctx, id: string, threatId: string, damageId: string, expected: Precondition) {
  return changeAnalysis(ctx, id, expected, async (tx, { row, orgPath }, audit) => {
    if (!row.riskOwnerId || row.riskOwnerId !== ctx.actor.userId) throw forbidden(msg('tara.sign_not_owner'));
    const [t] = await tx
      .select()
      .from(taraTreatments)
      .where(
        and(eq(taraTreatments.threatId, threatId), eq(taraTreatments.damageId, damageId), eq(taraTreatments.analysisId, id)),
      );
    if (!t || t.residualValue === null) throw invalid([fieldError('params.damageId', 'tara.sign_needs_treatment')]);
    const signedAt = new Date();
    await tx
      .update(taraTreatments)
      .set({ signedBy: ctx.actor.userId, signedAt })
      .where(and(eq(taraTreatments.threatId, threatId), eq(taraTreatments.damageId, damageId)));
    await audit({
      action: 'tara_risk.sign',
      targetType: 'tara_analysis',
      targetId: id,
      orgPath,
      after: { threatId, damageId, treatment: t.treatment, residualValue: t.residualValue, signedAt: signedAt.toISOString() },
    });
  });
}
