import {
  IEC62443_FRS,
  type Iec62443ComponentType,
  type Iec62443Status,
  type SlCapability,
  type SlTarget,
} from '@mamori/contracts';
import { requirementsOf, type Requirement } from './catalog';

/** A requirement counts towards a level when it is met, or ruled not applicable (with its reason). */
const fulfils = (s: Iec62443Status | undefined) => s === 'met' || s === 'not_applicable';

/**
 * The capability security level (SL-C) reached per foundational requirement: the highest level L such that every
 * requirement and enhancement of that FR the component type has, from SL 1 up to L, is fulfilled. Partly met, not
 * met and not assessed hold the level below them. 0 when SL 1 itself is not reached.
 */
export function capability(type: Iec62443ComponentType, statuses: ReadonlyMap<string, Iec62443Status>): SlCapability {
  const lowestGap = new Map<number, number>();
  for (const r of requirementsOf(type))
    if (!fulfils(statuses.get(r.id))) lowestGap.set(r.fr, Math.min(lowestGap.get(r.fr) ?? 5, r.sl));
  const out = {} as SlCapability;
  IEC62443_FRS.forEach((k, i) => (out[k] = (lowestGap.get(i + 1) ?? 5) - 1));
  return out;
}

export const frKey = (fr: number) => IEC62443_FRS[fr - 1]!;

/** Within the target: the component type has it and its level is at or below the FR's SL-T. */
export const inTarget = (r: Requirement, target: SlTarget) => r.sl <= target[frKey(r.fr)];

export interface Counts {
  inTarget: number;
  met: number;
  partly: number;
  notMet: number;
  notApplicable: number;
  open: number;
}
const empty = (): Counts => ({ inTarget: 0, met: 0, partly: 0, notMet: 0, notApplicable: 0, open: 0 });
const field = { met: 'met', partly: 'partly', not_met: 'notMet', not_applicable: 'notApplicable' } as const;

/** The requirements within the target, by status: overall and per FR (1–7). */
export function counts(type: Iec62443ComponentType, target: SlTarget, statuses: ReadonlyMap<string, Iec62443Status>) {
  const total = empty();
  const byFr = [1, 2, 3, 4, 5, 6, 7].map(() => empty());
  for (const r of requirementsOf(type)) {
    if (!inTarget(r, target)) continue;
    const s = statuses.get(r.id);
    for (const c of [total, byFr[r.fr - 1]!]) {
      c.inTarget++;
      c[s ? field[s] : 'open']++;
    }
  }
  return { total, byFr };
}
