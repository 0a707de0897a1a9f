import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { roleAssignments, users } from '../../../platform/auth/tables';
import type { Audit, Ctx } from '../../../platform/tx';
import { inTransaction } from '../../../platform/tx';
import { disableAccountIn, enableAccountIn } from '../../accounts/service';
import { personByEmployeeNo } from '../../org/service';
import { checkResource, requireString, type Doc } from './document';
import { badRequest, ScimError, scimNotFound } from './errors';
import { parseFilter } from './filter';
import { applyPatch } from './patch';
import { checkIfMatch, etag, listResponse, select, type ListParams } from './resources';
import { applyRoleRules } from './role-rules';
import { CORE_USER, ENTERPRISE_ATTRS, ENTERPRISE_USER, USER_ATTRS } from './schema';
import { toSql } from './sql-filter';
import { userResolver } from './user-filter';
import { scimGroupMembers, scimGroups, scimUsers } from './tables';

/**
 * SCIM Users (RFC 7643 §4.1) mapped to Mamori accounts: one `users` row (e-mail, name, status) and one `scim_users`
 * row (userName, externalId, the resource as sent). `active: false` is the accounts module's leaver step.
 */
const WRITABLE = USER_ATTRS.filter((a) => a.mutability !== 'readOnly' && a.name !== 'externalId');
const SCHEMAS = { core: USER_ATTRS, extension: { urn: ENTERPRISE_USER, attrs: ENTERPRISE_ATTRS } };

type Joined = { s: typeof scimUsers.$inferSelect; status: 'active' | 'disabled' };

async function groupsOf(db: Db, ids: string[]) {
  if (!ids.length) return new Map<string, { value: string; display: string }[]>();
  const rows = await db
    .select({ userId: scimGroupMembers.userId, value: scimGroups.id, display: scimGroups.displayName })
    .from(scimGroupMembers)
    .innerJoin(scimGroups, eq(scimGroups.id, scimGroupMembers.groupId))
    .where(inArray(scimGroupMembers.userId, ids));
  const map = new Map<string, { value: string; display: string }[]>();
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), { value: r.value, display: r.display }]);
  return map;
}

function present(r: Joined, groups: { value: string; display: string }[]): Doc {
  const { [ENTERPRISE_USER]: ext, ...core } = r.s.resource;
  return {
    schemas: ext ? [CORE_USER, ENTERPRISE_USER] : [CORE_USER],
    id: r.s.userId,
    ...(r.s.externalId ? { externalId: r.s.externalId } : {}),
    userName: r.s.userName,
    ...core,
    active: r.status === 'active',
    ...(groups.length ? { groups } : {}),
    ...(ext ? { [ENTERPRISE_USER]: ext } : {}),
    meta: {
      resourceType: 'User',
      created: r.s.createdAt.toISOString(),
      lastModified: r.s.updatedAt.toISOString(),
      location: `/scim/v2/Users/${r.s.userId}`,
      version: etag(r.s.version),
    },
  };
}

const joined = (db: Db) =>
  db.select({ s: scimUsers, status: users.status }).from(scimUsers).innerJoin(users, eq(users.id, scimUsers.userId));

export async function listUsers(db: Db, p: ListParams) {
  const where: SQL | undefined = p.filter ? toSql(parseFilter(p.filter), userResolver) : undefined;
  // one query for the page and the total (count(*) OVER ()); a second only for a page past the end
  const rows = p.count
    ? await db
        .select({ s: scimUsers, status: users.status, total: sql<number>`(count(*) OVER ())::int` })
        .from(scimUsers)
        .innerJoin(users, eq(users.id, scimUsers.userId))
        .where(where)
        .orderBy(asc(scimUsers.createdAt), asc(scimUsers.userId))
        .offset(p.startIndex - 1)
        .limit(p.count)
    : [];
  let total = rows[0]?.total;
  if (total === undefined) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(scimUsers)
      .innerJoin(users, eq(users.id, scimUsers.userId))
      .where(where);
    total = row?.n ?? 0;
  }
  const groups = await groupsOf(
    db,
    rows.map((r) => r.s.userId),
  );
  return listResponse(
    rows.map((r) => select(present(r, groups.get(r.s.userId) ?? []), p)),
    total,
    p.startIndex,
  );
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

async function loadUser(db: Db, id: string, lock = false): Promise<Joined> {
  if (!isUuid(id)) throw scimNotFound('User');
  const q = joined(db).where(eq(scimUsers.userId, id));
  const [row] = lock ? await q.for('update', { of: scimUsers }) : await q;
  if (!row) throw scimNotFound('User');
  return row;
}

