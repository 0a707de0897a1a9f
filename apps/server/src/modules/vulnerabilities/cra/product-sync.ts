import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { AuditInput } from '../../../platform/audit/record';
import type { Audit } from '../../../platform/tx';
import { productCraChanged, type ProductCraChange } from '../../products/service';
import { vulnerabilities, vulnerabilityProducts } from '../tables';
import { syncCraClocks } from './clocks';
import { vulnerabilityCra, vulnerabilityCraClocks } from './tables';

/**
 * A product's CRA attributes changed: the open cases marked under the CRA that name the product get their stages
 * recomputed at once, in the product change's transaction, with the rules of `syncCraClocks` (submitted stages are
 * history and never move; stages of a product that no longer qualifies, not submitted, go). Each such case gets an
 * audit event `vulnerability.cra.product_changed` on its record: the product, the fields before and after, the
 * stages added, moved and dropped.
 *
 * In the transaction rather than a job: only cases marked actively exploited or a severe incident have clocks (a
 * handful per product), the cases naming the product are locked with one statement, and the person who changed the
 * product sees the clocks as they are when the answer comes. Every open case naming the product is locked (not only
 * the marked ones), so a case being marked at the same moment is recomputed after its marking commits.
 */

const CLOSED = ['closed', 'rejected', 'duplicate'] as const;

type ClockRow = typeof vulnerabilityCraClocks.$inferSelect;
const key = (c: ClockRow) => `${c.productId}|${c.ruleId}`;
const brief = (c: ClockRow) => ({ productId: c.productId, ruleId: c.ruleId, dueAt: c.dueAt });

export async function followProductCraChange(tx: Db, audit: Audit, change: ProductCraChange): Promise<void> {
  const open = await tx
    .select({ id: vulnerabilities.id })
    .from(vulnerabilities)
    .innerJoin(
      vulnerabilityProducts,
      and(eq(vulnerabilityProducts.vulnerabilityId, vulnerabilities.id), eq(vulnerabilityProducts.productId, change.productId)),
    )
    .where(notInArray(vulnerabilities.status, [...CLOSED]))
    .orderBy(asc(vulnerabilities.id))
    .for('update', { of: vulnerabilities });
  if (!open.length) return;
  const marked = await tx
    .select()
    .from(vulnerabilityCra)
    .where(
      inArray(
        vulnerabilityCra.vulnerabilityId,
        open.map((c) => c.id),
      ),
    )
    .orderBy(asc(vulnerabilityCra.vulnerabilityId));
  const events: AuditInput[] = [];
  for (const cra of marked) {
    const before = await tx
      .select()
      .from(vulnerabilityCraClocks)
      .where(eq(vulnerabilityCraClocks.vulnerabilityId, cra.vulnerabilityId));
    const after = await syncCraClocks(tx, cra);
    const was = new Map(before.map((c) => [key(c), c]));
    const now = new Set(after.map(key));
    events.push({
      action: 'vulnerability.cra.product_changed',
      targetType: 'vulnerability',
      targetId: cra.vulnerabilityId,
      before: { product: change.code, ...change.before },
      after: {
        product: change.code,
        productId: change.productId,
        ...change.after,
        added: after.filter((c) => !was.has(key(c))).map(brief),
        moved: after.filter((c) => was.has(key(c)) && was.get(key(c))!.dueAt?.getTime() !== c.dueAt?.getTime()).map(brief),
        dropped: before.filter((c) => !now.has(key(c))).map(brief),
      },
    });
  }
  if (events.length) await audit.many(events);
}

productCraChanged.subscribe('vulnerabilities.cra-clocks', followProductCraChange);
