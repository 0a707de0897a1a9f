import { z } from 'zod';

export const BACKUP_FORMAT = 'mamori-backup';
/** 2: secret columns encrypted (`encryption`). 1: everything in clear; still restored, with a warning. */
export const BACKUP_VERSION = 2;
export const READABLE_VERSIONS = [1, 2] as const;

const Migration = z.object({ tag: z.string().nullable(), hash: z.string(), createdAt: z.number() });

/** First line of a backup file. Then one line per row: `{ t: table, r: { column: text form | null } }`. */
export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.union([z.literal(1), z.literal(2)]),
  createdAt: z.string(),
  /** The last migration applied to the database that was backed up (null: none). */
  migrations: z.object({ count: z.number().int(), last: Migration.nullable() }),
  /** In the order the rows follow: referenced tables first. */
  tables: z.array(z.object({ name: z.string(), columns: z.array(z.string()), rows: z.number().int().min(0) })),
  /**
   * Version 2: the secret columns (secret-columns.ts) hold sealed values (AES-256-GCM under the backup key of master
   * key `keyId`, bound to `backupId`, table and column). `keys`: every master key the backup needs, this one and the
   * one that MACs the audit chain's head, so a restore refuses at once when one is missing.
   */
  encryption: z
    .object({
      alg: z.literal('AES-256-GCM'),
      keyId: z.string(),
      backupId: z.string(),
      columns: z.record(z.string(), z.array(z.string())),
      keys: z.array(z.string()),
    })
    .optional(),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

export const RowLine = z.object({ t: z.string(), r: z.record(z.string(), z.string().nullable()) });