export async function getUser(db: Db, id: string, p: Pick<ListParams, 'attributes' | 'excludedAttributes'> = {}) {
  const row = await loadUser(db, id);
  return select(present(row, (await groupsOf(db, [id])).get(id) ?? []), p);
}

/** The account's e-mail: the primary e-mail, else the work one, else the first, else userName when it is one. */
function accountEmail(doc: Doc, userName: string): string {
  const emails = (Array.isArray(doc.emails) ? doc.emails : []) as Doc[];
  const pick = emails.find((e) => e.primary === true) ?? emails.find((e) => e.type === 'work') ?? emails[0];
  const email = (typeof pick?.value === 'string' ? pick.value : userName).trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320)
    throw badRequest('invalidValue', 'An e-mail is needed: in emails, or as userName');
  return email;
}

function accountName(doc: Doc, userName: string): string {
  const name = (doc.name ?? {}) as Doc;
  const parts = [name.givenName, name.familyName].filter((x): x is string => typeof x === 'string' && !!x.trim());
  const text =
    (doc.displayName as string | undefined) ??
    (name.formatted as string | undefined) ??
    (parts.length ? parts.join(' ') : userName);
  return text.trim().slice(0, 200) || userName;
}

const language = (doc: Doc) => {
  const l = String(doc.preferredLanguage ?? doc.locale ?? '')
    .slice(0, 2)
    .toLowerCase();
  return l === 'ja' || l === 'en' ? l : undefined;
};

/** The core attributes to keep (without userName, externalId, active, read-only ones). */
function keptResource(doc: Doc): Doc {
  const out: Doc = {};
  for (const a of WRITABLE)
    if (a.name !== 'userName' && a.name !== 'active' && doc[a.name] !== undefined) out[a.name] = doc[a.name];
  if (doc[ENTERPRISE_USER]) out[ENTERPRISE_USER] = doc[ENTERPRISE_USER];
  return out;
}

async function userNameTaken(tx: Db, userName: string, except?: string) {
  const [row] = await tx
    .select({ id: scimUsers.userId })
    .from(scimUsers)
    .where(sql`lower(${scimUsers.userName}) = ${userName.toLowerCase()}`);
  return row !== undefined && row.id !== except;
}

/** The person with the enterprise employeeNumber, when there is one and no other account is theirs. */
async function personFor(tx: Db, doc: Doc, userId?: string): Promise<string | undefined> {
  const no = (doc[ENTERPRISE_USER] as Doc | undefined)?.employeeNumber;
  if (typeof no !== 'string' || !no.trim()) return undefined;
  const person = await personByEmployeeNo(tx, no.trim());
  if (!person) return undefined;
  const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.personId, person.id));
  return !owner || owner.id === userId ? person.id : undefined;
}

const auditView = (userName: string, externalId: string | null, doc: Doc, active: boolean) => ({
  userName,
  externalId,
  active,
  ...keptResource(doc),
});

export async function createUser(ctx: Ctx, body: Doc) {
  const doc = checkResource(USER_ATTRS, ENTERPRISE_ATTRS, body);
  const userName = requireString(doc, 'userName');
  const externalId = typeof doc.externalId === 'string' ? doc.externalId : null;
  const active = doc.active !== false;
  const email = accountEmail(doc, userName);
  const id = await inTransaction(ctx, async (tx, audit) => {
    if (await userNameTaken(tx, userName)) throw new ScimError(409, `userName ${userName} is already in use`, 'uniqueness');
    let [account] = await tx.select().from(users).where(eq(users.email, email)).for('update');
    if (account) {
      // An account that exists before provisioning is linked to it, once; a partner account never is.
      const [linked] = await tx.select({ id: scimUsers.userId }).from(scimUsers).where(eq(scimUsers.userId, account.id));
      if (linked || account.kind !== 'internal')
        throw new ScimError(409, `The e-mail ${email} belongs to another account`, 'uniqueness');
      // a system administrator's account stays local (break-glass): the identity provider never takes it over
      const [admin] = await tx
        .select({ id: roleAssignments.id })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.userId, account.id), eq(roleAssignments.role, 'system_admin')));
      if (admin)
        throw new ScimError(
          409,
          `The e-mail ${email} belongs to a system administrator, which SCIM does not manage`,
          'uniqueness',
        );
      await audit({ action: 'scim.user-link', targetType: 'user', targetId: account.id, after: { userName, externalId } });
    } else {
      const personId = await personFor(tx, doc);
      [account] = await tx
        .insert(users)
        .values({ email, name: accountName(doc, userName), language: language(doc), personId, status: 'active' })
        .returning();
      await audit({
        action: 'user.create',
        targetType: 'user',
        targetId: account!.id,
        after: { email, name: account!.name, personId: personId ?? null, via: 'scim' },
      });
    }
    await tx.insert(scimUsers).values({ userId: account!.id, userName, externalId, resource: keptResource(doc) });
    if (!active) await disableAccountIn(tx, audit, account!.id, 'scim');
    else if (account!.status === 'disabled') await enableAccountIn(tx, audit, account!.id);
    await audit({
      action: 'scim.user-create',
      targetType: 'user',
      targetId: account!.id,
      after: auditView(userName, externalId, doc, active),
    });
    return account!.id;
  });
  return getUser(ctx.db, id);
}

