import type { AckRates } from '@mamori/contracts';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../../db/sql';
import { covers, scopeOf, scopeSql, escapeLike, type Scope } from '../../../platform/access/scope';
import { conflict, fieldError, msg, notFound } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { users } from '../../../platform/auth/tables';
import { loadDocument, versionOf, type DocumentRow } from './access';
import { governanceDocumentAcks, governanceDocuments } from './tables';

/**
 * The reader acknowledges the published version they read. Refused (409) when the document asks for none, or when
 * the version is not the published one any more (a newer version was published while they read). The document row
 * is read under a share lock, so a publication waits for the acknowledgement or the acknowledgement sees it.
 */
export async function acknowledge(ctx: Ctx, id: string, number: number) {
  return inTransaction(ctx, async (tx, audit) => {
    await tx.select({ id: governanceDocuments.id }).from(governanceDocuments).where(eq(governanceDocuments.id, id)).for('share');
    const { doc } = await loadDocument(tx, ctx, id);
    if (doc.publishedNumber === null) throw notFound('The document');
    if (!doc.requiresAck) throw conflict(msg('documents.ack_not_required'));
    if (number !== doc.publishedNumber)
      throw conflict(msg('documents.ack_outdated', { version: number, current: doc.publishedNumber }), [
        fieldError('version', 'documents.ack_outdated', { version: number, current: doc.publishedNumber }),
      ]);
    const version = await versionOf(tx, id, number);
    const [me] = await tx.select({ personId: users.personId }).from(users).where(eq(users.id, ctx.principal!.userId));
    const [row] = await tx
      .insert(governanceDocumentAcks)
      .values({ versionId: version.id, userId: ctx.principal!.userId, personId: me?.personId ?? null })
      .onConflictDoNothing()
      .returning();
    if (row)
      await audit({
        action: 'document.acknowledge',
        targetType: 'document',
        targetId: id,
        orgPath: doc.scopePath,
        after: { version: number },
      });
    const [ack] = row
      ? [row]
      : await tx
          .select()
          .from(governanceDocumentAcks)
          .where(and(eq(governanceDocumentAcks.versionId, version.id), eq(governanceDocumentAcks.userId, ctx.principal!.userId)));
    return { version: number, acknowledgedAt: ack!.acknowledgedAt.toISOString() };
  });
}

/** Where the caller may see acknowledgement figures: the offices (documents:manage) and heads of units (people:read). */
function ratesScope(ctx: Ctx): Scope {
  const manage = scopeOf(ctx.principal, 'documents:manage');
  const people = scopeOf(ctx.principal, 'people:read');
  if (manage.kind === 'all' || people.kind === 'all') return { kind: 'all' };
  const paths = [...(manage.kind === 'paths' ? manage.paths : []), ...(people.kind === 'paths' ? people.paths : [])];
  return paths.length ? { kind: 'paths', paths } : { kind: 'none' };
}

/**
 * Who the document's published version is for, as SQL over `people p JOIN users us JOIN org_units u`: active people
 * with an active internal account (only they can read the portal), in the document's scope, holding one of its
 * roles when it names some, and inside the viewer's scope.
 */
function audienceSql(doc: DocumentRow, viewer: Scope): SQL {
  const inDoc = doc.scopePath ? sql`u.path LIKE ${escapeLike(doc.scopePath) + '%'}` : sql`true`;
  const roles = doc.roles.length
    ? sql`EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = us.id AND ra.role = ANY(ARRAY[${sql.join(
        doc.roles.map((r) => sql`${r}`),
        sql`, `,
      )}]::text[]))`
    : sql`true`;
  return sql`p.status = 'active' AND us.status = 'active' AND us.kind = 'internal' AND ${inDoc} AND ${roles} AND ${scopeSql(viewer, sql`u.path`)}`;
}

/** The acknowledgement rate of the published version, per unit (the people's own units), within the viewer's scope. */
export async function ackRates(ctx: Ctx, id: string): Promise<AckRates> {
  const viewer = ratesScope(ctx);
  // a reader without figures in their reach is told nothing exists there (404), as for any record outside a scope
  if (viewer.kind === 'none') throw notFound('The acknowledgement figures');
  const { doc } = await loadDocument(ctx.db, ctx, id);
  if (doc.publishedNumber === null || !doc.requiresAck)
    return { version: doc.publishedNumber, people: 0, acknowledged: 0, rate: null, units: [] };
  const version = await versionOf(ctx.db, id, doc.publishedNumber);
  const rows = await queryRows<{ id: string; name_ja: string; name_en: string; people: number; acknowledged: number }>(
    ctx.db,
    sql`SELECT u.id, u.name_ja, u.name_en, count(*)::int AS people,
      count(a.user_id)::int AS acknowledged
    FROM people p JOIN users us ON us.person_id = p.id JOIN org_units u ON u.id = p.org_unit_id
    LEFT JOIN governance_document_acks a ON a.version_id = ${version.id} AND a.user_id = us.id
    WHERE ${audienceSql(doc, viewer)}
    GROUP BY u.id, u.name_ja, u.name_en, u.path ORDER BY u.path LIMIT 5000`,
  );
  const units = rows.map((r) => ({
    unit: { id: r.id, name: { ja: r.name_ja, en: r.name_en } },
    people: Number(r.people),
    acknowledged: Number(r.acknowledged),
    rate: Number(r.people) ? Number(r.acknowledged) / Number(r.people) : null,
  }));
  const total = units.reduce((n, u) => n + u.people, 0);
  const acked = units.reduce((n, u) => n + u.acknowledged, 0);
  return { version: doc.publishedNumber, people: total, acknowledged: acked, rate: total ? acked / total : null, units };
}

/** The people of one unit who have not acknowledged the published version yet (for the unit's head), at most 500. */
export async function missingAcks(ctx: Ctx, id: string, unitId: string) {
  const viewer = ratesScope(ctx);
  // a reader without figures in their reach is told nothing exists there (404), as for any record outside a scope
  if (viewer.kind === 'none') throw notFound('The acknowledgement figures');
  const { doc } = await loadDocument(ctx.db, ctx, id);
  const [unit] = await ctx.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!unit || !covers(viewer, unit.path)) throw notFound('The unit');
  if (doc.publishedNumber === null || !doc.requiresAck) return { items: [], more: false };
  const version = await versionOf(ctx.db, id, doc.publishedNumber);
  const result = await queryRows<{ id: string; employee_no: string; name_ja: string; name_en: string; email: string | null }>(
    ctx.db,
    sql`SELECT p.id, p.employee_no, p.name_ja, p.name_en, p.email
    FROM people p JOIN users us ON us.person_id = p.id JOIN org_units u ON u.id = p.org_unit_id
    WHERE p.org_unit_id = ${unitId} AND ${audienceSql(doc, viewer)}
      AND NOT EXISTS (SELECT 1 FROM governance_document_acks a WHERE a.version_id = ${version.id} AND a.user_id = us.id)
    ORDER BY p.employee_no LIMIT 501`,
  );
  const items = result.slice(0, 500).map((r) => ({
    personId: r.id,
    employeeNo: r.employee_no,
    name: { ja: r.name_ja, en: r.name_en },
    email: r.email,
  }));
  return { items, more: result.length > 500 };
}
