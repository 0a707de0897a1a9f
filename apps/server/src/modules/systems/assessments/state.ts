import { todayJst } from '@mamori/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { assessmentFindings } from './tables';

/** Days before the due date from which an open finding shows as due soon (amber). */
export const DUE_SOON_DAYS = 7;

/** An approved exception not yet expired covers the finding (`today` as a JST day). */
export const acceptedSql = (id: AnyPgColumn = assessmentFindings.id, today = todayJst()): SQL =>
  sql`EXISTS (SELECT 1 FROM assessment_exceptions e WHERE e.finding_id = ${id} AND e.status = 'approved' AND e.expires_on >= ${today}::date)`;

/** Open as the runs tell and not accepted: what the SLA counts. */
export const actionableSql = (today = todayJst()): SQL =>
  sql`(NOT ${assessmentFindings.fixed} AND NOT ${acceptedSql(assessmentFindings.id, today)})`;

export const overdueSql = (today = todayJst()): SQL =>
  sql`(${actionableSql(today)} AND ${assessmentFindings.dueOn} < ${today}::date)`;
