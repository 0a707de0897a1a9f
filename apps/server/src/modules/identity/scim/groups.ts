import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { users } from '../../../platform/auth/tables';
import { inTransaction, type Audit, type Ctx } from '../../../platform/tx';
import { checkResource, requireString, type Doc } from './document';
import { badRequest, ScimError, scimNotFound } from './errors';
import { parseFilter } from './filter';
import { applyPatch } from './patch';
import { checkIfMatch, etag, listResponse, select, type ListParams } from './resources';
import { applyRoleRules } from './role-rules';
import { CORE_GROUP, findAttr, GROUP_ATTRS } from './schema';
import { toSql, type Resolver } from './sql-filter';
import { scimGroupMembers, scimGroups, scimUsers } from './tables';

/** SCIM Groups (RFC 7643 §4.2): a name and members (SCIM users). Membership changes apply the group → role rules. */
const SCHEMAS = { core: GROUP_ATTRS };
export const MAX_MEMBERS = 50_000;

export const groupResolver: Resolver = (p) => {
  if (p.uri && p.uri.toLowerCase() !== CORE_GROUP.toLowerCase()) return undefined;
  const def = findAttr(GROUP_ATTRS, p.attr);
  if (!def) return undefined;
  switch (`${def.name}${p.sub ? `.${p.sub}` : ''}`.toLowerCase()) {
    case 'id':
      return { kind: 'scalar', expr: sql`${scimGroups.id}::text`, type: 'string', caseExact: false };
    case 'displayname':
      return { kind: 'scalar', expr: sql`${scimGroups.displayName}`, type: 'string', caseExact: false };
    case 'externalid':
      return { kind: 'scalar', expr: sql`${scimGroups.externalId}`, type: 'string', caseExact: true };
    case 'meta.created':
      return { kind: 'scalar', expr: sql`${scimGroups.createdAt}`, type: 'dateTime', caseExact: true };
    case 'meta.lastmodified':
      return { kind: 'scalar', expr: sql`${scimGroups.updatedAt}`, type: 'dateTime', caseExact: true };
    case 'members':
    case 'members.value':
      return {
        kind: 'multi',
        exists: (cond) =>
          sql`EXISTS (SELECT 1 FROM ${scimGroupMembers} gm WHERE gm.group_id = ${scimGroups.id} AND ${cond((n) => {
            if (n.toLowerCase() !== 'value') throw badRequest('invalidFilter', `Invalid filter: members.${n} cannot be filtered`);
            return { kind: 'scalar', expr: sql`gm.user_id::text`, type: 'string', caseExact: false };
          })})`,
      };
  }
  return undefined;
};

type Row = typeof scimGroups.$inferSelect;

async function membersOf(db: Db, ids: string[]) {
  const map = new Map<string, Doc[]>();
  if (!ids.length) return map;
  const rows = await db
    .select({ groupId: scimGroupMembers.groupId, value: scimGroupMembers.userId, display: users.name })
    .from(scimGroupMembers)
    .innerJoin(users, eq(users.id, scimGroupMembers.userId))
    .where(inArray(scimGroupMembers.groupId, ids))
    .orderBy(asc(users.name));
  for (const r of rows)
    map.set(r.groupId, [
      ...(map.get(r.groupId) ?? []),
      { value: r.value, display: r.display, type: 'User', $ref: `/scim/v2/Users/${r.value}` },
    ]);
  return map;
}

const present = (r: Row, members: Doc[] | undefined): Doc => ({
  schemas: [CORE_GROUP],
  id: r.id,
  ...(r.externalId ? { externalId: r.externalId } : {}),
  displayName: r.displayName,
  ...(members ? { members } : {}),
  meta: {
    resourceType: 'Group',
    created: r.createdAt.toISOString(),
    lastModified: r.updatedAt.toISOString(),
    location: `/scim/v2/Groups/${r.id}`,
    version: etag(r.version),
  },
});

const wantsMembers = (p: Pick<ListParams, 'attributes' | 'excludedAttributes'>) =>
  p.attributes ? p.attributes.some((a) => a.startsWith('members')) : !p.excludedAttributes?.some((a) => a.startsWith('members'));

