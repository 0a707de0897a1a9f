import { resolve } from 'node:path';
import { writeCheckpoint } from '../platform/audit/checkpoint';
import { verifyAuditChain } from '../platform/audit/verify';
import { readHeader } from '../platform/backup/read';
import { restoreBackup } from '../platform/backup/restore';
import { loadKeyring, useKeyring } from '../platform/secrets/keyring';
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
    // A wrong file, or one whose key this installation lacks, is refused before the database is touched.
    useKeyring(loadKeyring(cfg));
    const header = await readHeader(file);
    return withDatabase(cfg, async ({ db }) => {
      if (header.version < 2)
        io.err(
          `mamori: warning: ${file} is an old backup (format ${header.version}) with its secrets (TOTP seeds, the PSIRT key, activation links) in clear: restoring it, then delete it and make a new backup`,
        );
      const summary = await restoreBackup(db, file);
      const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
      io.out(
        `Restored ${rows} rows of ${summary.tables.length} tables into ${describeTarget(cfg)} (backup of ${summary.header.createdAt})`,
      );
      const chain = await verifyAuditChain(db);
      if (!chain.ok) {
        io.out(`BROKEN at event ${chain.brokenAt}: ${chain.reason}`);
        io.err(`mamori: the restored audit log was altered (first broken link: event ${chain.brokenAt})`);
        return 1;
      }
      // The restored head is the new starting point: checkpoints of events after the backup no longer apply.
      await writeCheckpoint(db, cfg, 'restore', { head: chain.head });
      io.out(`OK: ${chain.count} events, chain intact; event ${chain.head.seq} anchored as the restored head`);
      return 0;
    });
  },
};
