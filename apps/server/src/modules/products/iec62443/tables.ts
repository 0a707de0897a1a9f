import {
  IEC62443_COMPONENT_TYPES,
  IEC62443_PRACTICES,
  IEC62443_STATUSES,
  type Iec62443Link,
  type SlTarget,
} from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/tables';
import { versionColumn } from '../../../platform/records/version';
import { products } from '../tables';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A product's IEC 62443 assessment (docs/iec62443.md): its component type under 4-2 and the target security level
 * per foundational requirement. One per product; its row version is the ETag of the whole assessment (every change
 * of a requirement or a practice bumps it).
 */
export const iec62443Assessments = pgTable(
  'iec62443_assessments',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    componentType: text('component_type', { enum: IEC62443_COMPONENT_TYPES }).notNull(),
    slTarget: jsonb('sl_target').$type<SlTarget>().notNull(),
    note: text('note'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('iec62443_assessments_product_idx').on(t.productId)],
);

/** One 4-2 requirement or enhancement as assessed: status, the reason when not applicable, evidence, owner. */
export const iec62443Requirements = pgTable(
  'iec62443_requirements',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => iec62443Assessments.id, { onDelete: 'cascade' }),
    requirementId: text('requirement_id').notNull(),
    status: text('status', { enum: IEC62443_STATUSES }).notNull(),
    reason: text('reason'),
    evidence: text('evidence'),
    links: jsonb('links')
      .$type<Iec62443Link[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.requirementId] })],
);

/** The 4-1 maturity level (1–4) of one practice for the product, with its evidence and owner. */
export const iec62443Practices = pgTable(
  'iec62443_practices',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => iec62443Assessments.id, { onDelete: 'cascade' }),
    practice: text('practice', { enum: IEC62443_PRACTICES }).notNull(),
    level: integer('level').notNull(),
    evidence: text('evidence'),
    links: jsonb('links')
      .$type<Iec62443Link[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.practice] })],
);
