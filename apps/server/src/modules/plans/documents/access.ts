import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Principal } from '../../../platform/access/principal';
import { covers, effectiveGrants, scopeOf } from '../../../platform/access/scope';
import { forbidden, msg, notFound } from '../../../platform/errors/app-error';
import { users } from '../../../platform/auth/tables';
import type { Ctx } from '../../../platform/tx';
import { orgUnits, people } from '../../org/tables';
import { governanceDocuments, governanceDocumentVersions } from './tables';

export type DocumentRow = typeof governanceDocuments.$inferSelect;

/**
 * Who a published document applies to: people inside its scope unit's subtree (the whole group when it has none)
 * holding one of its roles (any role when it names none). A reader's place is their own unit (as a person) and the
 * units of their role grants; a group-wide grant places them everywhere.
 */
export interface Reader {
  /** every ancestor-or-self path of the reader's units: a document applies when its scope path is one of these */
  paths: string[];
  everywhere: boolean;
  roles: string[];
}

const ancestors = (path: string): string[] => {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
};

export async function readerOf(db: Db, principal: Principal): Promise<Reader> {
  const grants = effectiveGrants(principal);
  const paths = new Set<string>();
  let everywhere = false;
  for (const g of grants) {
    if (g.path === null) everywhere = true;
    else for (const p of ancestors(g.path)) paths.add(p);
  }
  const [own] = await db
    .select({ path: orgUnits.path })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(eq(users.id, principal.userId));
  if (own) for (const p of ancestors(own.path)) paths.add(p);
  return { paths: [...paths], everywhere, roles: [...new Set(grants.map((g) => g.role))] };
}

/** The SQL condition "this document applies to the reader" (documents are only readable once published). */
export function appliesSql(reader: Reader): SQL {
  const where = reader.everywhere
    ? sql`true`
    : reader.paths.length
      ? sql`(${governanceDocuments.scopePath} IS NULL OR ${governanceDocuments.scopePath} IN (${sql.join(
          reader.paths.map((p) => sql`${p}`),
          sql`, `,
        )}))`
      : sql`${governanceDocuments.scopePath} IS NULL`;
  const roles = reader.roles.length
    ? sql`(cardinality(${governanceDocuments.roles}) = 0 OR ${governanceDocuments.roles} && ARRAY[${sql.join(
        reader.roles.map((r) => sql`${r}`),
        sql`, `,
      )}]::text[])`
    : sql`cardinality(${governanceDocuments.roles}) = 0`;
  return and(where, roles)!;
}

export const applies = (reader: Reader, doc: DocumentRow): boolean =>
  (reader.everywhere || doc.scopePath === null || reader.paths.includes(doc.scopePath)) &&
  (doc.roles.length === 0 || doc.roles.some((r) => reader.roles.includes(r)));

/** The office manages a document when its documents:manage scope covers the document's scope (the group: 'all'). */
export const manages = (
  principal: Principal | null,
  doc: Pick<DocumentRow, 'scopePath'>,
  action: 'documents:manage' | 'documents:approve' = 'documents:manage',
) => {
  const scope = scopeOf(principal, action);
  return doc.scopePath === null ? scope.kind === 'all' : covers(scope, doc.scopePath);
};

async function selectDocument(db: Db, id: string) {
  const [row] = await db.select().from(governanceDocuments).where(eq(governanceDocuments.id, id));
  return row;
}

/**
 * The document for reading: managers (documents:manage or :approve over its scope) see it in any state; a reader
 * sees it once published and when it applies to them. 404 otherwise: its existence is not told.
 */
export async function loadDocument(db: Db, ctx: Ctx, id: string) {
  const doc = await selectDocument(db, id);
  if (!doc) throw notFound('The document');
  const canManage = manages(ctx.principal, doc);
  const canApprove = manages(ctx.principal, doc, 'documents:approve');
  if (canManage || canApprove) return { doc, canManage, canApprove };
  if (doc.publishedNumber !== null && applies(await readerOf(db, ctx.principal!), doc)) return { doc, canManage, canApprove };
  throw notFound('The document');
}

/** The document for a change needing `action` over its scope: 404 when unseen, 403 when seen but not theirs. */
export async function loadDocumentFor(db: Db, ctx: Ctx, id: string, action: 'documents:manage' | 'documents:approve') {
  const seen = await loadDocument(db, ctx, id);
  if (!manages(ctx.principal, seen.doc, action)) throw forbidden(msg('documents.scope_not_yours', { action }));
  return seen.doc;
}

export async function versionOf(db: Db, documentId: string, number: number) {
  const [v] = await db
    .select()
    .from(governanceDocumentVersions)
    .where(and(eq(governanceDocumentVersions.documentId, documentId), eq(governanceDocumentVersions.number, number)));
  if (!v) throw notFound('The document version');
  return v;
}
