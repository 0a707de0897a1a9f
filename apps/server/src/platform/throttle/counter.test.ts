import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { createTestDatabase } from '../../test/db';
import { countHit, purgeThrottle } from './counter';
import { rateLimitHits } from './tables';

describe('database rate-limit counter', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('counts concurrent hits on one key exactly once each', async () => {
    const hits = await Promise.all(Array.from({ length: 20 }, () => countHit(database.db, 'k|192.0.2.1', 3_600_000)));
    expect(hits.map((h) => h.current).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(hits.every((h) => h.ttl > 0 && h.ttl <= 3_600_000)).toBe(true);
  });

  it('starts a new window once the current one has ended', async () => {
    const past = new Date(Date.now() - 60_000);
    await database.db.insert(rateLimitHits).values({ key: 'k|192.0.2.3', windowStart: past, hits: 99, expiresAt: past });
    expect((await countHit(database.db, 'k|192.0.2.3', 60_000)).current).toBe(1);
    expect((await countHit(database.db, 'k|192.0.2.3', 60_000)).current).toBe(2);
  });

  it('the purge job deletes counters whose window has ended', async () => {
    await countHit(database.db, 'other|192.0.2.2', 60_000);
    await purgeThrottle(database.db, 1, new Date(Date.now() + 2 * 86_400_000));
    expect(await database.db.select().from(rateLimitHits)).toEqual([]);
  });
});
