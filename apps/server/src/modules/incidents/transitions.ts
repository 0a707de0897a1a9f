import { INCIDENT_STATUSES, type IncidentStatus } from '@mamori/contracts';
import type { FieldError } from '../../platform/errors/app-error';

/**
 * Moving a case through the steps of 4-2. Forward moves may skip a step that does not apply (a near
 * miss has nobody to notify); a move back, or reopening a closed case, needs a reason. Closing needs
 * the damage contained (not for a near miss), a cause category, and every hard clock met or waived.
 */
export interface TransitionFacts {
  nearMiss: boolean;
  containedAt: Date | null;
  causeCategory: string | null;
  /** hard clocks still running (neither met, waived nor obsolete) */
  openHardClocks: string[];
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
    problems.push({
      path: 'body.reason',
      message: from === 'closed' ? 'required to reopen a closed case' : 'required to go back a step',
    });
  if (rank(to) >= rank('prevention') && !f.nearMiss && !f.containedAt)
    problems.push({ path: 'body.containedAt', message: 'the damage must be contained first (set containedAt)' });
  if (to === 'closed') {
    if (!f.causeCategory) problems.push({ path: 'body.causeCategory', message: 'required to close: what caused it' });
    for (const rule of f.openHardClocks)
      problems.push({ path: 'deadlines', message: `${rule} is neither met nor waived with a reason` });
  }
  return problems;
}
