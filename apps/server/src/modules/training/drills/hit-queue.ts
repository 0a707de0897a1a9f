import type { Db } from '../../../db/client';
import { writeHit, type PendingHit } from './track';

/** Hits waiting for the database at most: a burst of 100,000 (a scanner walking every mail) fits in ~30 MB. */
export const MAX_PENDING = 100_000;
const DELAY_MS = 10;

interface Log {
  error(obj: unknown, msg: string): void;
  warn(obj: unknown, msg: string): void;
}

/**
 * The drill links' hits, written behind the answer: the tracking endpoints answer from memory and the hits are
 * written in order, one statement each (the statement judges a hit against the ones before it), as soon as the
 * database takes them. Each hit carries its own time, so "too soon after delivery" and bursts are judged by when
 * the request came, not when it was written. A hit still waiting when the process is killed is lost (closing the
 * server writes them first); results read through this process wait for its queue first.
 */
export class HitQueue {
  private pending: PendingHit[] = [];
  private draining: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  dropped = 0;

  constructor(
    private readonly db: Db,
    private readonly log?: Log,
  ) {}

  /** Queues a hit; false (and counted) when MAX_PENDING are already waiting. */
  push(hit: PendingHit): boolean {
    if (this.pending.length >= MAX_PENDING) {
      if (this.dropped++ % 1000 === 0) this.log?.warn({ dropped: this.dropped }, 'drill hits dropped: the queue is full');
      return false;
    }
    this.pending.push(hit);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, DELAY_MS);
    return true;
  }

  get size(): number {
    return this.pending.length;
  }

  /** Resolves once every hit queued before the call is written. */
  async flush(): Promise<void> {
    while (this.draining || this.pending.length) {
      this.draining ??= this.drain().finally(() => (this.draining = null));
      await this.draining;
    }
  }

  private async drain(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending;
      this.pending = [];
      for (const hit of batch) {
        try {
          await writeHit(this.db, hit);
        } catch (err) {
          this.log?.error({ err }, 'a drill hit could not be written');
        }
      }
    }
  }
}

const queues = new WeakMap<Db, HitQueue>();

/** The process's queue for a database. */
export function hitQueueOf(db: Db, log?: Log): HitQueue {
  let q = queues.get(db);
  if (!q) queues.set(db, (q = new HitQueue(db, log)));
  return q;
}
