import type { PartnerTier } from '@mamori/contracts';
import type { z } from 'zod';
import type { PartnerProfile } from '../assessments/catalog';
import type { partners } from '../tables';

type Row = typeof partners.$inferSelect;
type Tier = z.infer<typeof PartnerTier>;

/**
 * The tier follows from what is shared (docs/partners.md):
 * high   — strictly confidential information, or digitized information together with embodiments or sub-contractors;
 * medium — digitized information or embodiments;
 * low    — papers and know-how only.
 */
export function deriveTier(s: {
  strictlyConfidential: boolean;
  digitized: boolean;
  embodiments: boolean;
  usesSubcontractors: boolean;
}): Tier {
  if (s.strictlyConfidential || (s.digitized && (s.embodiments || s.usesSubcontractors))) return 'high';
  if (s.digitized || s.embodiments) return 'medium';
  return 'low';
}

export const tierOf = (r: Row) =>
  deriveTier({
    strictlyConfidential: r.strictlyConfidential,
    digitized: r.sharesDigitized,
    embodiments: r.sharesEmbodiments,
    usesSubcontractors: r.usesSubcontractors,
  });

/** What decides which requirements apply to the partner. */
export const profileOf = (r: Row): PartnerProfile => ({
  digitized: r.sharesDigitized,
  usesSubcontractors: r.usesSubcontractors,
  embodiments: r.sharesEmbodiments,
  papers: r.sharesPapers,
});