export async function listGroups(db: Db, p: ListParams) {
  const where: SQL | undefined = p.filter ? toSql(parseFilter(p.filter), groupResolver) : undefined;
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(scimGroups)
    .where(where);
  const rows = p.count
    ? await db
        .select()
        .from(scimGroups)
        .where(where)
        .orderBy(asc(scimGroups.createdAt), asc(scimGroups.id))
        .offset(p.startIndex - 1)
        .limit(p.count)
    : [];
  const members = wantsMembers(p)
    ? await membersOf(
        db,
        rows.map((r) => r.id),
      )
    : undefined;
  return listResponse(
    rows.map((r) => select(present(r, members ? (members.get(r.id) ?? []) : undefined), p)),
    n,
    p.startIndex,
  );
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

async function loadGroup(db: Db, id: string, lock = false): Promise<Row> {
  if (!isUuid(id)) throw scimNotFound('Group');
  const q = db.select().from(scimGroups).where(eq(scimGroups.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw scimNotFound('Group');
  return row;
}

export async function getGroup(db: Db, id: string, p: Pick<ListParams, 'attributes' | 'excludedAttributes'> = {}) {
  const row = await loadGroup(db, id);
  const members = wantsMembers(p) ? ((await membersOf(db, [id])).get(id) ?? []) : undefined;
  return select(present(row, members), p);
}

/** The member ids of a checked document; every one must be a SCIM user, or nothing is written. */
async function memberIds(tx: Db, doc: Doc): Promise<string[]> {
  const values = ((doc.members ?? []) as Doc[]).map((m) => m.value);
  if (values.length > MAX_MEMBERS) throw badRequest('invalidValue', `A group has at most ${MAX_MEMBERS} members`);
  const ids = [...new Set(values.map((v) => String(v ?? '').toLowerCase()))];
  if (ids.some((v) => !isUuid(v))) throw badRequest('invalidValue', 'members[].value must be the id of a User');
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const rows = await tx.select({ id: scimUsers.userId }).from(scimUsers).where(inArray(scimUsers.userId, chunk));
    for (const r of rows) found.add(r.id);
  }
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw badRequest('invalidValue', `No User with id ${missing.slice(0, 3).join(', ')}`);
  return ids;
}

async function nameTaken(tx: Db, name: string, except?: string) {
  const [row] = await tx
    .select({ id: scimGroups.id })
    .from(scimGroups)
    .where(sql`lower(${scimGroups.displayName}) = ${name.toLowerCase()}`);
  return row !== undefined && row.id !== except;
}

/** Sets the members to `ids`, applying the role rules to everyone who joined or left. */
async function setMembers(tx: Db, audit: Audit, groupId: string, ids: string[]) {
  const before = (
    await tx.select({ id: scimGroupMembers.userId }).from(scimGroupMembers).where(eq(scimGroupMembers.groupId, groupId))
  ).map((r) => r.id);
  const now = new Set(ids);
  const was = new Set(before);
  const left = before.filter((id) => !now.has(id));
  const joined = ids.filter((id) => !was.has(id));
  for (let i = 0; i < left.length; i += 5000)
    await tx
      .delete(scimGroupMembers)
      .where(sql`${scimGroupMembers.groupId} = ${groupId} AND ${inArray(scimGroupMembers.userId, left.slice(i, i + 5000))}`);
  for (let i = 0; i < joined.length; i += 5000)
    await tx.insert(scimGroupMembers).values(joined.slice(i, i + 5000).map((userId) => ({ groupId, userId })));
  await applyRoleRules(tx, audit, [...left, ...joined]);
  return { joined, left };
}

export async function createGroup(ctx: Ctx, body: Doc) {
  const doc = checkResource(GROUP_ATTRS, null, body);
  const displayName = requireString(doc, 'displayName');
  const externalId = typeof doc.externalId === 'string' ? doc.externalId : null;
  const id = await inTransaction(ctx, async (tx, audit) => {
    if (await nameTaken(tx, displayName)) throw new ScimError(409, `A group named ${displayName} exists`, 'uniqueness');
    const ids = await memberIds(tx, doc);
    const [row] = await tx.insert(scimGroups).values({ displayName, externalId }).returning();
    const { joined } = await setMembers(tx, audit, row!.id, ids);
    await audit({
      action: 'scim.group-create',
      targetType: 'scim_group',
      targetId: row!.id,
      after: { displayName, externalId, joined },
    });
    return row!.id;
  });
  return getGroup(ctx.db, id);
}

async function writeGroup(tx: Db, audit: Audit, before: Row, doc: Doc) {
  const displayName = requireString(doc, 'displayName');
  const externalId = typeof doc.externalId === 'string' ? doc.externalId : null;
  if (displayName.toLowerCase() !== before.displayName.toLowerCase() && (await nameTaken(tx, displayName, before.id)))
    throw new ScimError(409, `A group named ${displayName} exists`, 'uniqueness');
  const ids = await memberIds(tx, doc);
  await tx
    .update(scimGroups)
    .set({ displayName, externalId, version: before.version + 1, updatedAt: new Date() })
    .where(eq(scimGroups.id, before.id));
  const { joined, left } = await setMembers(tx, audit, before.id, ids);
  // a new name may match other rules: everyone in the group is brought in line
  if (displayName !== before.displayName) await applyRoleRules(tx, audit, ids);
  await audit({
    action: 'scim.group-update',
    targetType: 'scim_group',
    targetId: before.id,
    before: { displayName: before.displayName, externalId: before.externalId },
    after: { displayName, externalId, joined, left },
  });
}

export async function replaceGroup(ctx: Ctx, id: string, body: Doc, expected: number[] | undefined) {
  const doc = checkResource(GROUP_ATTRS, null, body);
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadGroup(tx, id, true);
    checkIfMatch(before.version, expected);
    await writeGroup(tx, audit, before, doc);
  });
  return getGroup(ctx.db, id);
}

export async function patchGroup(ctx: Ctx, id: string, body: unknown, expected: number[] | undefined) {
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadGroup(tx, id, true);
    checkIfMatch(before.version, expected);
    const members = (
      await tx.select({ value: scimGroupMembers.userId }).from(scimGroupMembers).where(eq(scimGroupMembers.groupId, id))
    ).map((m) => ({
      value: m.value,
    }));
    const current: Doc = {
      displayName: before.displayName,
      members,
      ...(before.externalId ? { externalId: before.externalId } : {}),
    };
    await writeGroup(tx, audit, before, checkResource(GROUP_ATTRS, null, applyPatch(current, body, SCHEMAS)));
  });
  return getGroup(ctx.db, id);
}

export async function deleteGroup(ctx: Ctx, id: string, expected: number[] | undefined) {
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadGroup(tx, id, true);
    checkIfMatch(before.version, expected);
    const { left } = await setMembers(tx, audit, id, []);
    await tx.delete(scimGroups).where(eq(scimGroups.id, id));
    await audit({
      action: 'scim.group-delete',
      targetType: 'scim_group',
      targetId: id,
      before: { displayName: before.displayName, left },
    });
  });
}
