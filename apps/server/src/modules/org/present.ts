import type { orgUnits, people } from './tables';

type UnitRow = typeof orgUnits.$inferSelect;

export const presentUnit = (u: UnitRow, childCount: number) => ({
  id: u.id,
  rowVersion: u.rowVersion,
  parentId: u.parentId,
  code: u.code,
  kind: u.kind,
  nameJa: u.nameJa,
  nameEn: u.nameEn,
  depth: u.depth,
  childCount,
});

export const unitAuditView = (u: UnitRow) => ({
  id: u.id,
  rowVersion: u.rowVersion,
  parentId: u.parentId,
  code: u.code,
  kind: u.kind,
  nameJa: u.nameJa,
  nameEn: u.nameEn,
});

type PersonRow = typeof people.$inferSelect;

export const personAuditView = (p: Omit<PersonListRow, 'orgUnitName' | 'orgUnitNameJa' | 'accountId'>) => ({
  id: p.id,
  rowVersion: p.rowVersion,
  employeeNo: p.employeeNo,
  nameJa: p.nameJa,
  nameEn: p.nameEn,
  email: p.email,
  kind: p.kind,
  status: p.status,
  orgUnitId: p.orgUnitId,
});

/** What the people list reads for a row: the person, its unit's names and its account id. */
export type PersonListRow = Pick<
  PersonRow,
  'id' | 'rowVersion' | 'employeeNo' | 'nameJa' | 'nameEn' | 'email' | 'kind' | 'status' | 'orgUnitId'
> & {
  orgUnitName: string;
  orgUnitNameJa: string;
  accountId: string | null;
  /** A Date, or already an ISO 8601 UTC string (the people list's statement formats it in SQL). */
  updatedAt: Date | string;
};

// Written out field by field, not `{ ...personAuditView(p), … }`: a list presents up to 200 of these per
// request, and V8's object spread costs about ten times the literal here (bench/README.md, people list).
export const presentPerson = (p: PersonListRow) => ({
  id: p.id,
  rowVersion: p.rowVersion,
  employeeNo: p.employeeNo,
  nameJa: p.nameJa,
  nameEn: p.nameEn,
  email: p.email,
  kind: p.kind,
  status: p.status,
  orgUnitId: p.orgUnitId,
  orgUnitName: p.orgUnitName,
  orgUnitNameJa: p.orgUnitNameJa,
  accountId: p.accountId,
  updatedAt: typeof p.updatedAt === 'string' ? p.updatedAt : p.updatedAt.toISOString(),
});

/** Ids of a materialized path, root first. */
export const pathIds = (path: string) => path.split('/').filter(Boolean);
