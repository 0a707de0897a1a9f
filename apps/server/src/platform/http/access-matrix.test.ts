import { ACTIONS, EXTERNAL_ROLES, ROLE_ACTIONS, ROLES, type Action, type Role } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partners } from '../../modules/partners/tables';
import { scopeOf } from '../access/scope';
import { loadPrincipal } from '../auth/principal-loader';
import { as, createTestApp, createUser, type TestApp, type TestUser } from '../../test/app';

/**
 * Every /api route, called by every role (granted group-wide) and by nobody: a role whose actions do not
 * include the route's action gets 403, one that does never does; an anonymous caller gets 401 from every
 * non-public route. Bodies are empty, so an allowed call ends in validation or not-found — the point is
 * who gets past the door, checked for all routes at once, including the ones added later.
 */
let t: TestApp;
const users = new Map<string, TestUser>();
const ZERO = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  // A partner role counts only on a partner account, which belongs to a partner company.
  const [company] = await t.database.db
    .insert(partners)
    .values({ nameJa: '試験取引先', nameEn: 'Matrix Partner', country: 'JP', tier: 'low' })
    .returning({ id: partners.id });
  for (const role of ROLES) {
    const external = EXTERNAL_ROLES.includes(role);
    users.set(role, await createUser(t.database, [{ role }], external ? { partnerId: company!.id } : {}));
  }
});
afterAll(() => t.close());

const concrete = (url: string) => url.replace(/:(\w+)/g, ZERO);

/** The refused roles a route is called by: the internal and the external one holding the most actions. */
function strongestRefused(action: Action): Role[] {
  const refused = ROLES.filter((r) => !ROLE_ACTIONS[r].includes(action));
  const most = (roles: Role[]) => roles.sort((a, b) => ROLE_ACTIONS[b].length - ROLE_ACTIONS[a].length)[0];
  return [
    most(refused.filter((r) => !EXTERNAL_ROLES.includes(r))),
    most(refused.filter((r) => EXTERNAL_ROLES.includes(r))),
  ].filter((r): r is Role => r !== undefined);
}

describe('access matrix', () => {
  /**
   * The door is one check for every route (platform/http/security.ts: the principal's scope for the route's declared
   * action). That check is proven role by role and action by action on the principals themselves (next test); here
   * every route is called by every role allowed through it (its handler must not refuse one of them) and by the
   * strongest roles refused, internal and external (the route is gated on its action). Until session 14 every route
   * was called by all thirteen roles: 7,000 requests that repeated the same check, and the slowest file of the suite
   * with the every-route fuzz.
   */
  it('lets each role through exactly the routes of its actions', async () => {
    const routes = t.app.declaredRoutes.filter((r) => 'action' in r.access);
    expect(routes.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const route of routes) {
      const action = (route.access as { action: Action }).action;
      const allowed = ROLES.filter((r) => ROLE_ACTIONS[r].includes(action));
      for (const role of [...allowed, ...strongestRefused(action)]) {
        const client = as(t.app, users.get(role)!);
        const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete' | 'put';
        const res =
          method === 'get' || method === 'delete'
            ? await client[method](concrete(route.url))
            : await client[method](concrete(route.url), {});
        const refused = res.statusCode === 403 && (res.json() as { type: string }).type === '/problems/forbidden';
        if (allowed.includes(role) === refused || res.statusCode >= 500)
          wrong.push(`${role} ${route.method} ${route.url} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000); // every route × the roles allowed through it, one request each: grows with the API

  it("gives each role's account exactly that role's actions at the door", async () => {
    const wrong: string[] = [];
    for (const role of ROLES) {
      const principal = await loadPrincipal(t.database.db, users.get(role)!.id, 'token', null);
      for (const action of ACTIONS) {
        const passes = scopeOf(principal, action).kind !== 'none';
        if (passes !== ROLE_ACTIONS[role].includes(action)) wrong.push(`${role} ${action}: ${passes ? 'passes' : 'refused'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('matches the reviewed permission table in docs/permissions.md (regenerate with vitest -u after a deliberate change)', async () => {
    const short: Record<string, string> = {
      system_admin: 'admin',
      site_security_office: 'site office',
      security_office: 'office',
    };
    const header = `| route | access | ${ROLES.map((r) => short[r] ?? r.replace(/_/g, ' ')).join(' | ')} |`;
    const lines = [...t.app.declaredRoutes]
      .sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method))
      .map((r) => {
        const access = 'action' in r.access ? r.access.action : r.access.auth;
        const cells = ROLES.map((role) =>
          'action' in r.access
            ? ROLE_ACTIONS[role].includes(r.access.action)
              ? '✓'
              : ''
            : r.access.auth === 'public'
              ? '✓'
              : '✓',
        );
        return `| \`${r.method} ${r.url}\` | ${access} | ${cells.join(' | ')} |`;
      });
    const md = [
      '# Who may call what',
      '',
      'Generated by `apps/server/src/platform/http/access-matrix.test.ts` from the routes and `packages/contracts/src/access.ts`;',
      'the test fails when either changes until this file is regenerated (`npx vitest run -u apps/server/src/platform/http`).',
      'A ✓ means the role passes the door for that route; the record scope (org subtree, own records) is then applied by the service.',
      '`public` routes need no account; `signed-in` routes take any signed-in user.',
      '',
      header,
      `|---|---|${ROLES.map(() => ':-:').join('|')}|`,
      ...lines,
      '',
    ].join('\n');
    await expect(md).toMatchFileSnapshot('../../../../../docs/permissions.md');
  });

  it('asks anonymous callers to sign in on every non-public route', async () => {
    const wrong: string[] = [];
    for (const route of t.app.declaredRoutes) {
      if ('auth' in route.access && route.access.auth === 'public') continue;
      const res = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url) });
      if (res.statusCode !== 401) wrong.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});
