import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { scopeOf } from '../../../platform/access/scope';
import { conflict, msg } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Ctx } from '../../../platform/tx';
import { loadCase } from '../cases/visibility';
import { vulnerabilities } from '../tables';
import { vulnerabilityCra } from './tables';

type CraRow = typeof vulnerabilityCra.$inferSelect;

/** Locks the case (in the caller's report scope: 404 outside it) and reads its CRA row. */
export async function lockCase(tx: Db, ctx: Ctx, id: string) {
  const scope = scopeOf(ctx.principal, 'vulnerabilities:report');
  await loadForUpdate(tx, vulnerabilities, id, () => loadCase(tx, scope, id));
  const [cra] = await tx.select().from(vulnerabilityCra).where(eq(vulnerabilityCra.vulnerabilityId, id));
  return cra;
}

export const requireMarked = (cra: CraRow | undefined): CraRow => {
  if (!cra) throw conflict(msg('cra.not_marked'));
  return cra;
};
