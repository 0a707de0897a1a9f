import { COVERAGE_REQUIRED_FIELDS, type CoverageMapping, type CoverageSource } from '@mamori/contracts';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { fieldError, forbidden, invalid, msg, notFound, type FieldError } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { groupWide } from '../access';
import { coverageSources } from '../tables';

export type SourceRow = typeof coverageSources.$inferSelect;

const present = (r: SourceRow): CoverageSource => ({
  id: r.id,
  rowVersion: r.rowVersion,
  name: r.name,
  kind: r.kind,
  columns: {
    device: r.columns.device ?? null,
    user: r.columns.user ?? null,
    lastSeen: r.columns.lastSeen ?? null,
    agentVersion: r.columns.agentVersion ?? null,
    patternDate: r.columns.patternDate ?? null,
    system: r.columns.system ?? null,
  },
  lastImportAt: r.lastImportAt?.toISOString() ?? null,
});

/** The saved console mappings (group-wide data: every holder of coverage:import reads them). */
export async function listSources(ctx: Ctx): Promise<CoverageSource[]> {
  return (await ctx.db.select().from(coverageSources).orderBy(asc(coverageSources.name))).map(present);
}

export async function loadSource(db: Db, id: string): Promise<SourceRow> {
  const [row] = await db.select().from(coverageSources).where(eq(coverageSources.id, id));
  if (!row) throw notFound();
  return row;
}

/** A mapping names a column for every required field, and its name is free: every failing field named. */
async function checkMapping(tx: Db, body: CoverageMapping, selfId: string | null): Promise<void> {
  const errors: FieldError[] = [];
  for (const field of COVERAGE_REQUIRED_FIELDS)
    if (!body.columns[field]) errors.push(fieldError(`body.columns.${field}`, 'coverage.mapping_missing_field', { field }));
  const [taken] = await tx
    .select({ id: coverageSources.id })
    .from(coverageSources)
    .where(and(eq(coverageSources.name, body.name), selfId ? ne(coverageSources.id, selfId) : undefined));
  if (taken) errors.push(fieldError('body.name', 'coverage.name_taken', { name: body.name }));
  if (errors.length) throw invalid(errors);
}

const mustBeGroupOffice = (ctx: Ctx) => {
  if (!groupWide(ctx, 'coverage:import')) throw forbidden(msg('coverage.group_only'));
};

export function createSource(ctx: Ctx, body: CoverageMapping): Promise<CoverageSource> {
  mustBeGroupOffice(ctx);
  return inTransaction(ctx, async (tx, audit) => {
    await checkMapping(tx, body, null);
    const [row] = await tx.insert(coverageSources).values(body).returning();
    await audit({ action: 'coverage-source.create', targetType: 'coverage-source', targetId: row!.id, after: body });
    return present(row!);
  });
}

export function updateSource(ctx: Ctx, id: string, body: CoverageMapping, expected: Precondition): Promise<CoverageSource> {
  mustBeGroupOffice(ctx);
  return inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(tx, coverageSources, id, () => loadSource(tx, id), expected);
    await checkMapping(tx, body, id);
    const [after] = await tx.update(coverageSources).set(body).where(eq(coverageSources.id, id)).returning();
    await audit({
      action: 'coverage-source.update',
      targetType: 'coverage-source',
      targetId: id,
      before: { name: before.name, kind: before.kind, columns: before.columns },
      after: body,
    });
    return present(after!);
  });
}
