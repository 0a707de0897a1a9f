import type { Action } from '@mamori/contracts';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { covers, scopeOf, type Scope } from '../../platform/access/scope';
import { forbidden, msg, notFound } from '../../platform/errors/app-error';
import type { Ctx } from '../../platform/tx';
import { orgUnits } from '../org/tables';
import { soas, soaVersions } from './tables';

/**
 * Who sees and changes an SoA. An SoA covers its scope's subtree, so a reader sees it when their controls:read
 * scope and the SoA's scope overlap: the group's SoA is read by every site office and org head (it applies to
 * them), a site's SoA by the group office and by the units inside the site. Changing it needs soa:manage (and
 * approving soa:approve) over the whole scope: a site office manages only SoAs of scopes inside its site.
 */
export function overlaps(scope: Scope, path: string): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  return scope.paths.some((p) => path.startsWith(p) || p.startsWith(path));
}

export const soaColumns = {
  soa: soas,
  scopePath: orgUnits.path,
  scopeKind: orgUnits.kind,
  scopeNameJa: orgUnits.nameJa,
  scopeNameEn: orgUnits.nameEn,
};

export type SoaRow = Awaited<ReturnType<typeof selectSoa>>;

async function selectSoa(db: Db, id: string) {
  const [row] = await db
    .select(soaColumns)
    .from(soas)
    .innerJoin(orgUnits, eq(orgUnits.id, soas.scopeUnitId))
    .where(eq(soas.id, id));
  return row;
}

export const scopeOfRow = (row: NonNullable<SoaRow>) => ({
  id: row.soa.scopeUnitId,
  name: { ja: row.scopeNameJa, en: row.scopeNameEn },
  kind: row.scopeKind,
});

/** The SoA, or 404 when it does not exist or the reader may not see it. */
export async function loadSoa(db: Db, ctx: Ctx, id: string) {
  const row = await selectSoa(db, id);
  if (!row || !overlaps(scopeOf(ctx.principal, 'controls:read'), row.scopePath)) throw notFound('The SoA');
  return row;
}

/** The SoA for a change that needs `action` over its whole scope: 404 when unseen, 403 when seen but not theirs. */
export async function loadSoaFor(db: Db, ctx: Ctx, id: string, action: Extract<Action, 'soa:manage' | 'soa:approve'>) {
  const row = await selectSoa(db, id);
  const readable = row && overlaps(scopeOf(ctx.principal, 'controls:read'), row.scopePath);
  if (!row || (!readable && !covers(scopeOf(ctx.principal, action), row.scopePath))) throw notFound('The SoA');
  if (!covers(scopeOf(ctx.principal, action), row.scopePath)) throw forbidden(msg('soa.scope_not_yours', { action }));
  return row;
}

export async function versionByNumber(db: Db, soaId: string, number: number) {
  const [v] = await db
    .select()
    .from(soaVersions)
    .where(and(eq(soaVersions.soaId, soaId), eq(soaVersions.number, number)));
  if (!v) throw notFound('The SoA version');
  return v;
}
