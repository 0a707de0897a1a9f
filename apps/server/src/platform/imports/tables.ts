import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A long import, staged (staged.ts): its rows are written here in short committed chunks, then the batch is
 * committed in one short transaction, then applied chunk by chunk. `staging` batches that stop beating are
 * abandoned (nothing of them was applied); `committed` ones are finished by whoever finds them (the request, or
 * the `imports.resume` job after a crash).
 */
export const importBatches = pgTable(
  'import_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['staging', 'committed', 'done'] })
      .notNull()
      .default('staging'),
    /** the importer (platform/audit Actor): the applied rows' audit events name them, whoever applies */
    actor: jsonb('actor').notNull(),
    rows: integer('rows').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_batches_status_idx').on(t.status, t.heartbeatAt)],
);

export const importBatchRows = pgTable(
  'import_batch_rows',
  {
    batchId: uuid('batch_id')
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    n: integer('n').notNull(),
    data: jsonb('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.n] })],
);
