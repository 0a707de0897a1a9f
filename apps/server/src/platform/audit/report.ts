import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { processKeyring, type Keyring } from '../secrets/keyring';
import { CheckpointError, checkpointFile, latestCheckpoint, writeCheckpoint } from './checkpoint';
import { verifyAuditChain } from './verify';

export type AuditReport =
  | { ok: true; summary: string }
  | {
      ok: false;
      /** what was found, in full (stdout) */
      summary: string;
      /** one line for stderr */
      reason: string;
    };

/**
 * The whole check behind `mamori audit verify`: the chain's links and MACs, then the chain against the latest
 * checkpoint (a head below it: the tail was cut; another hash at its seq: the log was rewritten). When all holds,
 * the head just proven is anchored as a new checkpoint.
 */
export async function auditReport(
  db: Db,
  config: Pick<Config, 'auditCheckpoint'>,
  ring: Keyring = processKeyring(),
): Promise<AuditReport> {
  let checkpoint;
  try {
    checkpoint = await latestCheckpoint(config, ring);
  } catch (err) {
    if (!(err instanceof CheckpointError)) throw err;
    return {
      ok: false,
      summary: `BROKEN checkpoints: ${err.message}`,
      reason: `the audit checkpoints were altered: ${err.message}`,
    };
  }
  const result = await verifyAuditChain(db, { keyring: ring, ...(checkpoint ? { hashAt: checkpoint.seq } : {}) });
  if (!result.ok)
    return {
      ok: false,
      summary: `BROKEN at event ${result.brokenAt}: ${result.reason}`,
      reason: `the audit log was altered (first broken link: event ${result.brokenAt})`,
    };
  const { head, count } = result;
  if (checkpoint && checkpoint.seq > head.seq)
    return {
      ok: false,
      summary: `BROKEN tail: the checkpoint of ${checkpoint.at} saw event ${checkpoint.seq}, the log now ends at event ${head.seq}`,
      reason: `the audit log was cut: events ${head.seq + 1n}–${checkpoint.seq} are gone (checkpoint of ${checkpoint.at})`,
    };
  if (checkpoint && result.hashAt !== checkpoint.hash)
    return {
      ok: false,
      summary: `BROKEN at event ${checkpoint.seq}: its hash differs from the checkpoint of ${checkpoint.at}`,
      reason: `the audit log was rewritten: event ${checkpoint.seq} differs from the checkpoint of ${checkpoint.at}`,
    };
  const parts = [`OK: ${count} events`];
  if (!checkpoint) parts.push(`no checkpoint yet in ${checkpointFile(config)}, so nothing proves the tail`);
  else {
    parts.push(`proven up to event ${checkpoint.seq} by checkpoint of ${checkpoint.at}`);
    parts.push(`${head.seq - checkpoint.seq} later events not yet anchored`);
  }
  if (result.unkeyed) parts.push(`events 1–${result.unkeyed} predate the keyed chain (plain SHA-256)`);
  if (head.seq > 0n) {
    await writeCheckpoint(db, config, 'verify', { ring, head });
    parts.push(`event ${head.seq} anchored now`);
  }
  return { ok: true, summary: parts.join('; ') };
}
