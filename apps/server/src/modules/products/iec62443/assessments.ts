import {
  IEC62443_PRACTICES,
  type CreateIec62443Body,
  type Iec62443Assessment,
  type Iec62443Link,
  type Iec62443Status,
  type Iec62443Summary,
  type PutIec62443PracticesBody,
  type PutIec62443RequirementsBody,
  type UpdateIec62443Body,
} from '@mamori/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { scopeOf, scopeSql, type Scope } from '../../../platform/access/scope';
import { users } from '../../../platform/auth/tables';
import { conflict, fieldError, invalid, msg, notFound, type FieldError } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { interfaceAgreements } from '../agreements/tables';
import { loadProduct } from '../products';
import { products } from '../tables';
import { taraAnalyses } from '../tara/tables';
import { testPlans } from '../testing/tables';
import { requirementById } from './catalog';
import { capability, counts, frKey } from './derive';
import { iec62443Assessments, iec62443Practices, iec62443Requirements } from './tables';

/** `SET col = excluded.col` for an upsert of many rows (each row keeps its own values). */
const excluded = (columns: string[]) =>
  Object.fromEntries(columns.map((c) => [c.replace(/_(\w)/g, (_, l: string) => l.toUpperCase()), sql.raw(`excluded.${c}`)]));

type LinkInput = NonNullable<z.output<typeof PutIec62443RequirementsBody>['items'][number]['links']>[number];
type RequirementItems = z.output<typeof PutIec62443RequirementsBody>['items'];
type PracticeItems = z.output<typeof PutIec62443PracticesBody>['items'];

const selectAssessments = (db: Db) =>
  db
    .select({
      a: iec62443Assessments,
      orgPath: orgUnits.path,
      productCode: products.code,
      productNameJa: products.nameJa,
      productNameEn: products.nameEn,
    })
    .from(iec62443Assessments)
    .innerJoin(products, eq(products.id, iec62443Assessments.productId))
    .innerJoin(orgUnits, eq(orgUnits.id, products.orgUnitId));
type Row = Awaited<ReturnType<typeof selectAssessments>>[number];

/** The product's assessment inside the scope; 404 for a product outside it, and when none was started. */
async function loadAssessment(db: Db, scope: Scope, productId: string): Promise<Row> {
  await loadProduct(db, scope, productId);
  const [row] = await selectAssessments(db).where(eq(iec62443Assessments.productId, productId));
  if (!row) throw notFound('The IEC 62443 assessment');
  return row;
}

const statusMap = (rows: { requirementId: string; status: Iec62443Status }[]) =>
  new Map(rows.map((r) => [r.requirementId, r.status]));

function summary(r: Row, statuses: ReadonlyMap<string, Iec62443Status>): Iec62443Summary {
  return {
    productId: r.a.productId,
    productCode: r.productCode,
    productNameJa: r.productNameJa,
    productNameEn: r.productNameEn,
    rowVersion: r.a.rowVersion,
    componentType: r.a.componentType,
    slTarget: r.a.slTarget,
    slCapability: capability(r.a.componentType, statuses),
    counts: counts(r.a.componentType, r.a.slTarget, statuses).total,
    updatedAt: r.a.updatedAt.toISOString(),
  };
}

/** The whole assessment: header, computed SL-C and counts per FR, the requirements the component type has, practices. */
async function detail(db: Db, r: Row): Promise<Iec62443Assessment> {
  const owner = { ownerName: users.name };
  const reqs = await db
    .select({ r: iec62443Requirements, ...owner })
    .from(iec62443Requirements)
    .leftJoin(users, eq(users.id, iec62443Requirements.ownerId))
    .where(eq(iec62443Requirements.assessmentId, r.a.id));
  const practices = await db
    .select({ p: iec62443Practices, ...owner })
    .from(iec62443Practices)
    .leftJoin(users, eq(users.id, iec62443Practices.ownerId))
    .where(eq(iec62443Practices.assessmentId, r.a.id));
  // statuses kept from an earlier component type stay stored but do not count
  const own = reqs.filter((x) => requirementById(x.r.requirementId)?.types.includes(r.a.componentType));
  const statuses = statusMap(own.map((x) => x.r));
  const sl = capability(r.a.componentType, statuses);
  const { byFr } = counts(r.a.componentType, r.a.slTarget, statuses);
  return {
    ...summary(r, statuses),
    note: r.a.note,
    byFr: byFr.map((c, i) => ({
      ...c,
      fr: i + 1,
      target: r.a.slTarget[frKey(i + 1)],
      capability: sl[frKey(i + 1)],
    })),
    requirements: own.map(({ r: x, ownerName }) => ({
      requirementId: x.requirementId,
      status: x.status,
      reason: x.reason,
      evidence: x.evidence,
      links: x.links,
      ownerId: x.ownerId,
      ownerName,
      updatedAt: x.updatedAt.toISOString(),
    })),
    practices: practices
      .sort((x, y) => IEC62443_PRACTICES.indexOf(x.p.practice) - IEC62443_PRACTICES.indexOf(y.p.practice))
      .map(({ p, ownerName }) => ({
        practice: p.practice,
        level: p.level,
        evidence: p.evidence,
        links: p.links,
        ownerId: p.ownerId,
        ownerName,
        updatedAt: p.updatedAt.toISOString(),
      })),
  };
}

