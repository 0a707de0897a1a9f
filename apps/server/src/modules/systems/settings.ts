import { z } from 'zod';
import { fieldError } from '../../platform/errors/app-error';
import { registerCompanySetting } from '../../platform/settings/company';
import { defineSetting } from '../../platform/settings/effective';

/**
 * Coverage rules (setting `systems.coverage`, per company, stricter only): an EDR pattern file older than
 * `patternMaxAgeDays` is a gap, and so is a device no console has seen for `notSeenDays`.
 */
export const coverageSetting = defineSetting(
  'systems.coverage',
  z
    .object({
      patternMaxAgeDays: z.number().int().min(1).max(90),
      notSeenDays: z.number().int().min(1).max(365),
    })
    .strict(),
  () => ({ patternMaxAgeDays: 7, notSeenDays: 30 }),
);
registerCompanySetting({
  setting: coverageSetting,
  title: { ja: '端末の保護状況の基準', en: 'Device coverage rules' },
  stricter: (inherited, own) => [
    ...(own.patternMaxAgeDays > inherited.patternMaxAgeDays
      ? [fieldError('patternMaxAgeDays', 'validation.too_big', { maximum: inherited.patternMaxAgeDays })]
      : []),
    ...(own.notSeenDays > inherited.notSeenDays
      ? [fieldError('notSeenDays', 'validation.too_big', { maximum: inherited.notSeenDays })]
      : []),
  ],
});

/**
 * Who may approve a pre-use review for which class (setting `systems.reviews`): a reviewer whose
 * service-reviews:decide scope is not the whole group (a site office, a company's office) approves up to the class
 * of rank `subtreeMaxRank`; above it, only the group's security office.
 */
export const reviewSetting = defineSetting(
  'systems.reviews',
  z.object({ subtreeMaxRank: z.number().int().min(0).max(20), reReviewMonths: z.number().int().min(1).max(60) }).strict(),
  () => ({ subtreeMaxRank: 2, reReviewMonths: 12 }),
);

const slaDays = z.number().int().min(1).max(365);
/**
 * Remediation SLA of assessment findings (setting `systems.assessmentSla`, per company, stricter only): days from
 * the day a finding opens (or reopens) to its due date, per severity. A more severe finding never has more days
 * than a less severe one (400 naming the field).
 */
export const assessmentSlaSetting = defineSetting(
  'systems.assessmentSla',
  z
    .object({ critical: slaDays, high: slaDays, medium: slaDays, low: slaDays })
    .strict()
    .superRefine((v, issue) => {
      const order = ['critical', 'high', 'medium', 'low'] as const;
      for (let i = 1; i < order.length; i++)
        if (v[order[i]!] < v[order[i - 1]!])
          issue.addIssue({
            code: 'custom',
            path: [order[i]!],
            message: `must be at least the ${order[i - 1]} days (${v[order[i - 1]!]})`,
            params: { code: 'validation.too_small', values: { minimum: v[order[i - 1]!] } },
          });
    }),
  () => ({ critical: 15, high: 30, medium: 90, low: 180 }),
);
registerCompanySetting({
  setting: assessmentSlaSetting,
  title: { ja: '脆弱性診断の是正期限（日数）', en: 'Vulnerability remediation deadlines (days)' },
  stricter: (inherited, own) =>
    (['critical', 'high', 'medium', 'low'] as const)
      .filter((k) => own[k] > inherited[k])
      .map((k) => fieldError(k, 'validation.too_big', { maximum: inherited[k] })),
});
