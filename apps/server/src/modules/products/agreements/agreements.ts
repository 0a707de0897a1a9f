import type { AgreementListQuery, CreateAgreementBody, PutResponsibilitiesBody, UpdateAgreementBody } from '@mamori/contracts';
import { eq, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { scopeOf } from '../../../platform/access/scope';
import { fieldError, invalid, type FieldError } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { loadProduct } from '../products';
import { taraAnalyses } from '../tara/tables';
import { activityOrder } from './catalog';
import { agreementDetail, listAgreementRows, loadAgreement, presentAgreement } from './read';
import { interfaceAgreementActivities, interfaceAgreements } from './tables';

type Fields = z.output<typeof UpdateAgreementBody>;
type CreateFields = Omit<z.output<typeof CreateAgreementBody>, 'productId'>;
type Activities = z.output<typeof PutResponsibilitiesBody>['activities'];

const auditView = (a: typeof interfaceAgreements.$inferSelect) => ({
  programme: a.programme,
  counterpartKind: a.counterpartKind,
  counterpartName: a.counterpartName,
  taraAnalysisId: a.taraAnalysisId,
  status: a.status,
  effectiveFrom: a.effectiveFrom,
  supportUntil: a.supportUntil,
  incidentNotificationHours: a.incidentNotificationHours,
  informationSharing: a.informationSharing,
  auditRights: a.auditRights,
  contacts: a.contacts,
});

export async function listAgreements(ctx: Ctx, q: z.infer<typeof AgreementListQuery>) {
  const scope = scopeOf(ctx.principal, 'products:read');
  const where: SQL[] = [];
  if (q.productId) {
    await loadProduct(ctx.db, scope, q.productId);
    where.push(eq(interfaceAgreements.productId, q.productId));
  }
  return { items: (await listAgreementRows(ctx.db, scope, where)).map(presentAgreement) };
}

export async function getAgreement(ctx: Ctx, id: string) {
  return agreementDetail(ctx.db, await loadAgreement(ctx.db, scopeOf(ctx.principal, 'products:read'), id));
}

/**
 * The rules across fields, on the agreement as it would be after the change: the TARA is one of the product's,
 * the support period does not end before it starts, and an agreement in force has its support end and a matrix.
 */
async function checkFields(
  tx: Db,
  productId: string,
  next: { taraAnalysisId: string | null; effectiveFrom: string | null; supportUntil: string | null; status: string },
  activityCount: number,
  changed: Fields,
) {
  const errors: FieldError[] = [];
  if (changed.taraAnalysisId) {
    const [tara] = await tx
      .select({ productId: taraAnalyses.productId })
      .from(taraAnalyses)
      .where(eq(taraAnalyses.id, changed.taraAnalysisId));
    if (tara?.productId !== productId) errors.push(fieldError('body.taraAnalysisId', 'agreements.tara_other_product'));
  }
  if (next.effectiveFrom && next.supportUntil && next.supportUntil < next.effectiveFrom)
    errors.push(fieldError('body.supportUntil', 'agreements.support_before_start'));
  if (next.status === 'in_force' && (!next.supportUntil || activityCount === 0))
    errors.push(fieldError('body.status', 'agreements.in_force_incomplete'));
  if (errors.length) throw invalid(errors);
}

/** The body with every contact's absent e-mail and phone as null (the stored shape). */
function normalise<T extends Fields | CreateFields>(f: T) {
  const { contacts, ...rest } = f;
  if (!contacts) return rest;
  return {
    ...rest,
    contacts: contacts.map((c) => ({
      party: c.party,
      role: c.role,
      name: c.name,
      email: c.email ?? null,
      phone: c.phone ?? null,
    })),
  };
}

/** An agreement of a product inside the writer's scope. It starts as a draft unless told otherwise. */
export function createAgreement(ctx: Ctx, body: z.output<typeof CreateAgreementBody>) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const product = await loadProduct(tx, scope, body.productId);
    const { productId, ...fields } = body;
    await checkFields(
      tx,
      productId,
      {
        taraAnalysisId: fields.taraAnalysisId ?? null,
        effectiveFrom: fields.effectiveFrom ?? null,
        supportUntil: fields.supportUntil ?? null,
        status: fields.status ?? 'draft',
      },
      0,
      fields,
    );
    const [created] = await tx
      .insert(interfaceAgreements)
      .values({ ...normalise(fields), productId })
      .returning();
    await audit({
      action: 'interface_agreement.create',
      targetType: 'interface_agreement',
      targetId: created!.id,
      orgPath: product.orgPath,
      after: { productId, ...auditView(created!) },
    });
    return agreementDetail(tx, await loadAgreement(tx, scope, created!.id));
  });
}

