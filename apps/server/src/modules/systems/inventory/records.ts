import type { CreateSystemBody, RetireSystemBody, System, UpdateSystemBody } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { conflict, fieldError, invalid, msg, notFound, unprocessable } from '../../../platform/errors/app-error';
import { decodeBase64File } from '../../../platform/files/base64-file';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { partnerSharingStatus } from '../../partners/service';
import { canAt } from '../access';
import { systemCertificates, systems } from '../tables';
import { recomputeAboveClass } from './above-class';
import { checkSystem } from './check';
import { loadSystemRow, presentSystems, systemAuditView, type SystemRow } from './present';

/** A system the reader may see (systems:read covering its unit), else 404. */
export async function loadSystem(db: Db, ctx: Ctx, id: string): Promise<SystemRow> {
  const row = await loadSystemRow(db, id);
  if (!row || !canAt(ctx, 'systems:read', row.unitPath)) throw notFound();
  return row;
}

/** A system the writer may change: systems:manage covering its unit (else 404), still active (else 409). */
export async function loadSystemForChange(tx: Db, ctx: Ctx, id: string): Promise<SystemRow> {
  const row = await loadSystem(tx, ctx, id);
  if (!canAt(ctx, 'systems:manage', row.unitPath)) throw notFound();
  if (row.status === 'retired') throw conflict(msg('systems.retired'));
  return row;
}

const loadForChange = (tx: Db, ctx: Ctx, id: string, expected: Precondition): Promise<SystemRow> =>
  loadForUpdate(tx, systems, id, () => loadSystemForChange(tx, ctx, id), expected);

const columnsOf = (b: Omit<CreateSystemBody, 'measures'> & { measures: CreateSystemBody['measures'] }) => {
  const { measures, ...rest } = b;
  return { ...rest, ...measures };
};

export async function getSystem(ctx: Ctx, id: string): Promise<System> {
  return (await presentSystems(ctx.db, ctx, [await loadSystem(ctx.db, ctx, id)]))[0]!;
}

export function createSystem(ctx: Ctx, body: CreateSystemBody): Promise<System> {
  return inTransaction(ctx, async (tx, audit) => {
    const { unitPath } = await checkSystem(tx, ctx, body);
    const [row] = await tx
      .insert(systems)
      .values({ ...columnsOf(body), unitPath })
      .returning();
    await audit({
      action: 'system.create',
      targetType: 'system',
      targetId: row!.id,
      orgPath: unitPath,
      after: systemAuditView(row!),
    });
    return (await presentSystems(tx, ctx, [row!]))[0]!;
  });
}

/** Changes a system under its row lock (If-Match checked); moving it to another unit needs manage rights there too. */
export function updateSystem(ctx: Ctx, id: string, body: UpdateSystemBody, expected: Precondition): Promise<System> {
  return inTransaction(ctx, async (tx, audit) => {
    const before = await loadForChange(tx, ctx, id, expected);
    const current: CreateSystemBody = {
      name: before.name,
      kind: before.kind,
      unitId: before.unitId,
      administratorPersonId: before.administratorPersonId,
      providerPartnerId: before.providerPartnerId,
      maxClassCode: before.maxClassCode,
      internetFacing: before.internetFacing,
      productionLine: before.productionLine,
      zoneId: before.zoneId,
      conduits: before.conduits,
      product: before.product,
      productVersion: before.productVersion,
      approvedServiceId: before.approvedServiceId,
      notes: before.notes,
      measures: pickMeasures(before),
    };
    const merged: CreateSystemBody = { ...current, ...body, measures: body.measures ?? current.measures };
    const { unitPath } = await checkSystem(tx, ctx, merged);
    const [after] = await tx
      .update(systems)
      .set({ ...columnsOf(merged), unitPath, updatedAt: new Date() })
      .where(eq(systems.id, id))
      .returning();
    // moving the unit (another scheme) or changing the approval changes what counts as above the approved class
    await recomputeAboveClass(tx, [id]);
    await audit({
      action: 'system.update',
      targetType: 'system',
      targetId: id,
      orgPath: unitPath,
      before: systemAuditView(before),
      after: systemAuditView(after!),
    });
    return (await presentSystems(tx, ctx, [after!]))[0]!;
  });
}

