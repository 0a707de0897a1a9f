import type {
  MyPledge,
  Pledge,
  PledgeAudience,
  PledgeBody,
  PledgeRateRow,
  SignPledgeBody,
  UnsignedPerson,
} from '@mamori/contracts';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { covers, scopeOf, scopeSql } from '../../../platform/access/scope';
import { conflict, fieldError, forbidden, msg, notFound } from '../../../platform/errors/app-error';
import { lockName } from '../../../platform/records/lock';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { orgUnits } from '../../org/tables';
import { meOf, requireMe } from '../people';
import { pledgeDocuments, pledgeSignatures } from '../tables';

/** Which pledge a person signs: employees theirs, temporary staff theirs, contractors the partner-staff text. */
export const audienceOf = (kind: string): PledgeAudience =>
  kind === 'temporary' ? 'temporary' : kind === 'contractor' ? 'partner_staff' : 'employee';

const present = (d: typeof pledgeDocuments.$inferSelect): Pledge => ({
  id: d.id,
  audience: d.audience,
  version: d.version,
  titleJa: d.titleJa,
  titleEn: d.titleEn,
  bodyJa: d.bodyJa,
  bodyEn: d.bodyEn,
  publishedAt: d.publishedAt.toISOString(),
});

export async function currentPledge(db: Db, audience: PledgeAudience) {
  const [d] = await db
    .select()
    .from(pledgeDocuments)
    .where(eq(pledgeDocuments.audience, audience))
    .orderBy(desc(pledgeDocuments.version))
    .limit(1);
  return d ?? null;
}

/** Every audience's current text (the offices' page). */
export async function currentPledges(db: Db): Promise<Pledge[]> {
  const rows = await db.select().from(pledgeDocuments).orderBy(desc(pledgeDocuments.version)).limit(1000);
  const seen = new Set<string>();
  return rows.filter((d) => !seen.has(d.audience) && seen.add(d.audience)).map(present);
}

/** My pledge: the current text for my kind of staff and whether my signature is of that version. */
export async function myPledge(ctx: Ctx): Promise<MyPledge> {
  const me = ctx.principal ? await meOf(ctx.db, ctx.principal.userId) : null;
  // an account that is no person of the group has nothing to sign
  if (!me) return { current: null, signed: null, valid: false };
  const doc = await currentPledge(ctx.db, audienceOf(me.kind));
  const [sig] = await ctx.db
    .select()
    .from(pledgeSignatures)
    .where(and(eq(pledgeSignatures.personId, me.personId), eq(pledgeSignatures.audience, audienceOf(me.kind))))
    .orderBy(desc(pledgeSignatures.version))
    .limit(1);
  return {
    current: doc ? present(doc) : null,
    signed: sig ? { version: sig.version, signedName: sig.signedName, signedAt: sig.signedAt.toISOString() } : null,
    valid: !!doc && !!sig && sig.version === doc.version,
  };
}

/** A new version of an audience's text: everyone of that audience is asked to sign again. */
export async function publishPledge(ctx: Ctx, body: PledgeBody): Promise<Pledge> {
  return inTransaction(ctx, async (tx, audit) => {
    await lockName(tx, `pledge:${body.audience}`, 'exclusive');
    const before = await currentPledge(tx, body.audience);
    const [d] = await tx
      .insert(pledgeDocuments)
      .values({ ...body, version: (before?.version ?? 0) + 1, publishedBy: ctx.principal!.userId })
      .returning();
    await audit({
      action: 'training.pledge.publish',
      targetType: 'pledge',
      targetId: d!.id,
      before: before ? { version: before.version } : null,
      after: { audience: body.audience, version: d!.version, titleJa: body.titleJa, titleEn: body.titleEn },
    });
    return present(d!);
  });
}

/**
 * Signs the current pledge with one's typed name. Refused: another audience's text (404), a version that is not the
 * current one (409, naming `version`: the reader must read the new text first), a second signature of the same version.
 */