export function updateAgreement(ctx: Ctx, id: string, body: Fields, expected?: Precondition) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(tx, interfaceAgreements, id, () => loadAgreement(tx, scope, id), expected);
    const pick = <K extends 'taraAnalysisId' | 'effectiveFrom' | 'supportUntil'>(k: K) =>
      body[k] === undefined ? before.a[k] : (body[k] ?? null);
    const activities = await tx
      .select({ activity: interfaceAgreementActivities.activity })
      .from(interfaceAgreementActivities)
      .where(eq(interfaceAgreementActivities.agreementId, id));
    await checkFields(
      tx,
      before.a.productId,
      {
        taraAnalysisId: pick('taraAnalysisId'),
        effectiveFrom: pick('effectiveFrom'),
        supportUntil: pick('supportUntil'),
        status: body.status ?? before.a.status,
      },
      activities.length,
      body,
    );
    const [after] = await tx
      .update(interfaceAgreements)
      .set({ ...normalise(body), updatedAt: new Date() })
      .where(eq(interfaceAgreements.id, id))
      .returning();
    await audit({
      action: 'interface_agreement.update',
      targetType: 'interface_agreement',
      targetId: id,
      orgPath: before.orgPath,
      before: auditView(before.a),
      after: auditView(after!),
    });
    return agreementDetail(tx, await loadAgreement(tx, scope, id));
  });
}

/** Every failing row of a matrix: unknown or repeated activities, none or both sides responsible. */
export function matrixErrors(activities: Activities): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  activities.forEach((a, i) => {
    const at = `body.activities.${i}`;
    if (activityOrder(a.activity) === undefined)
      errors.push(fieldError(`${at}.activity`, 'agreements.activity_unknown', { code: a.activity }));
    else if (seen.has(a.activity)) errors.push(fieldError(`${at}.activity`, 'agreements.activity_duplicate'));
    seen.add(a.activity);
    const own = a.own.includes('responsible');
    const counterpart = a.counterpart.includes('responsible');
    if (!own && !counterpart) errors.push(fieldError(at, 'agreements.responsible_missing'));
    if (own && counterpart) errors.push(fieldError(at, 'agreements.responsible_twice'));
  });
  return errors;
}

/** Replaces the responsibility matrix as a whole (If-Match on the agreement); each activity has exactly one responsible side. */
export function putResponsibilities(ctx: Ctx, id: string, activities: Activities, expected?: Precondition) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(tx, interfaceAgreements, id, () => loadAgreement(tx, scope, id), expected);
    const errors = matrixErrors(activities);
    if (before.a.status === 'in_force' && activities.length === 0)
      errors.push(fieldError('body.activities', 'agreements.in_force_incomplete'));
    if (errors.length) throw invalid(errors);
    const old = await agreementDetail(tx, before);
    const rows = [...activities]
      .sort((x, y) => activityOrder(x.activity)! - activityOrder(y.activity)!)
      .map((a) => ({
        agreementId: id,
        activity: a.activity,
        position: activityOrder(a.activity)!,
        own: [...new Set(a.own)],
        counterpart: [...new Set(a.counterpart)],
        note: a.note ?? null,
      }));
    await tx.delete(interfaceAgreementActivities).where(eq(interfaceAgreementActivities.agreementId, id));
    if (rows.length) await tx.insert(interfaceAgreementActivities).values(rows);
    // the matrix is part of the agreement: its ETag moves with it
    await tx.update(interfaceAgreements).set({ updatedAt: new Date() }).where(eq(interfaceAgreements.id, id));
    await audit({
      action: 'interface_agreement.responsibilities',
      targetType: 'interface_agreement',
      targetId: id,
      orgPath: before.orgPath,
      before: { activities: old.activities },
      after: { activities: rows.map(({ activity, own, counterpart, note }) => ({ activity, own, counterpart, note })) },
    });
    return agreementDetail(tx, await loadAgreement(tx, scope, id));
  });
}