const pickMeasures = (r: SystemRow): CreateSystemBody['measures'] => ({
  epp: r.epp,
  edr: r.edr,
  mfa: r.mfa,
  waf: r.waf,
  backupFrequency: r.backupFrequency,
  lastRestoreTestOn: r.lastRestoreTestOn,
  logRetentionDays: r.logRetentionDays,
  networkIsolated: r.networkIsolated,
});

const CERTIFICATE_RULES = {
  types: ['application/pdf', 'image/png', 'image/jpeg'],
  maxBytes: 10 * 1024 * 1024,
  at: 'body.certificate',
  codes: {
    type: 'systems.certificate_type',
    base64: 'systems.certificate_base64',
    tooLarge: 'systems.certificate_too_large',
    empty: 'systems.certificate_empty',
  },
} as const;

/**
 * Retires a system (2-5-5): either its data was erased by the group (the method and the certificate file), or a
 * disposal contractor did it, a business partner whose NDA is in force today. Neither or both: 400; a contractor
 * without an NDA in force: 422. The file is checked before the transaction starts.
 */
export async function retireSystem(ctx: Ctx, id: string, body: RetireSystemBody, expected: Precondition): Promise<System> {
  const byUs = body.erasureMethod !== null || body.certificate !== null;
  const byContractor = body.contractorPartnerId !== null;
  if (byUs === byContractor) throw invalid([fieldError('body.contractorPartnerId', 'systems.retire_how')]);
  if (byUs && (body.erasureMethod === null || body.certificate === null))
    throw invalid([
      fieldError(body.erasureMethod === null ? 'body.erasureMethod' : 'body.certificate', 'systems.retire_needs_certificate'),
    ]);
  const file = body.certificate ? decodeBase64File(body.certificate, CERTIFICATE_RULES) : null;
  return inTransaction(ctx, async (tx, audit) => {
    const before = await loadForChange(tx, ctx, id, expected);
    if (body.contractorPartnerId) {
      const status = await partnerSharingStatus(tx, body.contractorPartnerId);
      if (!status) throw invalid([fieldError('body.contractorPartnerId', 'systems.partner_unknown')]);
      if (!status.ndaInForce)
        throw unprocessable(msg('systems.contractor_no_nda', { partner: { ja: status.nameJa, en: status.nameEn } }), [
          fieldError('body.contractorPartnerId', 'systems.contractor_no_nda', {
            partner: { ja: status.nameJa, en: status.nameEn },
          }),
        ]);
    }
    const [after] = await tx
      .update(systems)
      .set({
        status: 'retired',
        retiredOn: body.retiredOn,
        erasureMethod: body.erasureMethod,
        contractorPartnerId: body.contractorPartnerId,
        updatedAt: new Date(),
      })
      .where(eq(systems.id, id))
      .returning();
    if (file && body.certificate)
      await tx.insert(systemCertificates).values({
        systemId: id,
        fileName: body.certificate.fileName,
        mediaType: file.mediaType,
        sha256: file.sha256,
        content: file.content,
        uploadedBy: ctx.principal?.userId ?? null,
      });
    await audit({
      action: 'system.retire',
      targetType: 'system',
      targetId: id,
      orgPath: before.unitPath,
      before: systemAuditView(before),
      after: { ...systemAuditView(after!), certificateSha256: file?.sha256 ?? null },
    });
    return (await presentSystems(tx, ctx, [after!]))[0]!;
  });
}

/** The erasure certificate of a retired system the reader may see; 404 when there is none. */
export async function systemCertificate(ctx: Ctx, id: string) {
  await loadSystem(ctx.db, ctx, id);
  const [file] = await ctx.db.select().from(systemCertificates).where(eq(systemCertificates.systemId, id));
  if (!file) throw notFound();
  return file;
}
