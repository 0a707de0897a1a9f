import type { CreateTaraMethodBody, TaraMethodDefinition, UpdateTaraMethodBody } from '@mamori/contracts';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { scopeOf } from '../../../platform/access/scope';
import type { Action } from '@mamori/contracts';
import { users } from '../../../platform/auth/tables';
import { conflict, fieldError, forbidden, invalid, msg, notFound } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Audit, type Ctx } from '../../../platform/tx';
import { checkDefinition, defaultTaraMethod } from './method-check';
import { taraMethods } from './tables';

type MethodRow = typeof taraMethods.$inferSelect;

async function present(db: Db, rows: MethodRow[]) {
  const ids = [...new Set(rows.flatMap((r) => [r.createdBy, r.approvedBy]).filter((x): x is string => !!x))];
  const emails = new Map(
    ids.length
      ? (await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, ids))).map((u) => [
          u.id,
          u.email,
        ])
      : [],
  );
  return rows.map((r) => ({
    id: r.id,
    rowVersion: r.rowVersion,
    version: r.version,
    status: r.status,
    basedOnVersion: r.basedOnVersion,
    note: r.note,
    definition: r.definition,
    createdBy: r.createdBy ? (emails.get(r.createdBy) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    approvedBy: r.approvedBy ? (emails.get(r.approvedBy) ?? null) : null,
    approvedAt: r.approvedAt?.toISOString() ?? null,
  }));
}
const auditView = (r: MethodRow) => ({
  version: r.version,
  status: r.status,
  basedOnVersion: r.basedOnVersion,
  note: r.note,
  definition: r.definition,
});

/** Inserts the default method as approved version 1 unless a version 1 exists (the demo and first use). */
export async function seedDefaultMethod(tx: Db, audit: Audit): Promise<void> {
  const seed = defaultTaraMethod();
  const [row] = await tx
    .insert(taraMethods)
    .values({ version: 1, status: 'approved', note: seed.note.en, definition: seed.definition, approvedAt: new Date() })
    .onConflictDoNothing({ target: taraMethods.version })
    .returning();
  if (row) await audit({ action: 'tara_method.seed', targetType: 'tara_method', targetId: row.id, after: auditView(row) });
}

/** Seeds the default method the first time any method is asked for (once, whoever races). */
export async function ensureDefaultMethod(ctx: Ctx): Promise<void> {
  const [any] = await ctx.db.select({ v: taraMethods.version }).from(taraMethods).limit(1);
  if (!any) await inTransaction(ctx, seedDefaultMethod);
}

/** The method definition of a version, or null. */
export async function methodDefinition(
  db: Db,
  version: number,
): Promise<{ status: string; definition: TaraMethodDefinition } | null> {
  const [row] = await db
    .select({ status: taraMethods.status, definition: taraMethods.definition })
    .from(taraMethods)
    .where(eq(taraMethods.version, version));
  return row ?? null;
}

/**
 * The method a new analysis follows: the version asked for, or the latest approved one; refused (named at `field`)
 * when it does not exist or is not approved. Shared by creating an analysis and importing one.
 */
export async function approvedMethod(
  db: Db,
  asked: number | undefined,
  field: string,
): Promise<{ version: number; definition: TaraMethodDefinition }> {
  const version = asked ?? (await latestApprovedVersion(db));
  const method = version ? await methodDefinition(db, version) : null;
  if (!method || !version) throw invalid([fieldError(field, 'tara.method_unknown', { version: version ?? 0 })]);
  if (method.status !== 'approved') throw invalid([fieldError(field, 'tara.method_not_approved', { version })]);
  return { version, definition: method.definition };
}

export async function latestApprovedVersion(db: Db): Promise<number | null> {
  const [row] = await db
    .select({ version: taraMethods.version })
    .from(taraMethods)
    .where(eq(taraMethods.status, 'approved'))
    .orderBy(desc(taraMethods.version))
    .limit(1);
  return row?.version ?? null;
}

