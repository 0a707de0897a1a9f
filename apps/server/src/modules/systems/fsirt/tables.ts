import { sql } from 'drizzle-orm';
import { boolean, check, index, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/tables';
import { versionColumn } from '../../../platform/records/version';
import { incidents } from '../../incidents/tables';
import { systems } from '../tables';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The production impact of an FSIRT case (an incident of type `ot_incident`): the factory system concerned, its
 * production line as it was, whether the line stopped and for how many hours. One row per incident (`id` is the
 * incident's id); kept by the systems domain, the case itself by the incident module.
 */
export const fsirtImpacts = pgTable(
  'fsirt_impacts',
  {
    rowVersion: versionColumn(),
    id: uuid('id')
      .primaryKey()
      .references(() => incidents.id, { onDelete: 'restrict' }),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'restrict' }),
    productionLine: text('production_line').notNull(),
    lineStopped: boolean('line_stopped').notNull(),
    stoppedHours: numeric('stopped_hours', { precision: 7, scale: 2, mode: 'number' }).notNull().default(0),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    index('fsirt_impacts_system_idx').on(t.systemId),
    check('fsirt_impacts_hours_chk', sql`${t.stoppedHours} >= 0 AND (${t.lineStopped} OR ${t.stoppedHours} = 0)`),
  ],
);
