/**
 * Whether a test file that always runs Mamori on a PGlite data directory of its own (the `mamori` command, a server
 * process on its data dir, a data dir's key file), whatever the suite's database, should skip: on the PostgreSQL
 * suite (TEST_DATABASE_URL) it would repeat the PGlite suite's run exactly, on the two cores both suites share.
 * Says so when it skips.
 */
export function skipOnPostgres(file: string): boolean {
  const skip = !!process.env.TEST_DATABASE_URL;
  if (skip)
    process.stdout.write(`${file} skipped on PostgreSQL: it uses a PGlite data directory of its own, as on the PGlite suite\n`);
  return skip;
}
