import { appliedMigrations, describeMigration } from '../platform/backup/migrations';
import type { Command } from './command';
import { describeTarget, withDatabase } from './db';

export const migrateCommand: Command = {
  words: ['migrate'],
  args: '',
  summary: 'apply the database migrations (the server also applies them at start)',
  options: {},
  async run({ io, config }) {
    const cfg = config();
    const before = await withDatabase(cfg, ({ db }) => appliedMigrations(db), { migrate: false });
    const after = await withDatabase(cfg, ({ db }) => appliedMigrations(db));
    const known = new Set(before.map((m) => m.hash));
    const applied = after.filter((m) => !known.has(m.hash));
    for (const m of applied) io.out(`applied ${describeMigration(m)}`);
    io.out(`OK: ${describeTarget(cfg)} is up to date (${after.length} migrations, ${applied.length} applied now)`);
    return 0;
  },
};
