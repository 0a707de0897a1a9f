import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { systems } from '../tables';

export interface SystemProductRow {
  id: string;
  name: string;
  kind: string;
  product: string;
  productVersion: string;
  unitPath: string;
}

/**
 * Active systems (of any kind) whose supplier product is one of the names (case and surrounding spaces aside), for
 * matching suppliers' advisories. No scope: the matcher stores the unit path with each match and the reader's
 * scope applies when matches are read.
 */
export async function systemsByProducts(db: Db, names: string[]): Promise<SystemProductRow[]> {
  const wanted = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))];
  if (!wanted.length) return [];
  return db
    .select({
      id: systems.id,
      name: systems.name,
      kind: systems.kind,
      product: systems.product,
      productVersion: systems.productVersion,
      unitPath: systems.unitPath,
    })
    .from(systems)
    .where(and(eq(systems.status, 'active'), inArray(sql`lower(trim(${systems.product}))`, wanted)));
}

/** Whether a system was added or changed (its product, version or status among others) after `since`. */
export async function systemsChangedSince(db: Db, since: Date): Promise<boolean> {
  const [row] = await db.select({ id: systems.id }).from(systems).where(gt(systems.updatedAt, since)).limit(1);
  return !!row;
}
