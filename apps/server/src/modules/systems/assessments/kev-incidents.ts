import type { ExploitedIncidents } from '@mamori/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../platform/tx';
import { inScopeSql } from '../access';
import { assessmentFindings } from './tables';

/**
 * The incident board's KEV flag: of the given incidents, those opened from a finding that is known exploited (its CVEs
 * are in the KEV catalogue), among the findings the reader may see (systems:read over the system's unit).
 */
export async function exploitedIncidents(ctx: Ctx, ids: string): Promise<ExploitedIncidents> {
  const wanted = [...new Set(ids.split(',').map((s) => s.toLowerCase()))];
  const rows = await ctx.db
    .selectDistinct({ id: assessmentFindings.incidentId })
    .from(assessmentFindings)
    .where(
      and(
        inArray(assessmentFindings.incidentId, wanted),
        eq(assessmentFindings.knownExploited, true),
        inScopeSql(ctx, 'systems:read', assessmentFindings.unitPath),
      ),
    );
  return { incidentIds: rows.map((r) => r.id).filter((x): x is string => !!x) };
}