export async function listMethods(ctx: Ctx) {
  await ensureDefaultMethod(ctx);
  const rows = await ctx.db.select().from(taraMethods).orderBy(desc(taraMethods.version));
  return { items: (await present(ctx.db, rows)).map(({ definition: _d, ...m }) => m) };
}

export async function getMethod(ctx: Ctx, version: number) {
  await ensureDefaultMethod(ctx);
  const rows = await ctx.db.select().from(taraMethods).where(eq(taraMethods.version, version));
  if (!rows.length) throw notFound('The TARA method version');
  return (await present(ctx.db, rows))[0]!;
}

/** The method is the group's: changing it takes the action over the whole group, not one division's. */
function groupWide(ctx: Ctx, action: Action) {
  if (scopeOf(ctx.principal, action).kind !== 'all') throw forbidden(msg('tara.method_group_scope'));
}

/** A new draft version, copied from an existing one (and changed, when a definition is given). */
export async function createMethod(ctx: Ctx, body: z.infer<typeof CreateTaraMethodBody>) {
  groupWide(ctx, 'products:manage');
  await ensureDefaultMethod(ctx);
  if (body.definition) checkDefinition(body.definition);
  return inTransaction(ctx, async (tx, audit) => {
    // Versions are numbered in order: creators queue on this lock so two never take the same number.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('tara_methods.version'))`);
    const base = await methodDefinition(tx, body.basedOnVersion);
    if (!base) throw notFound('The TARA method version');
    const [max] = await tx.select({ v: sql<number>`max(${taraMethods.version})` }).from(taraMethods);
    const [row] = await tx
      .insert(taraMethods)
      .values({
        version: Number(max!.v) + 1,
        basedOnVersion: body.basedOnVersion,
        note: body.note ?? null,
        definition: body.definition ?? base.definition,
        createdBy: ctx.actor.userId,
      })
      .returning();
    await audit({ action: 'tara_method.create', targetType: 'tara_method', targetId: row!.id, after: auditView(row!) });
    return (await present(tx, [row!]))[0]!;
  });
}

async function loadDraft(tx: Db, version: number, expected: Precondition) {
  const [found] = await tx.select({ id: taraMethods.id }).from(taraMethods).where(eq(taraMethods.version, version));
  if (!found) throw notFound('The TARA method version');
  const row = await loadForUpdate(
    tx,
    taraMethods,
    found.id,
    async () => (await tx.select().from(taraMethods).where(eq(taraMethods.id, found.id)))[0]!,
    expected,
  );
  if (row.status === 'approved') throw conflict(msg('tara.method_approved', { version }));
  return row;
}

export function updateMethod(ctx: Ctx, version: number, body: z.infer<typeof UpdateTaraMethodBody>, expected: Precondition) {
  groupWide(ctx, 'products:manage');
  if (body.definition) checkDefinition(body.definition);
  return inTransaction(ctx, async (tx, audit) => {
    const before = await loadDraft(tx, version, expected);
    const [after] = await tx
      .update(taraMethods)
      .set({
        ...(body.definition ? { definition: body.definition } : {}),
        ...(body.note !== undefined ? { note: body.note } : {}),
      })
      .where(eq(taraMethods.id, before.id))
      .returning();
    await audit({
      action: 'tara_method.update',
      targetType: 'tara_method',
      targetId: before.id,
      before: auditView(before),
      after: auditView(after!),
    });
    return (await present(tx, [after!]))[0]!;
  });
}

/** Approval freezes the version: from then on analyses may use it and nobody may change it. */
export function approveMethod(ctx: Ctx, version: number, expected: Precondition) {
  groupWide(ctx, 'tara-methods:approve');
  return inTransaction(ctx, async (tx, audit) => {
    const before = await loadDraft(tx, version, expected);
    const [after] = await tx
      .update(taraMethods)
      .set({ status: 'approved', approvedBy: ctx.actor.userId, approvedAt: new Date() })
      .where(eq(taraMethods.id, before.id))
      .returning();
    await audit({
      action: 'tara_method.approve',
      targetType: 'tara_method',
      targetId: before.id,
      before: { status: before.status },
      after: { status: 'approved', version },
    });
    return (await present(tx, [after!]))[0]!;
  });
}
