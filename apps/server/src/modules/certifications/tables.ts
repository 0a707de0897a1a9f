import { CERTIFICATION_AUDIT_KINDS, CERTIFICATION_STANDARDS } from '@mamori/contracts';
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables';
import { versionColumn } from '../../platform/records/version';
import { orgUnits } from '../org/tables';
import { bytea } from '../../db/columns';

const ts = (name: string) => timestamp(name, { withTimezone: true });
/**
 * A certificate or label one company holds (ISO/IEC 27001, TISAX…). Its scope comes from the company unit's
 * current path (a join, as incidents do), so a company moved in the tree takes its certificates along.
 */
export const certifications = pgTable(
  'certifications',
  {
    rowVersion: versionColumn(),
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    standard: text('standard', { enum: CERTIFICATION_STANDARDS }).notNull(),
    edition: text('edition').notNull(),
    assessmentLevel: text('assessment_level').notNull().default(''),
    labels: text('labels')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    registrationNumber: text('registration_number').notNull(),
    certificationBody: text('certification_body').notNull(),
    accreditation: text('accreditation').notNull().default(''),
    firstRegisteredOn: date('first_registered_on'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to').notNull(),
    scopeJa: text('scope_ja').notNull().default(''),
    scopeEn: text('scope_en').notNull().default(''),
    withdrawnAt: ts('withdrawn_at'),
    /** the expiry reminder was sent for this validTo (a new validTo clears it) */
    expiryRemindedAt: ts('expiry_reminded_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('certifications_company_idx').on(t.companyId, t.standard),
    index('certifications_valid_to_idx').on(t.validTo),
    check('certifications_validity_ck', sql`${t.validTo} >= ${t.validFrom}`),
  ],
);

/** The org units a certificate covers (the company's unit or units inside it). */
export const certificationScopeUnits = pgTable(
  'certification_scope_units',
  {
    certificationId: uuid('certification_id')
      .notNull()
      .references(() => certifications.id, { onDelete: 'cascade' }),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.certificationId, t.orgUnitId] }), index('certification_scope_units_unit_idx').on(t.orgUnitId)],
);

/** A surveillance or recertification audit of a certificate, planned or held, with the body's findings. */
export const certificationAudits = pgTable(
  'certification_audits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    certificationId: uuid('certification_id')
      .notNull()
      .references(() => certifications.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: CERTIFICATION_AUDIT_KINDS }).notNull(),
    date: date('date').notNull(),
    heldOn: date('held_on'),
    findings: text('findings').notNull().default(''),
    /** the reminder before this audit was sent */
    remindedAt: ts('reminded_at'),
  },
  (t) => [index('certification_audits_cert_idx').on(t.certificationId, t.date)],
);

/** The certificate file (PDF or a scan), in the database like other modules' files; one per certificate. */
export const certificationFiles = pgTable('certification_files', {
  certificationId: uuid('certification_id')
    .primaryKey()
    .references(() => certifications.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  mediaType: text('media_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  uploadedAt: ts('uploaded_at').notNull().defaultNow(),
});