export async function getAssessment(ctx: Ctx, productId: string) {
  return detail(ctx.db, await loadAssessment(ctx.db, scopeOf(ctx.principal, 'products:read'), productId));
}

/** The assessments of the products in the reader's scope, with SL-T, SL-C and counts (at most 500). */
export async function listAssessments(ctx: Ctx): Promise<{ items: Iec62443Summary[] }> {
  const rows = await selectAssessments(ctx.db)
    .where(scopeSql(scopeOf(ctx.principal, 'products:read'), orgUnits.path))
    .orderBy(asc(products.code), asc(iec62443Assessments.id))
    .limit(500);
  if (!rows.length) return { items: [] };
  const statuses = await ctx.db
    .select({
      assessmentId: iec62443Requirements.assessmentId,
      requirementId: iec62443Requirements.requirementId,
      status: iec62443Requirements.status,
    })
    .from(iec62443Requirements)
    .where(
      inArray(
        iec62443Requirements.assessmentId,
        rows.map((r) => r.a.id),
      ),
    );
  const by = new Map<string, typeof statuses>();
  for (const s of statuses) by.set(s.assessmentId, [...(by.get(s.assessmentId) ?? []), s]);
  return {
    items: rows.map((r) =>
      summary(
        r,
        statusMap((by.get(r.a.id) ?? []).filter((s) => requirementById(s.requirementId)?.types.includes(r.a.componentType))),
      ),
    ),
  };
}

const auditView = (a: typeof iec62443Assessments.$inferSelect) => ({
  componentType: a.componentType,
  slTarget: a.slTarget,
  note: a.note,
});

/** Starts the product's assessment; 409 when it has one. */
export function createAssessment(ctx: Ctx, productId: string, body: z.output<typeof CreateIec62443Body>) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const product = await loadProduct(tx, scope, productId);
    const [created] = await tx
      .insert(iec62443Assessments)
      .values({ productId, componentType: body.componentType, slTarget: body.slTarget, note: body.note ?? null })
      .onConflictDoNothing()
      .returning();
    if (!created) throw conflict(msg('iec62443.exists'));
    await audit({
      action: 'iec62443.create',
      targetType: 'product',
      targetId: productId,
      orgPath: product.orgPath,
      after: auditView(created),
    });
    return detail(tx, await loadAssessment(tx, scope, productId));
  });
}

/**
 * Locks the assessment, checks the scope and the If-Match, runs the change and bumps the assessment's version (its
 * ETag covers requirements and practices too).
 */
async function change(
  ctx: Ctx,
  productId: string,
  expected: Precondition,
  fn: (tx: Db, row: Row, audit: Parameters<Parameters<typeof inTransaction>[1]>[1]) => Promise<void>,
) {
  const scope = scopeOf(ctx.principal, 'products:manage');
  return inTransaction(ctx, async (tx, audit) => {
    await loadProduct(tx, scope, productId);
    const [found] = await tx
      .select({ id: iec62443Assessments.id })
      .from(iec62443Assessments)
      .where(eq(iec62443Assessments.productId, productId));
    if (!found) throw notFound('The IEC 62443 assessment');
    const row = await loadForUpdate(tx, iec62443Assessments, found.id, () => loadAssessment(tx, scope, productId), expected);
    await fn(tx, row, audit);
    await tx.update(iec62443Assessments).set({ updatedAt: new Date() }).where(eq(iec62443Assessments.id, row.a.id));
    return detail(tx, await loadAssessment(tx, scope, productId));
  });
}

