import { ANNEX_A_CONTROLS, isAnnexAControlId } from '@mamori/contracts';

/**
 * What other domains may use of the controls domain (risks link their existing controls here; audits and the
 * dashboard read the SoA through functions added here). Other domains never read the controls tables.
 */
export const isControlId = (id: string): boolean => isAnnexAControlId(id);

export const controlIds = (): string[] => ANNEX_A_CONTROLS.map((c) => c.id);
