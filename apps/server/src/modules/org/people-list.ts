import type { PersonListQuery } from '@mamori/contracts';
import { z } from 'zod';
import { scopeOf } from '../../platform/access/scope';
import { notFound } from '../../platform/errors/app-error';
import { CursorPart, decodeCursor, pageOf } from '../../platform/http/cursor';
import type { Ctx } from '../../platform/tx';
import { browsePeople } from './people-browse';
import { matchPeople } from './people-match';
import { searchByNameToken } from './people-search';
import { presentPerson } from './present';
import { readableUnit } from './units';

/**
 * People in the principal's people:read scope; `orgUnitId` narrows to that unit's subtree. Keyset-paged.
 * Each case is one hand-written statement, prepared once per connection (docs/architecture.md, "People search"):
 * without a name, people-browse.ts; a name, the word index (people-search.ts); a query it cannot serve,
 * matching anywhere in the names (people-match.ts). Each statement also returns the requested unit's path,
 * so that a unit the reader may not see is a 404 whichever path answered.
 */
export async function listPeople(ctx: Ctx, q: z.infer<typeof PersonListQuery>) {
  const descending = q.sort.startsWith('-');
  const byNo = q.sort.includes('employeeNo');
  const after = q.cursor ? decodeCursor(q.cursor, z.tuple([CursorPart.text(500), CursorPart.uuid])) : undefined;
  const afterKey = after && { key: after[0], id: after[1] };
  const cursorOf = (r: { employeeNo: string; nameEn: string; id: string }) => [byNo ? r.employeeNo : r.nameEn, r.id];
  const common = {
    scope: scopeOf(ctx.principal, 'people:read'),
    orgUnitId: q.orgUnitId,
    status: q.status,
    kind: q.kind,
    descending,
    limit: q.limit + 1,
  };
  const page = (found: { unitPath: string | null; rows: Parameters<typeof presentPerson>[0][] }) => {
    if (q.orgUnitId && !readableUnit(scopeOf(ctx.principal, 'org:read'), found.unitPath)) throw notFound('The org unit');
    return pageOf(found.rows, q.limit, presentPerson, cursorOf);
  };
  if (!q.q) return page(await browsePeople(ctx.db, { ...common, by: byNo ? 'employeeNo' : 'name', after: afterKey }));
  // A name: the word index (people-search.ts); past its limits (people-search.ts says which): people-match.ts.
  const named = { ...common, q: q.q, by: byNo ? ('employeeNo' as const) : ('name' as const), after: afterKey };
  return page((await searchByNameToken(ctx.db, named)) ?? (await matchPeople(ctx.db, named)));
}
