import { AGREEMENT_COUNTERPARTS, AGREEMENT_ROLES, AGREEMENT_STATUSES, type AgreementDetail } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { versionColumn } from '../../../platform/records/version';
import { products } from '../tables';
import { taraAnalyses } from '../tara/tables';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A cybersecurity interface agreement of one product with a customer programme (or with a supplier): the support
 * period, the rules of sharing, notifying and auditing, and the contacts of both sides (docs/interface-agreements.md).
 */
export const interfaceAgreements = pgTable(
  'interface_agreements',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    taraAnalysisId: uuid('tara_analysis_id').references(() => taraAnalyses.id, { onDelete: 'set null' }),
    programme: text('programme').notNull(),
    counterpartKind: text('counterpart_kind', { enum: AGREEMENT_COUNTERPARTS }).notNull(),
    counterpartName: text('counterpart_name').notNull(),
    status: text('status', { enum: AGREEMENT_STATUSES }).notNull().default('draft'),
    effectiveFrom: date('effective_from'),
    supportUntil: date('support_until'),
    incidentNotificationHours: integer('incident_notification_hours'),
    informationSharing: text('information_sharing'),
    auditRights: text('audit_rights'),
    contacts: jsonb('contacts')
      .$type<AgreementDetail['contacts']>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('interface_agreements_product_idx').on(t.productId)],
);

/** One row of the responsibility matrix: an activity and the RASI roles of each side. */
export const interfaceAgreementActivities = pgTable(
  'interface_agreement_activities',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => interfaceAgreements.id, { onDelete: 'cascade' }),
    activity: text('activity').notNull(),
    position: integer('position').notNull(),
    own: text('own', { enum: AGREEMENT_ROLES }).array().notNull(),
    counterpart: text('counterpart', { enum: AGREEMENT_ROLES }).array().notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.activity] })],
);
