import type { System } from '@mamori/contracts';
import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Ctx } from '../../../platform/tx';
import { peopleByIds } from '../../org/service';
import { orgUnits } from '../../org/tables';
import { partnersByIds } from '../../partners/service';
import { zonesByIds } from '../../zones/service';
import { canAt } from '../access';
import { approvedServices, systemAssets, systemCertificates, systemFindings, systems } from '../tables';

export type SystemRow = typeof systems.$inferSelect;

type Named = { id: string; nameJa: string; nameEn: string };
const byId = <T extends Named>(rows: T[]) => new Map(rows.map((r) => [r.id, { id: r.id, nameJa: r.nameJa, nameEn: r.nameEn }]));
const pick = (m: Map<string, Named>, id: string | null) => (id ? (m.get(id) ?? null) : null);

/** Systems as the API answers them: names resolved in a few batched reads, with what the reader may do. */
export async function presentSystems(db: Db, ctx: Ctx, rows: SystemRow[]): Promise<System[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const units = byId(
    await db
      .select({ id: orgUnits.id, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
      .from(orgUnits)
      .where(inArray(orgUnits.id, unitIds)),
  );
  const people = byId(
    await peopleByIds(
      db,
      rows.map((r) => r.administratorPersonId).filter((x): x is string => !!x),
    ),
  );
  const partnerIds = rows.flatMap((r) => [r.providerPartnerId, r.contractorPartnerId]).filter((x): x is string => !!x);
  const partners = byId(await partnersByIds(db, partnerIds));
  const zones = byId(
    await zonesByIds(
      db,
      rows.map((r) => r.zoneId).filter((x): x is string => !!x),
    ),
  );
  const retired = rows.filter((r) => r.status === 'retired').map((r) => r.id);
  const certificates = new Map(
    retired.length
      ? (
          await db
            .select({ id: systemCertificates.systemId, name: systemCertificates.fileName })
            .from(systemCertificates)
            .where(inArray(systemCertificates.systemId, retired))
        ).map((c) => [c.id, c.name])
      : [],
  );
  const findings = new Map(
    (
      await db
        .select({ id: systemFindings.systemId, n: count() })
        .from(systemFindings)
        .where(and(inArray(systemFindings.systemId, ids), isNull(systemFindings.closedAt)))
        .groupBy(systemFindings.systemId)
    ).map((f) => [f.id, Number(f.n)]),
  );
  const approvalIds = rows.map((r) => r.approvedServiceId).filter((x): x is string => !!x);
  const approvals = new Map(
    (approvalIds.length
      ? await db
          .select({
            id: approvedServices.id,
            serviceName: approvedServices.serviceName,
            maxClassCode: approvedServices.maxClassCode,
          })
          .from(approvedServices)
          .where(inArray(approvedServices.id, approvalIds))
      : []
    ).map((a) => [a.id, a]),
  );
  const stored = new Map(
    (
      await db
        .select({ id: systemAssets.systemId, n: count() })
        .from(systemAssets)
        .where(inArray(systemAssets.systemId, ids))
        .groupBy(systemAssets.systemId)
    ).map((s) => [s.id, Number(s.n)]),
  );
  return rows.map((r) => ({
    id: r.id,
    rowVersion: r.rowVersion,
    name: r.name,
    kind: r.kind,
    status: r.status,
    unit: units.get(r.unitId) ?? { id: r.unitId, nameJa: '', nameEn: '' },
    administrator: pick(people, r.administratorPersonId),
    provider: pick(partners, r.providerPartnerId),
    maxClassCode: r.maxClassCode,
    internetFacing: r.internetFacing,
    productionLine: r.productionLine,
    zone: pick(zones, r.zoneId),
    conduits: r.conduits,
    product: r.product,
    productVersion: r.productVersion,
    measures: {
      epp: r.epp,
      edr: r.edr,
      mfa: r.mfa,
      waf: r.waf,
      backupFrequency: r.backupFrequency,
      lastRestoreTestOn: r.lastRestoreTestOn,
      logRetentionDays: r.logRetentionDays,
      networkIsolated: r.networkIsolated,
    },
    notes: r.notes,
    approvedService: approvals.get(r.approvedServiceId ?? '') ?? null,
    storedAssets: stored.get(r.id) ?? 0,
    disposal: r.retiredOn
      ? {
          retiredOn: r.retiredOn,
          erasureMethod: r.erasureMethod,
          certificateName: certificates.get(r.id) ?? null,
          contractor: pick(partners, r.contractorPartnerId),
        }
      : null,
    openFindings: findings.get(r.id) ?? 0,
    can: { manage: r.status === 'active' && canAt(ctx, 'systems:manage', r.unitPath) },
  }));
}

/** What an audit event keeps of a system (before / after). */
export const systemAuditView = (r: SystemRow) => ({
  name: r.name,
  kind: r.kind,
  status: r.status,
  unitId: r.unitId,
  administratorPersonId: r.administratorPersonId,
  providerPartnerId: r.providerPartnerId,
  maxClassCode: r.maxClassCode,
  internetFacing: r.internetFacing,
  productionLine: r.productionLine,
  zoneId: r.zoneId,
  conduits: r.conduits,
  product: r.product,
  productVersion: r.productVersion,
  approvedServiceId: r.approvedServiceId,
  epp: r.epp,
  edr: r.edr,
  mfa: r.mfa,
  waf: r.waf,
  backupFrequency: r.backupFrequency,
  lastRestoreTestOn: r.lastRestoreTestOn,
  logRetentionDays: r.logRetentionDays,
  networkIsolated: r.networkIsolated,
  retiredOn: r.retiredOn,
  erasureMethod: r.erasureMethod,
  contractorPartnerId: r.contractorPartnerId,
});

export const loadSystemRow = async (db: Db, id: string): Promise<SystemRow | null> =>
  (await db.select().from(systems).where(eq(systems.id, id)))[0] ?? null;
