import type { Db } from '../../../db/client';
import { openActionsOf } from './pack';

/**
 * What other domains may read of the management review: the actions it decided, to be carried out in a fiscal year
 * (the plans domain's copy-to-next-year turns the open ones into activities of the next plan draft).
 */
export const openReviewActions = (db: Db, fiscalYear: number) => openActionsOf(db, fiscalYear);
