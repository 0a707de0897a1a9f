import { INCIDENT_STATUSES, type IncidentStatus } from '@mamori/contracts';
import { fieldError, type FieldError } from '../../platform/errors/app-error';

/**
 * Moving a case through the steps of 4-2. Forward moves may skip a step that does not apply (a near
 * miss has nobody to notify); a move back, or reopening a closed case, needs a reason. Closing needs
 * the damage contained (not for a near miss), a cause category, and every hard clock met or waived.
 */
export interface TransitionFacts {
  nearMiss: boolean;
  containedAt: Date | null;
  causeCategory: string | null;
  /** hard clocks still running (neither met, waived nor obsolete), named in both languages */
  openHardClocks: { ja: string; en: string }[];
}

const rank = (s: IncidentStatus) => INCIDENT_STATUSES.indexOf(s);

export function transitionProblems(
  from: IncidentStatus,
  to: IncidentStatus,
  f: TransitionFacts,
  reason: string | undefined,
): FieldError[] {
  const problems: FieldError[] = [];
  if (from === to) return problems;
  if (rank(to) < rank(from) && !reason)
    problems.push(fieldError('body.reason', from === 'closed' ? 'incident.reason_to_reopen' : 'incident.reason_to_go_back'));
  if (rank(to) >= rank('prevention') && !f.nearMiss && !f.containedAt)
    problems.push(fieldError('body.containedAt', 'incident.contain_first'));
  if (to === 'closed') {
    if (!f.causeCategory) problems.push(fieldError('body.causeCategory', 'incident.cause_to_close'));
    for (const clock of f.openHardClocks) problems.push(fieldError('deadlines', 'incident.clock_open', { clock }));
  }
  return problems;
}
