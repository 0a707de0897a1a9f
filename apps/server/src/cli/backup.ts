import { resolve } from 'node:path';
import { writeBackup } from '../platform/backup/backup';
import type { Command } from './command';
import { describeTarget, withDatabase } from './db';

export const backupCommand: Command = {
  words: ['backup'],
  args: '--out FILE',
  summary: 'write every table to one file (gzip JSON lines), from a consistent snapshot',
  options: { out: 'required' },
  async run({ options, io, config }) {
    const cfg = config();
    const file = resolve(options.out!);
    const summary = await withDatabase(cfg, ({ db }) => writeBackup(db, file));
    const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
    io.out(`Backed up ${describeTarget(cfg)}: ${rows} rows of ${summary.tables.length} tables to ${file}`);
    return 0;
  },
};
