import { z } from 'zod';

export const BACKUP_FORMAT = 'mamori-backup';
export const BACKUP_VERSION = 1;

const Migration = z.object({ tag: z.string().nullable(), hash: z.string(), createdAt: z.number() });

/** First line of a backup file. Then one line per row: `{ t: table, r: { column: text form | null } }`. */
export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  /** The last migration applied to the database that was backed up (null: none). */
  migrations: z.object({ count: z.number().int(), last: Migration.nullable() }),
  /** In the order the rows follow: referenced tables first. */
  tables: z.array(z.object({ name: z.string(), columns: z.array(z.string()), rows: z.number().int().min(0) })),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

export const RowLine = z.object({ t: z.string(), r: z.record(z.string(), z.string().nullable()) });
