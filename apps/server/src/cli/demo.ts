import { demoLoaders, loadDemo } from '../demo/load';
import { allJobs, allSchedules } from '../jobs';
import { startJobRunner } from '../platform/jobs/runner';
import type { Command } from './command';
import { describeTarget, withDatabase } from './db';

/** The job runner's log while the demo's jobs run once: only failures are worth telling (on stderr). */
const quiet = (err: (line: string) => void) =>
  ({
    info() {},
    debug() {},
    warn: (o: unknown, m?: string) => err(`warning: ${m ?? ''} ${JSON.stringify(o)}`),
    error: (o: unknown, m?: string) => err(`error: ${m ?? ''} ${JSON.stringify(o)}`),
  }) as never;

export const demoLoadCommand: Command = {
  words: ['demo', 'load'],
  args: '',
  summary: 'load a fictional manufacturing group (Hoshizora Industries / 星空工業), in Japanese and English',
  options: {},
  async run({ io, config }) {
    const cfg = config();
    const { summary, jobs } = await withDatabase(cfg, async ({ db }) => {
      const summary = await loadDemo(db, demoLoaders, cfg);
      // The recurring jobs run once now, as a running server would at its first start: the demo's reminders,
      // escalations, assignments and its yearly report are there, and the first start (on PGlite's single
      // connection) does not spend its first seconds on them while the newcomer signs in.
      const runner = startJobRunner({
        db,
        config: cfg,
        log: quiet((l) => io.err(l)),
        jobs: allJobs,
        schedules: allSchedules,
        autoStart: false,
      });
      const jobs = await runner.drain();
      await runner.stop();
      return { summary, jobs };
    });
    io.out(`Loaded the demo group into ${describeTarget(cfg)}:`);
    for (const line of summary.lines) io.out(`  ${line}`);
    io.out(`  jobs: ${jobs} run once (reminders, escalations, the yearly report), as at a server's first start`);
    return 0;
  },
};
