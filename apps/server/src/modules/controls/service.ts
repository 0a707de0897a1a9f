import { ANNEX_A_CONTROLS, isAnnexAControlId } from '@mamori/contracts';
import { catalogControl, controlTitle } from './catalog';

/**
 * What other domains may use of the controls domain (risks link their existing controls here; audits and the
 * dashboard read the SoA through functions added here). Other domains never read the controls tables.
 */
export const isControlId = (id: string): boolean => isAnnexAControlId(id);

export const controlIds = (): string[] => ANNEX_A_CONTROLS.map((c) => c.id);

/** A control's title in the reader's language (our own wording, catalogs/iso27001-2022/); the id when unknown. */
export { controlTitle };

/** The catalogue entry of a control (theme, types, C/I/A, title and guidance in ja + en). */
export const controlInfo = catalogControl;

export { approvedSoaEntries } from './soa-read';

/** The group SoA's status for the management review (issue #12). */
export { soaStatusSummary, type SoaStatusSummary } from './soa-summary';
/** Figures for the dashboard and reports, and "needs my attention" (issue #15). */
export { attentionFor, pendingControlStatus, soaStatus, soaStatusEach, type SoaStatusFigures } from './figures';