export function updateAssessment(
  ctx: Ctx,
  productId: string,
  body: z.output<typeof UpdateIec62443Body>,
  expected?: Precondition,
) {
  return change(ctx, productId, expected, async (tx, row, audit) => {
    const [after] = await tx
      .update(iec62443Assessments)
      .set({
        ...(body.componentType ? { componentType: body.componentType } : {}),
        ...(body.slTarget ? { slTarget: body.slTarget } : {}),
        ...(body.note !== undefined ? { note: body.note ?? null } : {}),
      })
      .where(eq(iec62443Assessments.id, row.a.id))
      .returning();
    await audit({
      action: 'iec62443.update',
      targetType: 'product',
      targetId: productId,
      orgPath: row.orgPath,
      before: auditView(row.a),
      after: auditView(after!),
    });
  });
}

/**
 * Checks the evidence links of one item and answers them as stored: a record must be the same product's (its title
 * becomes the label when none is given), a URL must be https or a path of this application.
 */
async function resolveLinks(
  tx: Db,
  productId: string,
  links: LinkInput[] | undefined,
  at: string,
  errors: FieldError[],
): Promise<Iec62443Link[]> {
  const out: Iec62443Link[] = [];
  for (const [j, l] of (links ?? []).entries()) {
    const path = `${at}.links.${j}`;
    if (l.kind === 'url') {
      if (!l.url || !(/^https:\/\/[^\s]+$/i.test(l.url) || /^\/[^/\s][^\s]*$/.test(l.url)))
        errors.push(fieldError(`${path}.url`, 'iec62443.link_url_invalid'));
      else out.push({ kind: 'url', targetId: null, url: l.url, label: l.label ?? null });
      continue;
    }
    if (!l.targetId) {
      errors.push(fieldError(`${path}.targetId`, 'iec62443.link_target_missing'));
      continue;
    }
    const table = { tara_analysis: taraAnalyses, test_plan: testPlans, interface_agreement: interfaceAgreements }[l.kind];
    const title = l.kind === 'interface_agreement' ? interfaceAgreements.programme : (table as typeof taraAnalyses).title;
    const [found] = await tx
      .select({ title })
      .from(table)
      .where(and(eq(table.id, l.targetId), eq(table.productId, productId)));
    if (!found) errors.push(fieldError(`${path}.targetId`, 'iec62443.link_other_product'));
    else out.push({ kind: l.kind, targetId: l.targetId, url: null, label: l.label ?? found.title });
  }
  return out;
}

async function checkOwners(tx: Db, items: { ownerId?: string | null }[], errors: FieldError[]) {
  const ids = [...new Set(items.map((i) => i.ownerId).filter((x): x is string => !!x))];
  if (!ids.length) return;
  const known = new Set((await tx.select({ id: users.id }).from(users).where(inArray(users.id, ids))).map((u) => u.id));
  items.forEach((i, n) => {
    if (i.ownerId && !known.has(i.ownerId)) errors.push(fieldError(`body.items.${n}.ownerId`, 'iec62443.owner_unknown'));
  });
}

/**
 * Sets the status, evidence and owner of requirements (a batch; status null takes one back to open). Every failing
 * field is named and nothing changes: an id the catalogue does not have or that the component type does not have,
 * an id twice, not applicable without a reason, a link to another product's record or a bad URL, an unknown owner.
 */
