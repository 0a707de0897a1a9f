import type { CreatePersonBody, UpdatePersonBody } from '@mamori/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { covers, scopeOf, type Scope } from '../../platform/access/scope';
import { users } from '../../platform/auth/tables';
import { recordRead } from '../../platform/audit/record';
import { AppError, notFound, msg } from '../../platform/errors/app-error';
import { loadForUpdate } from '../../platform/records/lock';
import type { Precondition } from '../../platform/records/version';
import { inTransaction, type Ctx } from '../../platform/tx';
import { personAuditView, presentPerson } from './present';
import { orgUnits, people } from './tables';
import { loadUnit } from './units';

/** The person columns every read selects. */
const personFields = {
  id: people.id,
  rowVersion: people.rowVersion,
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
};

const columns = {
  ...personFields,
  orgUnitName: orgUnits.nameEn,
  orgUnitNameJa: orgUnits.nameJa,
  orgPath: orgUnits.path,
  accountId: users.id,
};

const selectPeople = (db: Db) =>
  db
    .select(columns)
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .leftJoin(users, eq(users.personId, people.id));

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
    throw new AppError('validation', msg('org.unit_out_of_scope'), [
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
    return presentPerson({ ...row!, orgUnitName: unit.nameEn, orgUnitNameJa: unit.nameJa, accountId: null });
  });
}

/** Updates a person. Moving to another unit or leaving stamps `changedAt`, which puts their account in the ID review. */
export function updatePerson(ctx: Ctx, id: string, body: z.infer<typeof UpdatePersonBody>, expected?: Precondition) {
  const scope = scopeOf(ctx.principal, 'people:manage');
  return inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(tx, people, id, () => loadPerson(tx, scope, id), expected);
    let unit = { path: before.orgPath, nameEn: before.orgUnitName, nameJa: before.orgUnitNameJa };
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
    return presentPerson({ ...row!, orgUnitName: unit.nameEn, orgUnitNameJa: unit.nameJa, accountId: before.accountId });
  });
}
