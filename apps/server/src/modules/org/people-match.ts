import type { Db } from '../../db/client';
import { queryStatement, statementBuilder } from '../../db/sql';
import { escapeLike, type Scope } from '../../platform/access/scope';
import { pageRows, personsOf, unitFilter, type ListRow } from './people-sql';
import type { PersonListRow } from './present';

/**
 * The name search the word index does not serve (people-search.ts falls back here): a query of more than four
 * words, or one whose first word starts more than 32 name words (a single letter). It matches
 * anywhere in either name with the trigram indexes (pg_trgm needs three characters; a shorter query, a kanji
 * family name such as 田中, is a prefix match on both names instead, served by the text_pattern_ops
 * indexes), or the exact employee number, then sorts the matches. One statement, prepared once per connection.
 */

export interface Match {
  q: string;
  scope: Scope;
  orgUnitId?: string | undefined;
  status?: string | undefined;
  kind?: string | undefined;
  by: 'name' | 'employeeNo';
  descending: boolean;
  after?: { key: string; id: string } | undefined;
  limit: number;
}

export async function matchPeople(db: Db, s: Match): Promise<{ unitPath: string | null; rows: PersonListRow[] }> {
  const { values, param } = statementBuilder();
  const key = s.by === 'name' ? 'name_en' : 'employee_no';
  const dir = s.descending ? 'DESC' : 'ASC';
  const units = unitFilter(param, s.scope, s.orgUnitId);
  const q = s.q.trim();
  let match: string;
  if ([...q].length < 3) {
    const prefix = param(`${escapeLike(q)}%`);
    const lower = param(`${escapeLike(q.toLowerCase())}%`);
    match = `(p.name_ja LIKE ${prefix} OR lower(p.name_en) LIKE ${lower} OR p.employee_no = ${param(q)})`;
  } else {
    const pattern = param(`%${escapeLike(q)}%`);
    match = `(p.name_en ILIKE ${pattern} OR p.name_ja ILIKE ${pattern} OR p.employee_no = ${param(q)})`;
  }
  const where = [match];
  // A plain IN here (not the hashed test of unitFilter): the matches are few, and a semi-join with the units suits them.
  if (units.restricted) where.push('p.org_unit_id IN (SELECT id FROM units)');
  if (s.status) where.push(`p.status = ${param(s.status)}`);
  if (s.kind) where.push(`p.kind = ${param(s.kind)}`);
  if (s.after) where.push(`(p.${key}, p.id) ${s.descending ? '<' : '>'} (${param(s.after.key)}, ${param(s.after.id)}::uuid)`);
  // `|| ''` hides the key from the btree: sort the matches rather than walk the whole index hoping to meet them.
  const text = `
    WITH ${units.ctes}
    page AS (SELECT p.id AS person_id FROM people p WHERE ${where.join(' AND ')}
              ORDER BY p.${key} || '' ${dir}, p.id ${dir} LIMIT ${Math.trunc(s.limit)})
    ${pageRows(units.unitPath, '0', `p.${key} ${dir}, p.id ${dir}`)}`;
  const rows = await queryStatement<ListRow>(db, { text, values });
  return { unitPath: rows[0]!.unitPath, rows: personsOf(rows) };
}