export function putRequirements(ctx: Ctx, productId: string, items: RequirementItems, expected?: Precondition) {
  return change(ctx, productId, expected, async (tx, row, audit) => {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const values: (typeof iec62443Requirements.$inferInsert)[] = [];
    const cleared: string[] = [];
    for (const [n, item] of items.entries()) {
      const at = `body.items.${n}`;
      const req = requirementById(item.requirementId);
      if (!req) errors.push(fieldError(`${at}.requirementId`, 'iec62443.requirement_unknown', { id: item.requirementId }));
      else if (!req.types.includes(row.a.componentType))
        errors.push(fieldError(`${at}.requirementId`, 'iec62443.requirement_other_type', { id: item.requirementId }));
      else if (seen.has(item.requirementId)) errors.push(fieldError(`${at}.requirementId`, 'iec62443.requirement_duplicate'));
      seen.add(item.requirementId);
      if (item.status === 'not_applicable' && !item.reason) errors.push(fieldError(`${at}.reason`, 'iec62443.reason_required'));
      const links = await resolveLinks(tx, productId, item.links, at, errors);
      if (item.status === null) cleared.push(item.requirementId);
      else
        values.push({
          assessmentId: row.a.id,
          requirementId: item.requirementId,
          status: item.status,
          reason: item.reason ?? null,
          evidence: item.evidence ?? null,
          links,
          ownerId: item.ownerId ?? null,
          updatedAt: new Date(),
        });
    }
    await checkOwners(tx, items, errors);
    if (errors.length) throw invalid(errors);
    const ids = items.map((i) => i.requirementId);
    const before = await tx
      .select()
      .from(iec62443Requirements)
      .where(and(eq(iec62443Requirements.assessmentId, row.a.id), inArray(iec62443Requirements.requirementId, ids)));
    if (cleared.length)
      await tx
        .delete(iec62443Requirements)
        .where(and(eq(iec62443Requirements.assessmentId, row.a.id), inArray(iec62443Requirements.requirementId, cleared)));
    if (values.length)
      await tx
        .insert(iec62443Requirements)
        .values(values)
        .onConflictDoUpdate({
          target: [iec62443Requirements.assessmentId, iec62443Requirements.requirementId],
          set: excluded(['status', 'reason', 'evidence', 'links', 'owner_id', 'updated_at']),
        });
    const view = (x: {
      requirementId: string;
      status: string;
      reason: string | null;
      evidence: string | null;
      ownerId: string | null;
    }) => ({
      requirementId: x.requirementId,
      status: x.status,
      reason: x.reason,
      evidence: x.evidence,
      ownerId: x.ownerId,
    });
    await audit({
      action: 'iec62443.requirements',
      targetType: 'product',
      targetId: productId,
      orgPath: row.orgPath,
      before: { requirements: before.map((b) => view({ ...b, ownerId: b.ownerId ?? null })) },
      after: {
        requirements: values.map((v) =>
          view({ ...v, status: v.status, reason: v.reason ?? null, evidence: v.evidence ?? null, ownerId: v.ownerId ?? null }),
        ),
        cleared,
      },
    });
  });
}

/** Sets the 4-1 maturity level of practices (level null takes one back), with evidence and owner. */
export function putPractices(ctx: Ctx, productId: string, items: PracticeItems, expected?: Precondition) {
  return change(ctx, productId, expected, async (tx, row, audit) => {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const values: (typeof iec62443Practices.$inferInsert)[] = [];
    const cleared: (typeof items)[number]['practice'][] = [];
    for (const [n, item] of items.entries()) {
      const at = `body.items.${n}`;
      if (seen.has(item.practice)) errors.push(fieldError(`${at}.practice`, 'iec62443.practice_duplicate'));
      seen.add(item.practice);
      const links = await resolveLinks(tx, productId, item.links, at, errors);
      if (item.level === null) cleared.push(item.practice);
      else
        values.push({
          assessmentId: row.a.id,
          practice: item.practice,
          level: item.level,
          evidence: item.evidence ?? null,
          links,
          ownerId: item.ownerId ?? null,
          updatedAt: new Date(),
        });
    }
    await checkOwners(tx, items, errors);
    if (errors.length) throw invalid(errors);
    const before = await tx
      .select({ practice: iec62443Practices.practice, level: iec62443Practices.level, evidence: iec62443Practices.evidence })
      .from(iec62443Practices)
      .where(eq(iec62443Practices.assessmentId, row.a.id));
    if (cleared.length)
      await tx
        .delete(iec62443Practices)
        .where(and(eq(iec62443Practices.assessmentId, row.a.id), inArray(iec62443Practices.practice, cleared)));
    if (values.length)
      await tx
        .insert(iec62443Practices)
        .values(values)
        .onConflictDoUpdate({
          target: [iec62443Practices.assessmentId, iec62443Practices.practice],
          set: excluded(['level', 'evidence', 'links', 'owner_id', 'updated_at']),
        });
    await audit({
      action: 'iec62443.practices',
      targetType: 'product',
      targetId: productId,
      orgPath: row.orgPath,
      before: { practices: before },
      after: { practices: values.map((v) => ({ practice: v.practice, level: v.level, evidence: v.evidence })), cleared },
    });
  });
}
