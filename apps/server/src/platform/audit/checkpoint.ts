import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { desc } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { processKeyring, type Keyring } from '../secrets/keyring';
import { canonicalJson } from './chain';
import { auditEvents } from './tables';
import type { ChainHead } from './verify';

/**
 * The chain's head, written where the database cannot rewrite it: one line per checkpoint appended to a file
 * (and POSTed to a webhook when one is configured), each line signed with an HMAC under the audit-checkpoint key.
 * Whoever can rewrite the database cannot cut the chain's tail or rewrite it up to the last checkpoint unnoticed:
 * `mamori audit verify` compares the chain with the latest line.
 */
export const CHECKPOINT_FILE = 'checkpoints.jsonl';

export type CheckpointReason = 'job' | 'verify' | 'restore';

const Line = z.object({
  v: z.literal(1),
  seq: z.string().regex(/^\d+$/),
  hash: z.string(),
  keyId: z.string(),
  at: z.string(),
  reason: z.enum(['job', 'verify', 'restore']),
  mac: z.string(),
});
export type CheckpointLine = z.infer<typeof Line>;

export interface Checkpoint {
  seq: bigint;
  hash: string;
  at: string;
  reason: CheckpointReason;
}

/** A checkpoint file that has been tampered with or damaged: verify reports it as a broken log. */
export class CheckpointError extends Error {}

export const checkpointFile = (config: Pick<Config, 'auditCheckpoint'>) => join(config.auditCheckpoint.dir, CHECKPOINT_FILE);

const macOf = (ring: Keyring, line: Omit<CheckpointLine, 'mac'>) =>
  createHmac('sha256', ring.purposeKey('audit-checkpoint', line.keyId)).update(canonicalJson(line)).digest('hex');

export async function chainHead(db: Db): Promise<ChainHead | undefined> {
  const [row] = await db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return row;
}

/** Every line of the file checked (a forged or edited line is an error); the latest one, if any. */
export async function latestCheckpoint(
  config: Pick<Config, 'auditCheckpoint'>,
  ring: Keyring = processKeyring(),
): Promise<Checkpoint | undefined> {
  const file = checkpointFile(config);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let latest: Checkpoint | undefined;
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    if (!raw.trim()) continue;
    let parsed: CheckpointLine;
    try {
      parsed = Line.parse(JSON.parse(raw));
    } catch {
      // A torn last line (the machine stopped mid-append) is not tampering: every earlier line is whole.
      if (i === lines.length - 1) break;
      throw new CheckpointError(`${file}, line ${i + 1}: not a checkpoint`);
    }
    const { mac, ...rest } = parsed;
    if (!ring.has(rest.keyId))
      throw new CheckpointError(`${file}, line ${i + 1}: signed with key ${rest.keyId}, which this Mamori does not have`);
    const expected = Buffer.from(macOf(ring, rest), 'hex');
    const given = Buffer.from(mac, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new CheckpointError(`${file}, line ${i + 1}: the signature does not match (the line was edited or forged)`);
    latest = { seq: BigInt(rest.seq), hash: rest.hash, at: rest.at, reason: rest.reason };
  }
  return latest;
}

export interface WriteOptions {
  ring?: Keyring;
  /** the head to anchor (a verify passes the head it has just proven); read from the database when absent */
  head?: ChainHead;
  /** a periodic checkpoint is skipped when the head has not moved since the latest line */
  skipIfUnchanged?: boolean;
  log?: { warn(obj: object, msg: string): void };
}

/**
 * Appends the chain's head to the checkpoint file (created 0600 in a 0700 directory, synced to disk), then POSTs the
 * same line to the webhook when configured. Returns the line, or undefined when there was nothing to anchor.
 */
export async function writeCheckpoint(
  db: Db,
  config: Pick<Config, 'auditCheckpoint'>,
  reason: CheckpointReason,
  opts: WriteOptions = {},
): Promise<CheckpointLine | undefined> {
  const ring = opts.ring ?? processKeyring();
  const head = opts.head ?? (await chainHead(db));
  if (!head || head.seq === 0n) return undefined;
  if (opts.skipIfUnchanged) {
    const latest = await latestCheckpoint(config, ring).catch(() => undefined);
    if (latest && latest.seq === head.seq && latest.hash === head.hash) return undefined;
  }
  const body = {
    v: 1 as const,
    seq: head.seq.toString(),
    hash: head.hash,
    keyId: ring.current.id,
    at: new Date().toISOString(),
    reason,
  };
  const line: CheckpointLine = { ...body, mac: macOf(ring, body) };
  await mkdir(config.auditCheckpoint.dir, { recursive: true, mode: 0o700 });
  const handle = await open(checkpointFile(config), 'a', 0o600);
  try {
    await handle.appendFile(`${JSON.stringify(line)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (config.auditCheckpoint.webhook) await postCheckpoint(config.auditCheckpoint.webhook, line, opts.log);
  return line;
}

/** The webhook receives the signed line as JSON; a receiver that keeps them has an append-only copy off this machine. */
async function postCheckpoint(url: string, line: CheckpointLine, log: WriteOptions['log']): Promise<void> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'mamori.audit.checkpoint', ...line }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    // The file holds the checkpoint already; the next one is sent again. A failure is logged, never fatal.
    log?.warn({ err: (err as Error).message, url: new URL(url).origin }, 'audit checkpoint webhook failed');
  }
}
