import { asc, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orgUnits } from './tables';

/**
 * The name the public pages (sign-in, advisories, the vulnerability report form) show above their card: the top
 * company of the org tree (the oldest root unit of kind company, else the oldest root), or null before one exists.
 * It is what the group publishes about itself anyway; nothing else of the tree is told.
 */
export async function publicOrganisationName(db: Db): Promise<{ ja: string; en: string } | null> {
  const [root] = await db
    .select({ nameJa: orgUnits.nameJa, nameEn: orgUnits.nameEn })
    .from(orgUnits)
    .where(isNull(orgUnits.parentId))
    .orderBy(sql`(${orgUnits.kind} <> 'company')`, asc(orgUnits.createdAt))
    .limit(1);
  return root ? { ja: root.nameJa || root.nameEn, en: root.nameEn || root.nameJa } : null;
}
