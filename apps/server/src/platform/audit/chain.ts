import { createHash, createHmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: jsonb does not keep key order, the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value);
}

export interface ChainedFields {
  seq: bigint;
  at: Date;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  orgPath: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  /** null: an event of the unkeyed chain written before keying (plain SHA-256) */
  keyId: string | null;
}

/**
 * hash(n) = HMAC-SHA-256(audit-chain key, hash(n-1) + "\n" + canonical(event n, with its key id)): editing,
 * inserting or removing any event breaks every later link, and the links cannot be recomputed without the key,
 * which lives outside the database (platform/secrets). Events written before keying (keyId null) keep their
 * plain SHA-256 links, so old chains still verify; verify.ts allows them only before the first keyed event.
 */
export function eventHash(prevHash: string, e: ChainedFields, key: Buffer | undefined): string {
  const fields = {
    seq: e.seq.toString(),
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    orgPath: e.orgPath,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.requestId,
    ip: e.ip,
  };
  if (e.keyId === null) return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
  if (!key) throw new Error(`no key for audit event ${e.seq}`);
  const body = canonicalJson({ ...fields, keyId: e.keyId });
  return createHmac('sha256', key).update(prevHash).update('\n').update(body).digest('hex');
}
