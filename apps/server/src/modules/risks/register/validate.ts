import type { RiskMethod } from '@mamori/contracts';
import { inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { fieldError, invalid, type FieldError } from '../../../platform/errors/app-error';
import { assetsByIds } from '../../assets/service';
import { isControlId } from '../../controls/service';
import { people } from '../../org/tables';
import { isThreatId } from '../threats';

/** The assessment fields that are checked against the method, the catalogues and the unit. */
export interface AssessmentInput {
  assetIds?: string[];
  threatId?: string;
  controlIds?: string[];
  inherentLikelihood?: number;
  inherentImpact?: number;
  residualLikelihood?: number;
  residualImpact?: number;
  ownerId?: string;
}

/**
 * Every failing field at once (RFC 9457, nothing changed): values outside the method's scales, a threat not in the
 * catalogue, a control that is not an Annex A control, an asset that is not the unit's (or its sub-units'), an owner
 * who is not a person. `prefix` is 'body'.
 */
export async function checkAssessment(
  db: Db,
  method: RiskMethod,
  unitPath: string,
  input: AssessmentInput,
  prefix = 'body',
): Promise<void> {
  const errors: FieldError[] = [];
  const scale = (field: keyof AssessmentInput, axis: 'likelihood' | 'impact') => {
    const v = input[field] as number | undefined;
    if (v !== undefined && (v < 1 || v > method[axis].length))
      errors.push(fieldError(`${prefix}.${field}`, 'risks.value_out_of_scale', { max: method[axis].length }));
  };
  scale('inherentLikelihood', 'likelihood');
  scale('inherentImpact', 'impact');
  scale('residualLikelihood', 'likelihood');
  scale('residualImpact', 'impact');
  if (input.threatId !== undefined && !isThreatId(input.threatId))
    errors.push(fieldError(`${prefix}.threatId`, 'risks.threat_unknown'));
  input.controlIds?.forEach((c, i) => {
    if (!isControlId(c)) errors.push(fieldError(`${prefix}.controlIds.${i}`, 'risks.control_unknown'));
  });
  errors.push(...(await checkAssets(db, unitPath, input.assetIds ?? [], `${prefix}.assetIds`)));
  if (input.ownerId !== undefined) {
    const [owner] = await db
      .select({ id: people.id })
      .from(people)
      .where(inArray(people.id, [input.ownerId]));
    if (!owner) errors.push(fieldError(`${prefix}.ownerId`, 'risks.owner_unknown'));
  }
  if (errors.length) throw invalid(errors);
}

/** The assets named must exist and belong to the unit's subtree (through the assets service). */
export async function checkAssets(db: Db, unitPath: string, ids: string[], path: string): Promise<FieldError[]> {
  if (ids.length === 0) return [];
  const found = new Map((await assetsByIds(db, ids)).map((a) => [a.id, a]));
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    const a = found.get(id);
    if (!a || !a.unitPath.startsWith(unitPath)) errors.push(fieldError(`${path}.${i}`, 'risks.asset_unknown'));
  });
  return errors;
}
