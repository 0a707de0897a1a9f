import { describe, expect, it } from 'vitest';
import { LOOKS_SECRET, NOT_SECRET, SECRET_COLUMNS } from './secret-columns';
import { backupTables } from './tables';

describe('secret columns of a backup', () => {
  it('every column whose name says it holds a secret is encrypted in backups', () => {
    const missing = backupTables().flatMap((t) =>
      t.columns
        .filter(
          (c) => LOOKS_SECRET.test(c.name) && !SECRET_COLUMNS[t.name]?.includes(c.name) && !NOT_SECRET[t.name]?.includes(c.name),
        )
        .map((c) => `${t.name}.${c.name}`),
    );
    expect(missing).toEqual([]);
  });

  it('names only columns that exist', () => {
    const tables = new Map(backupTables().map((t) => [t.name, t.columns.map((c) => c.name)]));
    for (const [table, columns] of Object.entries(SECRET_COLUMNS))
      for (const c of columns) expect(tables.get(table), `${table}.${c}`).toContain(c);
  });
});
