import type { Config } from '../config';
import { openDatabase, type Database } from '../db/client';
import { loadKeyring, useKeyring } from '../platform/secrets/keyring';

/**
 * Opens the configured database (PostgreSQL with DATABASE_URL, else PGlite in MAMORI_DATA_DIR),
 * runs `fn` and closes it. On PGlite the data-dir lock refuses to open a directory a server holds:
 * its DataDirBusyError reaches the operator as one line. Installs the configuration's keyring first (platform/secrets).
 */
export async function withDatabase<T>(
  config: Config,
  fn: (database: Database) => Promise<T>,
  opts: { migrate?: boolean } = {},
): Promise<T> {
  useKeyring(loadKeyring(config)); // before the database: a bad key file stops here, one line
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    migrate: opts.migrate ?? true,
    poolSize: 2,
  });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Where the data is, for messages. */
export const describeTarget = (config: Config) =>
  config.databaseUrl ? `PostgreSQL at ${new URL(config.databaseUrl).host}` : `PGlite in ${config.dataDir}`;
