import { demoLoaders, loadDemo } from '../demo/load';
import type { Command } from './command';
import { describeTarget, withDatabase } from './db';

export const demoLoadCommand: Command = {
  words: ['demo', 'load'],
  args: '',
  summary: 'load a fictional manufacturing group (Hoshizora Industries / 星空工業), in Japanese and English',
  options: {},
  async run({ io, config }) {
    const cfg = config();
    const summary = await withDatabase(cfg, ({ db }) => loadDemo(db, demoLoaders, cfg));
    io.out(`Loaded the demo group into ${describeTarget(cfg)}:`);
    for (const line of summary.lines) io.out(`  ${line}`);
    return 0;
  },
};
