import { sql, type SQL } from 'drizzle-orm';

/**
 * What other domains may use of the org domain beyond its tables' ids (campaigns that roll up by site: inventories,
 * control-status requests, and later plans and audits).
 */

/**
 * The site a unit belongs to, as a SQL expression on the unit's materialized path (`/root/…/self/`): the deepest
 * unit of kind `site` among the ids of the path, found by primary key; null for a unit above every site.
 */
export const siteOfPathSql = (path: SQL): SQL => sql`(SELECT s.id FROM org_units s
  WHERE s.id = ANY (string_to_array(trim(both '/' from ${path}), '/')::uuid[]) AND s.kind = 'site'
  ORDER BY s.depth DESC LIMIT 1)`;