/** Writes a whole new version of the user (PUT, or the result of a PATCH). */
async function writeUser(tx: Db, audit: Audit, before: Joined, doc: Doc) {
  const id = before.s.userId;
  const userName = requireString(doc, 'userName');
  const externalId = typeof doc.externalId === 'string' ? doc.externalId : null;
  const active = doc.active !== false;
  if (userName.toLowerCase() !== before.s.userName.toLowerCase() && (await userNameTaken(tx, userName, id)))
    throw new ScimError(409, `userName ${userName} is already in use`, 'uniqueness');
  const email = accountEmail(doc, userName);
  const [other] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (other && other.id !== id) throw new ScimError(409, `The e-mail ${email} belongs to another account`, 'uniqueness');
  if (!active && before.status === 'active') await disableAccountIn(tx, audit, id, 'scim');
  if (active && before.status === 'disabled') await enableAccountIn(tx, audit, id);
  const [current] = await tx.select({ personId: users.personId }).from(users).where(eq(users.id, id));
  const personId = current?.personId ?? (await personFor(tx, doc, id));
  await tx
    .update(users)
    .set({
      email,
      name: accountName(doc, userName),
      language: language(doc) ?? null,
      personId: personId ?? null,
      updatedAt: new Date(),
    })
    .where(eq(users.id, id));
  await tx
    .update(scimUsers)
    .set({ userName, externalId, resource: keptResource(doc), version: before.s.version + 1, updatedAt: new Date() })
    .where(eq(scimUsers.userId, id));
  const beforeActive = before.status === 'active';
  await audit({
    action: 'scim.user-update',
    targetType: 'user',
    targetId: id,
    before: auditView(before.s.userName, before.s.externalId, before.s.resource, beforeActive),
    after: auditView(userName, externalId, doc, active),
  });
}

export async function replaceUser(ctx: Ctx, id: string, body: Doc, expected: number[] | undefined) {
  const doc = checkResource(USER_ATTRS, ENTERPRISE_ATTRS, body);
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadUser(tx, id, true);
    checkIfMatch(before.s.version, expected);
    await writeUser(tx, audit, before, doc);
  });
  return getUser(ctx.db, id);
}

export async function patchUser(ctx: Ctx, id: string, body: unknown, expected: number[] | undefined) {
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadUser(tx, id, true);
    checkIfMatch(before.s.version, expected);
    const current: Doc = { userName: before.s.userName, ...before.s.resource, active: before.status === 'active' };
    if (before.s.externalId) current.externalId = before.s.externalId;
    const patched = applyPatch(current, body, SCHEMAS);
    await writeUser(tx, audit, before, checkResource(USER_ATTRS, ENTERPRISE_ATTRS, patched));
  });
  return getUser(ctx.db, id);
}

/**
 * DELETE: the account is not deleted (its history stays), it is disabled as a leaver, leaves its SCIM groups (their
 * roles go with them) and is no longer a SCIM resource.
 */
export async function deleteUser(ctx: Ctx, id: string, expected: number[] | undefined) {
  await inTransaction(ctx, async (tx, audit) => {
    const before = await loadUser(tx, id, true);
    checkIfMatch(before.s.version, expected);
    await disableAccountIn(tx, audit, id, 'scim');
    await tx.delete(scimGroupMembers).where(eq(scimGroupMembers.userId, id));
    await applyRoleRules(tx, audit, [id]);
    await tx.delete(scimUsers).where(and(eq(scimUsers.userId, id)));
    await audit({
      action: 'scim.user-delete',
      targetType: 'user',
      targetId: id,
      before: auditView(before.s.userName, before.s.externalId, before.s.resource, before.status === 'active'),
    });
  });
}
