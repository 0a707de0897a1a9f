import { z } from 'zod';
import { defineSetting } from '../../../platform/settings/effective';

/** How many days before an inventory's due date the unit's org heads are reminded (per company). */
export const assetReviewReminderSetting = defineSetting(
  'assetReviews.reminder',
  z.object({ remindDaysBefore: z.number().int().min(0).max(60) }).strict(),
  () => ({ remindDaysBefore: 7 }),
);
