import {
  todayJst,
  type Certification,
  type CertificationStandard,
  type CreateCertificationBody,
  type UpdateCertificationBody,
} from '@mamori/contracts';
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { fieldError, invalid, notFound, type FieldError } from '../../platform/errors/app-error';
import { loadForUpdate } from '../../platform/records/lock';
import type { Precondition } from '../../platform/records/version';
import { inTransaction, type Ctx } from '../../platform/tx';
import { companyById } from '../org/service';
import { orgUnits } from '../org/tables';
import { canManage, readable, readableSql, readerOf } from './access';
import { labelIds, levelIds, standardName } from './catalog';
import { certificationAudits, certificationFiles, certifications, certificationScopeUnits } from './tables';

export type CertRow = typeof certifications.$inferSelect;
type Loaded = { row: CertRow; companyPath: string };
type AuditIn = NonNullable<CreateCertificationBody['audits']>[number];

const stateOf = (r: CertRow, today: string): Certification['state'] =>
  r.withdrawnAt ? 'withdrawn' : r.validTo < today ? 'expired' : r.validFrom > today ? 'not_yet_valid' : 'valid';

/** Certificates as the reader sees them: names resolved, scope units, audits, the file's facts (never its bytes). */
export async function present(db: Db, ctx: Ctx, rows: Loaded[], now = new Date()): Promise<Certification[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.row.id);
  const [companies, scope, audits, files] = await Promise.all([
    db
      .select({ id: orgUnits.id, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
      .from(orgUnits)
      .where(inArray(orgUnits.id, [...new Set(rows.map((r) => r.row.companyId))])),
    db
      .select({
        certificationId: certificationScopeUnits.certificationId,
        id: orgUnits.id,
        nameJa: orgUnits.nameJa,
        nameEn: orgUnits.nameEn,
      })
      .from(certificationScopeUnits)
      .innerJoin(orgUnits, eq(orgUnits.id, certificationScopeUnits.orgUnitId))
      .where(inArray(certificationScopeUnits.certificationId, ids))
      .orderBy(asc(orgUnits.path)),
    db
      .select()
      .from(certificationAudits)
      .where(inArray(certificationAudits.certificationId, ids))
      .orderBy(asc(certificationAudits.date), asc(certificationAudits.kind)),
    db
      .select({
        certificationId: certificationFiles.certificationId,
        name: certificationFiles.name,
        mediaType: certificationFiles.mediaType,
        size: certificationFiles.size,
        sha256: certificationFiles.sha256,
        uploadedAt: certificationFiles.uploadedAt,
      })
      .from(certificationFiles)
      .where(inArray(certificationFiles.certificationId, ids)),
  ]);
  const today = todayJst(now);
  return rows.map(({ row: r, companyPath }) => {
    const company = companies.find((c) => c.id === r.companyId) ?? { id: r.companyId, nameJa: '', nameEn: '' };
    const name = standardName(r.standard);
    const mine = audits
      .filter((a) => a.certificationId === r.id)
      .map((a) => ({ id: a.id, kind: a.kind, date: a.date, heldOn: a.heldOn, findings: a.findings }));
    const file = files.find((f) => f.certificationId === r.id);
    return {
      id: r.id,
      rowVersion: r.rowVersion,
      company,
      standard: r.standard,
      standardNameJa: name.ja,
      standardNameEn: name.en,
      edition: r.edition,
      assessmentLevel: r.assessmentLevel,
      labels: r.labels,
      registrationNumber: r.registrationNumber,
      certificationBody: r.certificationBody,
      accreditation: r.accreditation,
      firstRegisteredOn: r.firstRegisteredOn,
      validFrom: r.validFrom,
      validTo: r.validTo,
      state: stateOf(r, today),
      scopeJa: r.scopeJa,
      scopeEn: r.scopeEn,
      scopeUnits: scope.filter((s) => s.certificationId === r.id).map(({ certificationId: _c, ...u }) => u),
      audits: mine,
      nextAudit: mine.find((a) => a.heldOn === null && a.date >= today) ?? null,
      file: file
        ? {
            name: file.name,
            mediaType: file.mediaType,
            size: file.size,
            sha256: file.sha256,
            uploadedAt: file.uploadedAt.toISOString(),
          }
        : null,
      can: { manage: canManage(ctx.principal, companyPath) },
    };
  });
}

const selectLoaded = (db: Db) =>
  db
    .select({ row: certifications, companyPath: orgUnits.path })
    .from(certifications)
    .innerJoin(orgUnits, eq(orgUnits.id, certifications.companyId));

/** A certificate the reader may see (404 otherwise: its existence is not told). */
export async function loadCertification(db: Db, ctx: Ctx, id: string): Promise<Loaded> {
  const [found] = await selectLoaded(db).where(eq(certifications.id, id));
  if (!found) throw notFound();
  if (!canManage(ctx.principal, found.companyPath) && !readable(await readerOf(db, ctx.principal), found.companyPath))
    throw notFound();
  return found;
}

/** A certificate the caller manages, locked, its If-Match checked; a reader who may not manage it gets 404 too. */
async function loadForChange(tx: Db, ctx: Ctx, id: string, expected: Precondition): Promise<Loaded> {
  const found = await loadForUpdate(tx, certifications, id, () => loadCertification(tx, ctx, id), expected);
  if (!canManage(ctx.principal, found.companyPath)) throw notFound();
  return found;
}

export async function getCertification(ctx: Ctx, id: string): Promise<Certification> {
  return (await present(ctx.db, ctx, [await loadCertification(ctx.db, ctx, id)]))[0]!;
}

/** Every certificate the reader may see, by company then standard (a group holds dozens, not thousands). */
export async function listCertifications(
  ctx: Ctx,
  q: { companyId?: string; standard?: CertificationStandard; withdrawn?: 'true' | 'false' },
): Promise<Certification[]> {
  const reader = await readerOf(ctx.db, ctx.principal);
  const conditions: SQL[] = [readableSql(reader, orgUnits.path)];
  if (q.companyId) conditions.push(eq(certifications.companyId, q.companyId));
  if (q.standard) conditions.push(eq(certifications.standard, q.standard));
  if (q.withdrawn !== 'true') conditions.push(isNull(certifications.withdrawnAt));
  const rows = await selectLoaded(ctx.db)
    .where(and(...conditions))
    .orderBy(asc(orgUnits.depth), asc(orgUnits.code), asc(certifications.standard), asc(certifications.validTo))
    .limit(500);
  return present(ctx.db, ctx, rows);
}

type Fields = Omit<CreateCertificationBody, 'companyId'>;

/**
 * Checks what a certificate says and refers to, naming every failing field (400, nothing written): validity ending
 * before it starts, a first registration after the validity starts, a scope unit outside the company, a label or
 * level the standard does not have.
 */
async function checkFields(tx: Db, companyPath: string, f: Fields): Promise<void> {
  const errors: FieldError[] = [];
  if (f.validTo < f.validFrom)
    errors.push(fieldError('body.validTo', 'certifications.validity_order', { from: f.validFrom, to: f.validTo }));
  if (f.firstRegisteredOn && f.firstRegisteredOn > f.validFrom)
    errors.push(fieldError('body.firstRegisteredOn', 'certifications.first_after_start', { from: f.validFrom }));
  const labels = labelIds(f.standard);
  f.labels.forEach((l, i) => {
    if (!labels.includes(l)) errors.push(fieldError(`body.labels.${i}`, 'certifications.label_unknown', { label: l }));
  });
  const levels = levelIds(f.standard);
  if (f.assessmentLevel && !levels.includes(f.assessmentLevel))
    errors.push(fieldError('body.assessmentLevel', 'certifications.level_unknown', { level: f.assessmentLevel }));
  const ids = [...new Set(f.scopeUnitIds)];
  const units = ids.length
    ? await tx
        .select({ id: orgUnits.id, path: orgUnits.path, nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
        .from(orgUnits)
        .where(inArray(orgUnits.id, ids))
    : [];
  f.scopeUnitIds.forEach((id, i) => {
    const u = units.find((x) => x.id === id);
    if (!u) errors.push(fieldError(`body.scopeUnitIds.${i}`, 'certifications.scope_unit_unknown'));
    else if (!u.path.startsWith(companyPath))
      errors.push(
        fieldError(`body.scopeUnitIds.${i}`, 'certifications.scope_unit_outside', { unit: { ja: u.nameJa, en: u.nameEn } }),
      );
  });
  if (errors.length) throw invalid(errors);
}

async function writeChildren(tx: Db, id: string, f: Pick<Fields, 'scopeUnitIds' | 'audits'>, keepReminders: boolean) {
  await tx.delete(certificationScopeUnits).where(eq(certificationScopeUnits.certificationId, id));
  const units = [...new Set(f.scopeUnitIds)];
  if (units.length)
    await tx.insert(certificationScopeUnits).values(units.map((orgUnitId) => ({ certificationId: id, orgUnitId })));
  const before = keepReminders
    ? await tx.select().from(certificationAudits).where(eq(certificationAudits.certificationId, id))
    : [];
  await tx.delete(certificationAudits).where(eq(certificationAudits.certificationId, id));
  if (f.audits.length)
    await tx.insert(certificationAudits).values(
      f.audits.map((a: AuditIn) => ({
        certificationId: id,
        kind: a.kind,
        date: a.date,
        heldOn: a.heldOn ?? null,
        findings: a.findings ?? '',
        // an audit kept at the same date keeps its "reminded" stamp: it is not reminded twice
        remindedAt: before.find((b) => b.kind === a.kind && b.date === a.date)?.remindedAt ?? null,
      })),
    );
}

const auditView = (r: CertRow, f: Pick<Fields, 'scopeUnitIds' | 'audits'>) => ({
  standard: r.standard,
  edition: r.edition,
  assessmentLevel: r.assessmentLevel,
  labels: r.labels,
  registrationNumber: r.registrationNumber,
  certificationBody: r.certificationBody,
  accreditation: r.accreditation,
  firstRegisteredOn: r.firstRegisteredOn,
  validFrom: r.validFrom,
  validTo: r.validTo,
  scopeJa: r.scopeJa,
  scopeEn: r.scopeEn,
  withdrawn: r.withdrawnAt !== null,
  scopeUnitIds: [...new Set(f.scopeUnitIds)],
  audits: f.audits,
});

export function createCertification(ctx: Ctx, body: CreateCertificationBody): Promise<Certification> {
  return inTransaction(ctx, async (tx, audit) => {
    const company = await companyById(tx, body.companyId);
    if (!company || !canManage(ctx.principal, company.path)) {
      // a unit the caller manages that is not a company is named; anything else is not told apart from "none"
      const [unit] = await tx.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, body.companyId));
      if (unit && canManage(ctx.principal, unit.path))
        throw invalid([fieldError('body.companyId', 'certifications.not_a_company')]);
      throw notFound();
    }
    const { companyId, scopeUnitIds, audits, ...fields } = body;
    await checkFields(tx, company.path, body);
    const [row] = await tx
      .insert(certifications)
      .values({ companyId, ...fields })
      .returning();
    await writeChildren(tx, row!.id, { scopeUnitIds, audits }, false);
    await audit({
      action: 'certification.create',
      targetType: 'certification',
      targetId: row!.id,
      orgPath: company.path,
      after: auditView(row!, body),
    });
    return (await present(tx, ctx, [{ row: row!, companyPath: company.path }]))[0]!;
  });
}

/** Changes a certificate; lists (scope units, audits) replace the old ones. A new validTo re-arms the expiry reminder. */
export function updateCertification(
  ctx: Ctx,
  id: string,
  body: UpdateCertificationBody,
  expected: Precondition,
): Promise<Certification> {
  return inTransaction(ctx, async (tx, audit) => {
    const { row: before, companyPath } = await loadForChange(tx, ctx, id, expected);
    const [units, audits] = await Promise.all([
      tx.select().from(certificationScopeUnits).where(eq(certificationScopeUnits.certificationId, id)),
      tx.select().from(certificationAudits).where(eq(certificationAudits.certificationId, id)),
    ]);
    const beforeLists = {
      scopeUnitIds: units.map((u) => u.orgUnitId),
      audits: audits.map((a) => ({ kind: a.kind, date: a.date, heldOn: a.heldOn, findings: a.findings })),
    };
    const { withdrawn, scopeUnitIds, audits: newAudits, ...fields } = body;
    const merged: Fields = {
      standard: before.standard,
      edition: before.edition,
      assessmentLevel: before.assessmentLevel,
      labels: before.labels,
      registrationNumber: before.registrationNumber,
      certificationBody: before.certificationBody,
      accreditation: before.accreditation,
      firstRegisteredOn: before.firstRegisteredOn,
      validFrom: before.validFrom,
      validTo: before.validTo,
      scopeJa: before.scopeJa,
      scopeEn: before.scopeEn,
      ...fields,
      scopeUnitIds: scopeUnitIds ?? beforeLists.scopeUnitIds,
      audits: newAudits ?? beforeLists.audits,
    };
    await checkFields(tx, companyPath, merged);
    const [after] = await tx
      .update(certifications)
      .set({
        ...fields,
        ...(withdrawn === undefined ? {} : { withdrawnAt: withdrawn ? (before.withdrawnAt ?? new Date()) : null }),
        ...(fields.validTo && fields.validTo !== before.validTo ? { expiryRemindedAt: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(certifications.id, id))
      .returning();
    if (scopeUnitIds || newAudits) await writeChildren(tx, id, merged, true);
    await audit({
      action: 'certification.update',
      targetType: 'certification',
      targetId: id,
      orgPath: companyPath,
      before: auditView(before, beforeLists),
      after: auditView(after!, merged),
    });
    return (await present(tx, ctx, [{ row: after!, companyPath }]))[0]!;
  });
}

/** The certificates whose scope covers a unit: listed on the unit (a scope unit at or above it, in force). */
export async function certificationsOfUnit(ctx: Ctx, unitId: string): Promise<Certification[]> {
  const [unit] = await ctx.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!unit) throw notFound();
  const reader = await readerOf(ctx.db, ctx.principal);
  const scopeUnit = sql`su.org_unit_id`;
  const rows = await selectLoaded(ctx.db)
    .where(
      and(
        isNull(certifications.withdrawnAt),
        readableSql(reader, orgUnits.path),
        sql`EXISTS (SELECT 1 FROM ${certificationScopeUnits} su JOIN org_units s ON s.id = ${scopeUnit}
          WHERE su.certification_id = ${certifications.id} AND ${unit.path} LIKE s.path || '%')`,
      ),
    )
    .orderBy(asc(certifications.standard), asc(certifications.validTo));
  return present(ctx.db, ctx, rows);
}

export { loadForChange as loadCertificationForChange };
