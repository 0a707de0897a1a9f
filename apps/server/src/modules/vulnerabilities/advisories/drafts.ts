import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { advisories, advisoryDrafts } from '../tables';

/**
 * The draft of a case's advisory (one per case): texts in ja and en that the publishing form starts from, and the
 * CRA stage it answers. Publishing goes through the normal flow (advisories.ts, CSAF validated); it links the draft
 * to the advisory published.
 */

export interface AdvisoryDraftTexts {
  titleJa: string;
  titleEn: string;
  summaryJa: string;
  summaryEn: string;
}

type Row = typeof advisoryDrafts.$inferSelect;

export async function advisoryDraftOf(db: Db, vulnerabilityId: string): Promise<Row | undefined> {
  const [row] = await db.select().from(advisoryDrafts).where(eq(advisoryDrafts.vulnerabilityId, vulnerabilityId));
  return row;
}

/** Stores the draft of the case's advisory (the caller holds the case's lock and checked there is none). */
export async function createAdvisoryDraft(
  tx: Db,
  vulnerabilityId: string,
  texts: AdvisoryDraftTexts,
  craRuleId: string | null,
  userId: string | null,
): Promise<Row> {
  const [existing] = await tx
    .select({ id: advisories.id })
    .from(advisories)
    .where(eq(advisories.vulnerabilityId, vulnerabilityId));
  const [row] = await tx
    .insert(advisoryDrafts)
    .values({ vulnerabilityId, ...texts, craRuleId, createdBy: userId, advisoryId: existing?.id ?? null })
    .returning();
  return row!;
}

/** After publishing: the draft names the advisory it became. */
export async function linkAdvisoryDraft(tx: Db, vulnerabilityId: string, advisoryId: string) {
  await tx.update(advisoryDrafts).set({ advisoryId }).where(eq(advisoryDrafts.vulnerabilityId, vulnerabilityId));
}

export const presentAdvisoryDraft = (d: Row | undefined) =>
  d
    ? {
        titleJa: d.titleJa,
        titleEn: d.titleEn,
        summaryJa: d.summaryJa,
        summaryEn: d.summaryEn,
        craRuleId: d.craRuleId,
        advisoryId: d.advisoryId,
        createdAt: d.createdAt.toISOString(),
      }
    : null;
