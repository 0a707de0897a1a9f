import type { AttentionItem } from '@mamori/contracts';
import { and, asc, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Principal } from '../../../platform/access/principal';
import { scopeOf } from '../../../platform/access/scope';
import { productsByIds } from '../../products/service';
import { caseScopeSql } from '../cases/visibility';
import { vulnerabilities } from '../tables';
import { stageTitle } from './clocks';
import { vulnerabilityCraClocks } from './tables';

/** A stage shows in "needs my attention" from this long before it is due, and stays while overdue. */
export const CRA_ATTENTION_AHEAD_MS = 24 * 3_600_000;

/**
 * "Needs my attention" for the PSIRT (vulnerabilities:report): CRA stages not submitted that are overdue or due
 * within 24 hours, on cases in the person's scope, due first.
 */
export async function craStagesDueFor(db: Db, principal: Principal, limit: number): Promise<AttentionItem[]> {
  const scope = scopeOf(principal, 'vulnerabilities:report');
  if (scope.kind === 'none') return [];
  const now = new Date();
  const rows = await db
    .select({
      vulnerabilityId: vulnerabilityCraClocks.vulnerabilityId,
      clockId: vulnerabilityCraClocks.id,
      productId: vulnerabilityCraClocks.productId,
      ruleId: vulnerabilityCraClocks.ruleId,
      dueAt: vulnerabilityCraClocks.dueAt,
      number: vulnerabilities.number,
      title: vulnerabilities.title,
    })
    .from(vulnerabilityCraClocks)
    .innerJoin(vulnerabilities, eq(vulnerabilities.id, vulnerabilityCraClocks.vulnerabilityId))
    .where(
      and(
        isNull(vulnerabilityCraClocks.submittedAt),
        isNotNull(vulnerabilityCraClocks.dueAt),
        lte(vulnerabilityCraClocks.dueAt, new Date(now.getTime() + CRA_ATTENTION_AHEAD_MS)),
        caseScopeSql(scope),
      ),
    )
    .orderBy(asc(vulnerabilityCraClocks.dueAt), asc(vulnerabilityCraClocks.id))
    .limit(limit);
  const lang = principal.language === 'ja' ? 'ja' : 'en';
  const codes = new Map(
    (await productsByIds(db, [...new Set(rows.flatMap((r) => (r.productId ? [r.productId] : [])))])).map((p) => [p.id, p.code]),
  );
  return rows.map((r) => ({
    domain: 'vulnerabilities',
    kind: 'craReportDue',
    id: `${r.vulnerabilityId}:${r.clockId}`,
    title: `#${r.number} ${r.title} — ${stageTitle(r.ruleId)[lang]}${r.productId ? ` (${codes.get(r.productId) ?? ''})` : ''}`,
    dueAt: r.dueAt!.toISOString(),
    overdue: r.dueAt! <= now,
    href: `/vulnerabilities/${r.vulnerabilityId}`,
  }));
}