export async function signPledge(ctx: Ctx, body: SignPledgeBody): Promise<MyPledge> {
  const me = await requireMe(ctx);
  await inTransaction(ctx, async (tx, audit) => {
    const audience = audienceOf(me.kind);
    await lockName(tx, `pledge:${audience}`, 'shared');
    const [doc] = await tx.select().from(pledgeDocuments).where(eq(pledgeDocuments.id, body.pledgeId));
    if (!doc || doc.audience !== audience) throw notFound();
    const current = await currentPledge(tx, audience);
    if (doc.version !== body.version || current!.version !== doc.version)
      throw conflict(msg('training.pledge_outdated', { current: current!.version }), [
        fieldError('body.version', 'training.pledge_outdated', { current: current!.version }),
      ]);
    const [sig] = await tx
      .insert(pledgeSignatures)
      .values({
        personId: me.personId,
        pledgeId: doc.id,
        audience,
        version: doc.version,
        signedName: body.signedName,
        userId: ctx.principal!.userId,
      })
      .onConflictDoNothing()
      .returning({ id: pledgeSignatures.id });
    if (!sig) throw conflict(msg('training.pledge_already_signed'));
    await audit({
      action: 'training.pledge.sign',
      targetType: 'pledge',
      targetId: doc.id,
      orgPath: me.unitPath,
      after: { person: me.personId, version: doc.version, signedName: body.signedName },
    });
  });
  return myPledge(ctx);
}

const VALID = sql`EXISTS (SELECT 1 FROM pledge_signatures s
    WHERE s.person_id = p.id AND s.audience = CASE p.kind WHEN 'temporary' THEN 'temporary' WHEN 'contractor' THEN 'partner_staff' ELSE 'employee' END
      AND s.version = (SELECT max(d.version) FROM pledge_documents d WHERE d.audience = s.audience))`;

async function unitPath(ctx: Ctx, unitId: string | undefined) {
  const scope = scopeOf(ctx.principal, 'training:read');
  if (scope.kind === 'none') throw forbidden();
  if (!unitId) return { scope, path: null as string | null };
  const [u] = await ctx.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!u || !(covers(scope, u.path) || (scope.kind === 'paths' && scope.paths.some((p) => p.startsWith(u.path)))))
    throw notFound();
  return { scope, path: u.path };
}

/** Signed rate per unit in the reader's scope (people counted in the unit they belong to, not its subtree). */
export async function pledgeRates(ctx: Ctx, unitId?: string): Promise<PledgeRateRow[]> {
  const { scope, path } = await unitPath(ctx, unitId);
  const rows = await queryRows<{ id: string; code: string; name_ja: string; name_en: string; people: number; signed: number }>(
    ctx.db,
    sql`SELECT u.id, u.code, u.name_ja, u.name_en, count(*)::int AS people, count(*) FILTER (WHERE ${VALID})::int AS signed
          FROM people p JOIN org_units u ON u.id = p.org_unit_id
         WHERE p.status = 'active' AND ${scopeSql(scope, sql`u.path`)} ${path ? sql`AND u.path LIKE ${path + '%'}` : sql``}
         GROUP BY u.id, u.code, u.name_ja, u.name_en ORDER BY u.code LIMIT 3000`,
  );
  return rows.map((r) => ({
    unit: { id: r.id, code: r.code, name: { ja: r.name_ja, en: r.name_en } },
    people: Number(r.people),
    signed: Number(r.signed),
    rate: Number(r.people) ? Number(r.signed) / Number(r.people) : 0,
  }));
}

/** People in the reader's scope without a signature of their current pledge: the org head's follow-up list. */
export async function unsignedPeople(ctx: Ctx, unitId?: string): Promise<UnsignedPerson[]> {
  const { scope, path } = await unitPath(ctx, unitId);
  const rows = await queryRows<{
    id: string;
    employee_no: string;
    name_ja: string;
    name_en: string;
    unit_ja: string;
    unit_en: string;
    kind: string;
    signed_version: number | null;
  }>(
    ctx.db,
    sql`SELECT p.id, p.employee_no, p.name_ja, p.name_en, u.name_ja AS unit_ja, u.name_en AS unit_en, p.kind,
          (SELECT max(s.version) FROM pledge_signatures s WHERE s.person_id = p.id) AS signed_version
          FROM people p JOIN org_units u ON u.id = p.org_unit_id
         WHERE p.status = 'active' AND ${scopeSql(scope, sql`u.path`)} ${path ? sql`AND u.path LIKE ${path + '%'}` : sql``}
           AND NOT ${VALID}
         ORDER BY u.code, p.employee_no LIMIT 500`,
  );
  return rows.map((r) => ({
    id: r.id,
    employeeNo: r.employee_no,
    name: { ja: r.name_ja, en: r.name_en },
    unit: { ja: r.unit_ja, en: r.unit_en },
    kind: r.kind,
    signedVersion: r.signed_version === null ? null : Number(r.signed_version),
  }));
}

/** Does this person hold a signature of their current pledge? (for other domains, e.g. zones or accounts) */
export async function hasValidPledge(db: Db, personId: string): Promise<boolean> {
  const rows = await queryRows<{ ok: boolean }>(db, sql`SELECT ${VALID} AS ok FROM people p WHERE p.id = ${personId}::uuid`);
  return !!rows[0]?.ok;
}
