import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';
import { openDatabase, type Database } from './db/client';
import { allJobs, allSchedules, importKinds } from './jobs';
import { resumeImports } from './platform/imports/staged';
import { startJobRunner, type JobRunner } from './platform/jobs/runner';
import { assertAuditKey } from './platform/audit/record';
import { sealSecretsAtRest } from './platform/secrets/at-rest';
import { loadKeyring, useKeyring } from './platform/secrets/keyring';
import { secretsAtRest } from './secrets-at-rest';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  stop(): Promise<void>;
}

/** Loads the keys, opens the database (applying migrations), starts the job runner and listens. */
export async function startServer(config: Config): Promise<RunningServer> {
  const keyring = useKeyring(loadKeyring(config));
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  let app: FastifyInstance;
  try {
    await assertAuditKey(database.db, keyring); // a process with another key must not extend the chain
    // stored secrets sealed with a key we lack stop the start; those still in clear are sealed now
    const sealed = await sealSecretsAtRest(database.db, keyring, secretsAtRest);
    await resumeImports(database.db, importKinds, { atStart: true }); // an import committed before a crash lands whole
    app = await buildApp({ config, database });
    if (Object.values(sealed).some((n) => n > 0)) app.log.info({ sealed }, 'secrets at rest sealed with the current key');
  } catch (err) {
    await database.close();
    throw err;
  }
  let jobs: JobRunner | undefined;
  if (config.jobs) jobs = startJobRunner({ db: database.db, config, log: app.log, jobs: allJobs, schedules: allSchedules });
  await app.listen({ port: config.port, host: config.host });
  let stopping: Promise<void> | undefined;
  // Draining (SIGTERM): at once, no new connection is accepted and no new job is claimed; the requests in flight
  // and the job running finish; then the database closes. A job cut short would only be retried after its lease.
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all([jobs?.stop(), app.close()]);
      await database.close();
    })());
  return { app, database, stop };
}
