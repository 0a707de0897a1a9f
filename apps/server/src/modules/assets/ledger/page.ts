import type { Asset } from '@mamori/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { ledgerOrder } from './order';

/**
 * A page of the ledger read as plain rows already in the contract's shape: the list is throughput-bound in Node
 * (bench/README.md, session 8), and drizzle's mapping of the nested select (`selectLedger`) checked every field of
 * every row. Dates and times leave PostgreSQL as text in the contract's format, so PGlite and node-postgres answer
 * alike; jsonb and integers arrive as such from both drivers. `unitPath` is kept for the page's keyset cursor.
 */
export type LedgerPageRow = Asset & { unitPath: string };

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const COLUMNS = sql.raw(`a.id::text AS "id", a.row_version AS "rowVersion", a.unit_id::text AS "unitId",
  a.unit_path AS "unitPath", u.code AS "unitCode", u.name_ja AS "unitNameJa", u.name_en AS "unitNameEn",
  a.name AS "name", a.kind AS "kind", a.owner_id::text AS "ownerId", p.name_ja AS "ownerNameJa",
  p.name_en AS "ownerNameEn", a.class_code AS "classCode", a.confidentiality AS "confidentiality",
  a.integrity AS "integrity", a.availability AS "availability", a.location AS "location",
  a.personal_data AS "personalData", a.personal_categories AS "personalCategories", a.retention AS "retention",
  a.disposal AS "disposal", a.original_id::text AS "originalId", a.custom AS "custom", a.status AS "status",
  a.disposed_on::text AS "disposedOn", a.disposed_method AS "disposedMethod",
  (SELECT count(*)::int FROM assets copies_of WHERE copies_of.original_id = a.id) AS "copies",
  to_char(a.created_at AT TIME ZONE 'UTC', ${ISO}) AS "createdAt",
  to_char(a.updated_at AT TIME ZONE 'UTC', ${ISO}) AS "updatedAt"`);

/**
 * The ledger rows of the assets that `ids` selects (a subquery of asset ids with its own order and limit: a range of
 * the ledger, or the walk of a search bigram), in the ledger's order.
 */
export function ledgerRows(db: Db, ids: SQL): Promise<LedgerPageRow[]> {
  return queryRows<LedgerPageRow>(
    db,
    sql`SELECT ${COLUMNS}
          FROM assets a JOIN org_units u ON u.id = a.unit_id JOIN people p ON p.id = a.owner_id
         WHERE a.id IN (${ids})
         ORDER BY a.unit_path, a.name, a.id`,
  );
}

/** The ids of the ledger's rows where `where` holds (conditions on `assets`), in its order, at most `limit`. */
export const ledgerRange = (where: SQL, limit: number): SQL =>
  sql`SELECT "assets"."id" FROM "assets" WHERE ${where} ORDER BY ${sql.join([...ledgerOrder], sql`, `)} LIMIT ${limit}`;

/** A page row as the API answers it (the path only served the cursor). */
export const presentPageRow = ({ unitPath: _path, ...asset }: LedgerPageRow): Asset => asset;
