/**
 * Dropping the test databases of a PostgreSQL run without making the test files wait for it.
 *
 * On PostgreSQL 15 every DROP DATABASE forces an immediate checkpoint and waits for it: 3–7 s on a busy machine. A
 * test file that dropped its database in its afterAll kept its worker idle that long, some 190 times per run: most
 * of the PostgreSQL suite's time. Now a file's close starts the drop and goes on; the run's global teardown drops
 * what is left (test/run-id.ts), several at once, so that their checkpoints coalesce.
 */
import pg from 'pg';

const DAY = 86_400_000;

/**
 * Whether a name (after its family's prefix) says it was made more than a day ago: the names of templates and test
 * databases start with their run's creation time in base 36.
 */
export function staleMember(rest: string): boolean {
  const made = parseInt(rest.split(/[-_]/)[0] ?? '', 36);
  return Number.isFinite(made) && Date.now() - made > DAY;
}

/**
 * The name tag of one run's test databases, `mamori_test_<tag>_…`: the run id with `_` for `-`, so that it still
 * starts with the run's creation time (test/run-id.ts; staleMember reads it).
 */
export const runTag = (runId: string): string => runId.toLowerCase().replace(/[^a-z0-9]/g, '_');

/** Starts dropping a test database and returns at once; a failure is left to the run's teardown. */
export function dropTestDatabaseLater(url: string, name: string): void {
  void (async () => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } catch {
      // the run's teardown drops it
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
}

/** Drops every test database of the run tagged `tag`, and those of runs started more than a day ago. */
export async function dropRunDatabases(url: string, tag: string, stale: (rest: string) => boolean): Promise<number> {
  const clients = [1, 2, 3, 4].map(() => new pg.Client({ connectionString: url }));
  await Promise.all(clients.map((c) => c.connect()));
  try {
    const { rows } = await clients[0]!.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'mamori\\_test\\_%'",
    );
    const names = rows
      .map((r) => r.datname)
      .filter((n) => n.startsWith(`mamori_test_${tag}_`) || stale(n.slice('mamori_test_'.length)));
    const queue = [...names];
    // one statement at a time per connection: four connections, so that the drops' checkpoints coalesce
    const drain = async (c: pg.Client) => {
      for (let name = queue.shift(); name; name = queue.shift())
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    };
    await Promise.all(clients.map(drain));
    return names.length;
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}
