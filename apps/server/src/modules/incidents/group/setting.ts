import { GroupIncidentSharing } from '@mamori/contracts';
import { defineSetting } from '../../../platform/settings/effective';

/**
 * The holding's rule for what its CSIRT sees of the companies' incidents (issue #22): the group's value only — a
 * company cannot narrow what it shares upward, so the board reads the group scope, never a company's.
 * By default: high and critical incidents, every incident touching personal data, ransomware, and any case with
 * a regulatory report clock running.
 */
export const groupIncidentSharingSetting = defineSetting('incidents.groupSharing', GroupIncidentSharing, () => ({
  minSeverity: 'high' as const,
  personalData: true,
  typeIds: ['ransomware'],
  regulatoryReportDue: true,
}));
