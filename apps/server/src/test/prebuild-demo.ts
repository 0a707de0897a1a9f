/**
 * Makes the run's demo template (test/demo-template.ts) in a process of its own: started by the global setup
 * (test/run-id.ts) as the run begins, so that the template is ready by the time the workers reach the files that copy
 * it (the sequencer gives them the other files first, vitest.config.ts). Before, the first file to need it made it on
 * its worker while the other worker's demo file waited on the lock: four to five idle minutes per suite in CI.
 * A worker that finds the template missing (this process failed or is still running) waits for the lock or makes it
 * itself, as before; nothing depends on this process succeeding.
 *
 *   node --import tsx apps/server/src/test/prebuild-demo.ts <run id>
 */
import { prepareTemplate } from './db';
import { demoTemplate } from './demo-template';

const runId = process.argv[2];
if (!runId) throw new Error('usage: prebuild-demo.ts <run id>');
const started = Date.now();
await prepareTemplate(demoTemplate(runId));
process.stdout.write(`demo template ${runId} ready in ${Math.round((Date.now() - started) / 1000)} s\n`);
process.exit(0);
