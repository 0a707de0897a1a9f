import type { Asset } from '@mamori/contracts';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { orgUnits, people } from '../../org/tables';
import { assets } from '../tables';

// Every column of the asset but its search text (the name, location and custom values again, lower-cased: often the
// longest column of the row) and its copy level, which no page shows: a 50-row page read and mapped them for nothing.
const { searchText: _searchText, level: _level, ...assetColumns } = getTableColumns(assets);

/** The columns a ledger row is presented from: the asset, its unit and owner names, and its number of copies. */
export const ledgerColumns = {
  asset: assetColumns,
  unitCode: orgUnits.code,
  unitNameJa: orgUnits.nameJa,
  unitNameEn: orgUnits.nameEn,
  ownerNameJa: people.nameJa,
  ownerNameEn: people.nameEn,
  employeeNo: people.employeeNo,
  copies: sql<number>`(SELECT count(*)::int FROM assets copies_of WHERE copies_of.original_id = "assets"."id")`,
};

export const selectLedger = (db: Db) =>
  db
    .select(ledgerColumns)
    .from(assets)
    .innerJoin(orgUnits, eq(orgUnits.id, assets.unitId))
    .innerJoin(people, eq(people.id, assets.ownerId));

export type LedgerRow = Awaited<ReturnType<ReturnType<typeof selectLedger>['where']>>[number];

/** One ledger row for the API (field by field: it runs per row of a page). */
export function presentAsset(r: LedgerRow): Asset {
  const a = r.asset;
  return {
    id: a.id,
    rowVersion: a.rowVersion,
    unitId: a.unitId,
    unitCode: r.unitCode,
    unitNameJa: r.unitNameJa,
    unitNameEn: r.unitNameEn,
    name: a.name,
    kind: a.kind,
    ownerId: a.ownerId,
    ownerNameJa: r.ownerNameJa,
    ownerNameEn: r.ownerNameEn,
    classCode: a.classCode,
    confidentiality: a.confidentiality,
    integrity: a.integrity,
    availability: a.availability,
    location: a.location,
    personalData: a.personalData,
    personalCategories: a.personalCategories,
    retention: a.retention,
    disposal: a.disposal,
    originalId: a.originalId,
    custom: a.custom,
    status: a.status,
    disposedOn: a.disposedOn,
    disposedMethod: a.disposedMethod,
    copies: Number(r.copies),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** What an audit event keeps of an asset (before / after). */
export const assetAuditView = (a: LedgerRow['asset']) => ({
  unitId: a.unitId,
  name: a.name,
  kind: a.kind,
  ownerId: a.ownerId,
  classCode: a.classCode,
  confidentiality: a.confidentiality,
  integrity: a.integrity,
  availability: a.availability,
  location: a.location,
  personalData: a.personalData,
  personalCategories: a.personalCategories,
  retention: a.retention,
  disposal: a.disposal,
  originalId: a.originalId,
  custom: a.custom,
  status: a.status,
  disposedOn: a.disposedOn,
  disposedMethod: a.disposedMethod,
});
