/** Picking, among the statements captured for one request, those a direct-pg case replays or explains. */
import type { CapturedQuery } from './load';

/** The statements of a people-list request, without the principal's lookup (sessions/tokens and grants). */
export const peopleListSql = (qs: CapturedQuery[]) => {
  const list = qs.filter(
    (q) => /people|person_name_tokens|org_units/i.test(q.text) && !/api_tokens|sessions|role_assignments/i.test(q.text),
  );
  if (!list.some((q) => /from "?people"?/i.test(q.text) && /order by/i.test(q.text)))
    throw new Error(`no people list statement among ${qs.length} captured`);
  return list;
};
export const auditSql = (q: CapturedQuery) => /from "audit_events"/i.test(q.text) && /order by/i.test(q.text);

export function pickSql(queries: CapturedQuery[], test: (q: CapturedQuery) => boolean, what: string): CapturedQuery {
  const found = queries.filter(test);
  if (found.length !== 1) throw new Error(`expected one ${what} statement per request, saw ${found.length}`);
  return found[0]!;
}
