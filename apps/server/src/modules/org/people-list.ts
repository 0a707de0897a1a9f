import type { PersonListQuery } from '@mamori/contracts';
import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { escapeLike, scopeOf, type Scope } from '../../platform/access/scope';
import { users } from '../../platform/auth/tables';
import { decodeCursor, invalidCursor, pageOf } from '../../platform/http/cursor';
import type { Ctx } from '../../platform/tx';
import { presentPerson } from './present';
import { orgUnits, people } from './tables';
import { personFields } from './people';
import { browsePeople } from './people-browse';
import { searchByNameToken } from './people-search';
import { loadUnit, readableUnit } from './units';
import { notFound } from '../../platform/errors/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The org units a list may draw from: the reader's scope, narrowed to a subtree. null = no restriction.
 * Resolved to ids first (≤ a few thousand units), so PostgreSQL can combine `org_unit_id IN (…)` with the
 * name indexes instead of joining org_units for every candidate row.
 */
async function unitIds(db: Db, scope: Scope, subtree: string | undefined): Promise<string[] | null> {
  if (scope.kind === 'all' && !subtree) return null;
  const where: SQL[] = [];
  if (scope.kind === 'none') return [];
  if (scope.kind === 'paths')
    where.push(
      sql`(${sql.join(
        scope.paths.map((p) => sql`${orgUnits.path} LIKE ${escapeLike(p) + '%'}`),
        sql` OR `,
      )})`,
    );
  if (subtree) where.push(sql`${orgUnits.path} LIKE ${escapeLike(subtree) + '%'}`);
  const rows = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(...where));
  return rows.map((r) => r.id);
}

/**
 * Name search. pg_trgm needs three characters; a shorter query (a kanji family name such as 田中, one
 * character such as 松) is a prefix match on both names instead, served by the text_pattern_ops indexes.
 */
function nameMatch(q: string): SQL | undefined {
  if ([...q].length < 3) {
    const prefix = `${escapeLike(q)}%`;
    return or(
      sql`${people.nameJa} LIKE ${prefix}`,
      sql`lower(${people.nameEn}) LIKE ${prefix.toLowerCase()}`,
      eq(people.employeeNo, q),
    );
  }
  const pattern = `%${escapeLike(q)}%`;
  return or(sql`${people.nameEn} ILIKE ${pattern}`, sql`${people.nameJa} ILIKE ${pattern}`, eq(people.employeeNo, q));
}

/** People in the principal's people:read scope; `orgUnitId` narrows to that unit's subtree. Keyset-paged. */
export async function listPeople(ctx: Ctx, q: z.infer<typeof PersonListQuery>) {
  const descending = q.sort.startsWith('-');
  const byNo = q.sort.includes('employeeNo');
  const after = q.cursor ? (decodeCursor(q.cursor, 2) as [string, string]) : undefined;
  if (after && !UUID.test(after[1])) throw invalidCursor();
  const cursorOf = (r: { employeeNo: string; nameEn: string; id: string }) => [byNo ? r.employeeNo : r.nameEn, r.id];
  const checkUnit = (unitPath: string | null) => {
    if (q.orgUnitId && !readableUnit(scopeOf(ctx.principal, 'org:read'), unitPath)) throw notFound('The org unit');
  };
  // Without a name: one statement that picks its plan by the subtree's size (people-browse.ts).
  if (!q.q) {
    const found = await browsePeople(ctx.db, {
      scope: scopeOf(ctx.principal, 'people:read'),
      orgUnitId: q.orgUnitId,
      status: q.status,
      kind: q.kind,
      by: byNo ? 'employeeNo' : 'name',
      descending,
      after: after && { key: after[0], id: after[1] },
      limit: q.limit + 1,
    });
    checkUnit(found.unitPath);
    return pageOf(found.rows, q.limit, presentPerson, cursorOf);
  }
  // A name search sorted by name reads its page from the token index, in one statement.
  if (!byNo) {
    const found = await searchByNameToken(ctx.db, {
      q: q.q,
      scope: scopeOf(ctx.principal, 'people:read'),
      orgUnitId: q.orgUnitId,
      status: q.status,
      kind: q.kind,
      after: after && { nameEn: after[0], id: after[1] },
      descending,
      limit: q.limit + 1,
    });
    if (found) {
      checkUnit(found.unitPath);
      return pageOf(found.rows, q.limit, presentPerson, cursorOf);
    }
  }
  // Otherwise (a query with spaces, a one-letter query, or sorted by employee number): match anywhere in the
  // names with the trigram indexes.
  const subtree = q.orgUnitId
    ? (await loadUnit(ctx.db, scopeOf(ctx.principal, 'org:read'), q.orgUnitId, 'read')).path
    : undefined;
  const ids = await unitIds(ctx.db, scopeOf(ctx.principal, 'people:read'), subtree);
  if (ids && !ids.length) return { items: [], nextCursor: null };
  const where: (SQL | undefined)[] = [ids ? inArray(people.orgUnitId, ids) : undefined];
  if (q.status) where.push(eq(people.status, q.status));
  if (q.kind) where.push(eq(people.kind, q.kind));
  const key = byNo ? people.employeeNo : people.nameEn;
  where.push(nameMatch(q.q));
  if (after) {
    const cmp = descending ? lt : gt;
    where.push(or(cmp(key, after[0]), and(eq(key, after[0]), cmp(people.id, after[1]))));
  }
  const dir = descending ? desc : asc;
  // With a name filter, sort the matches rather than walk the whole name index hoping to meet them:
  // `|| ''` keeps the order but hides the key from the btree (bench/README.md has the plans).
  const sortKey = sql`(${key} || '')`;
  const page = ctx.db
    .select(personFields)
    .from(people)
    .where(and(...where))
    .orderBy(dir(sortKey), dir(people.id))
    .limit(q.limit + 1)
    .as('page');
  // Unit names and account ids for the page's rows only.
  const rows = await ctx.db
    .select({
      id: page.id,
      employeeNo: page.employeeNo,
      nameJa: page.nameJa,
      nameEn: page.nameEn,
      email: page.email,
      kind: page.kind,
      status: page.status,
      orgUnitId: page.orgUnitId,
      updatedAt: page.updatedAt,
      orgUnitName: orgUnits.nameEn,
      orgUnitNameJa: orgUnits.nameJa,
      accountId: users.id,
    })
    .from(page)
    .innerJoin(orgUnits, eq(orgUnits.id, page.orgUnitId))
    .leftJoin(users, eq(users.personId, page.id))
    .orderBy(dir(byNo ? page.employeeNo : page.nameEn), dir(page.id));
  return pageOf(rows, q.limit, presentPerson, cursorOf);
}
