import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { incidents } from '../tables';

/**
 * When each case first met the holding's sharing rule and its CSIRT was told (issue #22). The board itself is a
 * projection of the cases; this row only makes the announcement happen once per case, and says since when.
 */
export const groupIncidentShares = pgTable('group_incident_shares', {
  incidentId: uuid('incident_id')
    .primaryKey()
    .references(() => incidents.id, { onDelete: 'restrict' }),
  sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow(),
  /** why it was shared at that moment (severity, personal_data, ransomware, named_type, regulatory_report_due) */
  reasons: text('reasons').array().notNull(),
});
