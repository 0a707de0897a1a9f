import type { orgUnits, people } from './tables';

type UnitRow = typeof orgUnits.$inferSelect;

export const presentUnit = (u: UnitRow, childCount: number) => ({
  id: u.id,
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
  parentId: u.parentId,
  code: u.code,
  kind: u.kind,
  nameJa: u.nameJa,
  nameEn: u.nameEn,
});

type PersonRow = typeof people.$inferSelect;

export const personAuditView = (p: PersonRow) => ({
  id: p.id,
  employeeNo: p.employeeNo,
  nameJa: p.nameJa,
  nameEn: p.nameEn,
  email: p.email,
  kind: p.kind,
  status: p.status,
  orgUnitId: p.orgUnitId,
});

export const presentPerson = (p: PersonRow & { orgUnitName: string; orgUnitNameJa: string; accountId: string | null }) => ({
  ...personAuditView(p),
  orgUnitName: p.orgUnitName,
  orgUnitNameJa: p.orgUnitNameJa,
  accountId: p.accountId,
  updatedAt: p.updatedAt.toISOString(),
});

/** Ids of a materialized path, root first. */
export const pathIds = (path: string) => path.split('/').filter(Boolean);
