import type { IncidentFacts } from '@mamori/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import { covers, scopeOf } from '../../../platform/access/scope';
import { fieldError, invalid } from '../../../platform/errors/app-error';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { applyPersonalDataFacts, assertIncidentAccess } from '../../incidents/service';
import { orgUnits } from '../../org/tables';
import { categoryById } from '../catalog';
import { incidentProcessingActivities, processingActivities } from './tables';

type DataKind = IncidentFacts['dataKinds'][number];
type Entry = Pick<typeof processingActivities.$inferSelect, 'subjectCount' | 'categories' | 'subjectCountries'>;

/**
 * An incident's personal-data facts as its register entries say: personal data involved, the data subjects
 * counted once per entry (an upper bound), the data kinds of their categories, the subjects' countries.
 */
export function factsFromEntries(
  entries: Entry[],
): Pick<IncidentFacts, 'personalData' | 'personCount' | 'dataKinds' | 'countries'> {
  const kinds = new Set<DataKind>();
  for (const e of entries) for (const c of e.categories) kinds.add((categoryById(c)?.incidentKind ?? 'ordinary') as DataKind);
  const counts = entries.map((e) => e.subjectCount);
  return {
    personalData: true,
    personCount: counts.some((c) => c !== null)
      ? Math.min(
          1e9,
          counts.reduce<number>((s, c) => s + (c ?? 0), 0),
        )
      : null,
    dataKinds: [...kinds].sort(),
    countries: [...new Set(entries.flatMap((e) => e.subjectCountries))].sort().slice(0, 60),
  };
}

async function linked(ctx: Ctx, incidentId: string) {
  const rows = await ctx.db
    .select({
      id: processingActivities.id,
      service: processingActivities.service,
      unitPath: processingActivities.unitPath,
      subjectCount: processingActivities.subjectCount,
      categories: processingActivities.categories,
      subjectCountries: processingActivities.subjectCountries,
      nameJa: orgUnits.nameJa,
      nameEn: orgUnits.nameEn,
    })
    .from(incidentProcessingActivities)
    .innerJoin(processingActivities, eq(processingActivities.id, incidentProcessingActivities.activityId))
    .innerJoin(orgUnits, eq(orgUnits.id, processingActivities.unitId))
    .where(eq(incidentProcessingActivities.incidentId, incidentId))
    .orderBy(processingActivities.service);
  return {
    incidentId,
    // entries outside the reader's register scope are counted in the facts but not named
    activities: rows
      .filter((r) => covers(scopeOf(ctx.principal, 'privacy:read'), r.unitPath))
      .map((r) => ({ id: r.id, service: r.service, unitName: { ja: r.nameJa, en: r.nameEn } })),
    facts: factsFromEntries(rows),
  };
}

/** The register entries an incident names, for anyone who may read the case. */
export async function incidentActivities(ctx: Ctx, incidentId: string) {
  await assertIncidentAccess(ctx, incidentId, 'read');
  return linked(ctx, incidentId);
}

/**
 * Names the register entries an incident involves and prefills its facts from them through the incidents service
 * (its clocks follow). The caller manages the case and reads the entries; one transaction.
 */
export async function linkIncidentActivities(ctx: Ctx, incidentId: string, activityIds: string[], expected?: Precondition) {
  await assertIncidentAccess(ctx, incidentId, 'manage');
  const ids = [...new Set(activityIds)];
  const entries = await ctx.db.select().from(processingActivities).where(inArray(processingActivities.id, ids));
  const scope = scopeOf(ctx.principal, 'privacy:read');
  const problems = activityIds
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !entries.some((e) => e.id === id && covers(scope, e.unitPath)))
    .map(({ i }) => fieldError(`body.activityIds.${i}`, 'privacy.activity_unknown'));
  if (problems.length) throw invalid(problems);
  await inTransaction(ctx, async (tx, audit) => {
    await tx.delete(incidentProcessingActivities).where(and(eq(incidentProcessingActivities.incidentId, incidentId)));
    await tx.insert(incidentProcessingActivities).values(ids.map((activityId) => ({ incidentId, activityId })));
    await applyPersonalDataFacts({ ...ctx, db: tx }, incidentId, factsFromEntries(entries), expected);
    await audit({ action: 'privacy.incident.link', targetType: 'incident', targetId: incidentId, after: { activityIds: ids } });
  });
  return linked(ctx, incidentId);
}
