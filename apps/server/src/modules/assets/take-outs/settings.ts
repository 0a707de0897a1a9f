import { todayJst } from '@mamori/contracts';
import { z } from 'zod';
import { defineSetting } from '../../../platform/settings/effective';

/** When an overdue take-out is escalated to its approvers: this many days after its last day (per company). */
export const takeOutOverdueSetting = defineSetting(
  'takeOuts.overdue',
  z.object({ escalateAfterDays: z.number().int().min(0).max(90) }).strict(),
  () => ({ escalateAfterDays: 3 }),
);

/** Today in Japan, where the group's take-out periods are written. */
export { todayJst };
