import type { Iec62443Link, PutIec62443PracticesBody, PutIec62443RequirementsBody } from '@mamori/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { users } from '../../../platform/auth/tables';
import { fieldError, invalid, type FieldError } from '../../../platform/errors/app-error';
import type { Precondition } from '../../../platform/records/version';
import type { Ctx } from '../../../platform/tx';
import { interfaceAgreements } from '../agreements/tables';
import { taraAnalyses } from '../tara/tables';
import { testPlans } from '../testing/tables';
import { change } from './assessments';
import { requirementById } from './catalog';
import { iec62443Practices, iec62443Requirements } from './tables';

/**
 * The batch writers of an assessment's items: requirement statuses (4-2) and practice maturity levels (4-1), with
 * their evidence links and owners, each through the assessment's one If-Match change (assessments.ts).
 */

/** `SET col = excluded.col` for an upsert of many rows (each row keeps its own values). */
const excluded = (columns: string[]) =>
  Object.fromEntries(columns.map((c) => [c.replace(/_(\w)/g, (_, l: string) => l.toUpperCase()), sql.raw(`excluded.${c}`)]));

type LinkInput = NonNullable<z.output<typeof PutIec62443RequirementsBody>['items'][number]['links']>[number];
type RequirementItems = z.output<typeof PutIec62443RequirementsBody>['items'];
type PracticeItems = z.output<typeof PutIec62443PracticesBody>['items'];

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
