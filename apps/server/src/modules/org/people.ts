import type { CreatePersonBody, PersonListQuery, UpdatePersonBody } from '@mamori/contracts';
import { and, asc, desc, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { covers, escapeLike, scopeOf, scopeSql, type Scope } from '../../platform/access/scope';
import { users } from '../../platform/auth/tables';
import { recordRead } from '../../platform/audit/record';
import { AppError, notFound } from '../../platform/errors/app-error';
import { decodeCursor, pageOf } from '../../platform/http/cursor';
import { inTransaction, type Ctx } from '../../platform/tx';
import { personAuditView, presentPerson } from './present';
import { orgUnits, people } from './tables';
import { loadUnit } from './units';

const columns = {
  id: people.id,
  employeeNo: people.employeeNo,
  nameJa: people.nameJa,
  nameEn: people.nameEn,
  email: people.email,
  kind: people.kind,
  status: people.status,
  orgUnitId: people.orgUnitId,
  changedAt: people.changedAt,
  createdAt: people.createdAt,
  updatedAt: people.updatedAt,
  orgUnitName: orgUnits.nameEn,
  orgPath: orgUnits.path,
  accountId: users.id,
};

const selectPeople = (db: Db) =>
  db
    .select(columns)
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .leftJoin(users, eq(users.personId, people.id));

/** People in the principal's people:read scope; `orgUnitId` narrows to that unit's subtree. Keyset-paged. */
export async function listPeople(ctx: Ctx, q: z.infer<typeof PersonListQuery>) {
  const scope = scopeOf(ctx.principal, 'people:read');
  const where: (SQL | undefined)[] = [scopeSql(scope, orgUnits.path)];
  if (q.orgUnitId) {
    const unit = await loadUnit(ctx.db, scopeOf(ctx.principal, 'org:read'), q.orgUnitId, 'read');
    where.push(sql`${orgUnits.path} LIKE ${escapeLike(unit.path) + '%'}`);
  }
  if (q.status) where.push(eq(people.status, q.status));
  if (q.kind) where.push(eq(people.kind, q.kind));
  if (q.q) {
    const pattern = `%${escapeLike(q.q)}%`;
    where.push(or(sql`${people.nameEn} ILIKE ${pattern}`, sql`${people.nameJa} ILIKE ${pattern}`, eq(people.employeeNo, q.q)));
  }
  const descending = q.sort.startsWith('-');
  const key = q.sort.replace('-', '') === 'employeeNo' ? people.employeeNo : people.nameEn;
  if (q.cursor) {
    const [value, id] = decodeCursor(q.cursor, 2) as [string, string];
    const cmp = descending ? lt : gt;
    where.push(or(cmp(key, value), and(eq(key, value), cmp(people.id, id))));
  }
  const dir = descending ? desc : asc;
  const rows = await selectPeople(ctx.db)
    .where(and(...where))
    .orderBy(dir(key), dir(people.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, presentPerson, (r) => [q.sort.includes('employeeNo') ? r.employeeNo : r.nameEn, r.id]);
}

async function loadPerson(db: Db, scope: Scope, id: string) {
  const [row] = await selectPeople(db).where(eq(people.id, id));
  if (!row || !covers(scope, row.orgPath)) throw notFound('The person');
  return row;
}

/** A person's record is personal data: each read is logged (2-4-4). */
export async function getPerson(ctx: Ctx, id: string) {
  const row = await loadPerson(ctx.db, scopeOf(ctx.principal, 'people:read'), id);
  await recordRead(ctx.db, ctx.actor, { action: 'person.read', targetType: 'person', targetId: id, orgPath: row.orgPath });
  return presentPerson(row);
}

async function targetUnit(db: Db, scope: Scope, orgUnitId: string) {
  return loadUnit(db, scope, orgUnitId).catch(() => {
    throw new AppError('validation', 'The org unit does not exist or is outside your scope.', [
      { path: 'body.orgUnitId', message: 'unknown or outside your scope' },
    ]);
  });
}

export function createPerson(ctx: Ctx, body: z.infer<typeof CreatePersonBody>) {
  const scope = scopeOf(ctx.principal, 'people:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const unit = await targetUnit(tx, scope, body.orgUnitId);
    const [row] = await tx
      .insert(people)
      .values({ ...body, email: body.email?.toLowerCase() ?? null })
      .returning();
    await audit({
      action: 'person.create',
      targetType: 'person',
      targetId: row!.id,
      orgPath: unit.path,
      after: personAuditView(row!),
    });
    return presentPerson({ ...row!, orgUnitName: unit.nameEn, accountId: null });
  });
}

/** Updates a person. Moving to another unit or leaving stamps `changedAt`, which puts their account in the ID review. */
export function updatePerson(ctx: Ctx, id: string, body: z.infer<typeof UpdatePersonBody>) {
  const scope = scopeOf(ctx.principal, 'people:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const before = await loadPerson(tx, scope, id);
    let unit = { path: before.orgPath, nameEn: before.orgUnitName };
    if (body.orgUnitId && body.orgUnitId !== before.orgUnitId) unit = await targetUnit(tx, scope, body.orgUnitId);
    const moved = (body.orgUnitId && body.orgUnitId !== before.orgUnitId) || (body.status && body.status !== before.status);
    const [row] = await tx
      .update(people)
      .set({
        ...body,
        ...(body.email !== undefined ? { email: body.email?.toLowerCase() ?? null } : {}),
        ...(moved ? { changedAt: new Date() } : {}),
        updatedAt: new Date(),
      })
      .where(eq(people.id, id))
      .returning();
    await audit({
      action: 'person.update',
      targetType: 'person',
      targetId: id,
      orgPath: unit.path,
      before: personAuditView(before),
      after: personAuditView(row!),
    });
    return presentPerson({ ...row!, orgUnitName: unit.nameEn, accountId: before.accountId });
  });
}
