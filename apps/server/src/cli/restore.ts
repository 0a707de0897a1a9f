import { resolve } from 'node:path';
import { readHeader } from '../platform/backup/read';
import { restoreBackup } from '../platform/backup/restore';
import { reportAuditChain } from './audit';
import type { Command } from './command';
import { describeTarget, withDatabase } from './db';

export const restoreCommand: Command = {
  words: ['restore'],
  args: '--in FILE',
  summary: 'restore a backup into a new, empty database (migrations first, all rows in one transaction)',
  options: { in: 'required' },
  async run({ options, io, config }) {
    const cfg = config();
    const file = resolve(options.in!);
    await readHeader(file); // a wrong file is refused before the database is touched
    return withDatabase(cfg, async ({ db }) => {
      const summary = await restoreBackup(db, file);
      const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
      io.out(
        `Restored ${rows} rows of ${summary.tables.length} tables into ${describeTarget(cfg)} (backup of ${summary.header.createdAt})`,
      );
      return (await reportAuditChain(db, io)) ? 0 : 1;
    });
  },
};
