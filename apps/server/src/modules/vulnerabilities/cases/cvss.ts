import cvssLib from 'ae-cvss-calculator';
import { AppError, msg, fieldError } from '../../../platform/errors/app-error';

export type Severity = 'none' | 'low' | 'medium' | 'high' | 'critical';
export interface CvssResult {
  vector: string;
  score: number;
  severity: Severity;
}

/** Qualitative severity, the same bands in CVSS 3.1 (spec §5) and 4.0 (spec §6). */
export function severityOf(score: number): Severity {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

const PREFIX = { '3.1': 'CVSS:3.1/', '4.0': 'CVSS:4.0/' } as const;

/**
 * Validates a vector and computes its score with ae-cvss-calculator (maintained, FIRST-conformant for 3.1 and 4.0).
 * CVSS 3.1: the base score. CVSS 4.0: the score of the metrics given (CVSS-B, -BT, -BE or -BTE).
 * `field` names the input in the error.
 */
export function computeCvss(version: '3.1' | '4.0', vector: string, field: string): CvssResult {
  const fail = (message: string) =>
    new AppError('validation', msg('psirt.cvss_invalid', { version, reason: message }), [
      fieldError(field, 'psirt.cvss_invalid_field', { reason: message }),
    ]);
  if (!vector.startsWith(PREFIX[version])) throw fail(`it must start with ${PREFIX[version]}`);
  const keys = vector
    .slice(PREFIX[version].length)
    .split('/')
    .map((part) => part.split(':')[0]);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup) throw fail(`metric ${dup} appears twice`);
  let parsed;
  try {
    parsed = version === '3.1' ? new cvssLib.Cvss3P1(vector) : new cvssLib.Cvss4P0(vector);
  } catch (e) {
    throw fail((e as Error).message.slice(0, 120).replace(/\.$/, ''));
  }
  if (!parsed.isBaseFullyDefined()) throw fail('every base metric must be given');
  const scores = parsed.calculateScores();
  const score = version === '3.1' ? scores.base : scores.overall;
  if (typeof score !== 'number') throw fail('no score could be computed');
  return { vector, score, severity: severityOf(score) };
}

/** Scores a vector of either version, told by its prefix (the case page's live check, before saving). */
export function scoreVector(vector: string, field: string) {
  const version = (Object.keys(PREFIX) as (keyof typeof PREFIX)[]).find((v) => vector.startsWith(PREFIX[v]));
  if (!version)
    throw new AppError('validation', msg('psirt.cvss_prefix'), [
      { path: field, message: 'it must start with CVSS:3.1/ or CVSS:4.0/' },
    ]);
  return { version, ...computeCvss(version, vector, field) };
}
