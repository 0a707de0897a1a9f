import { loadConfig } from './config';
import { startServer } from './server';

/** Process entry: start, and drain on SIGTERM/SIGINT (in-flight requests finish, then the database closes). */
async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) process.exit(1);
    server.app.log.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        server.app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`mamori: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
