import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@mamori/contracts';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import type { Database } from '../db/client';
import { createApiToken } from '../platform/auth/api-tokens';
import { hashPassword } from '../platform/auth/password';
import { roleAssignments, users } from '../platform/auth/tables';
import { createOnDiskTestDatabase, createTestDatabase } from './db';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

export const testConfig = (extra: Record<string, string> = {}) =>
  loadConfig({
    NODE_ENV: 'test',
    MAMORI_JOBS: 'off',
    // the tests' own local servers (a supplier's CSAF provider); platform/net/outbound.test.ts checks the refusals
    MAMORI_OUTBOUND_ALLOW_HOSTS: '127.0.0.1,localhost',
    MAMORI_WEB_DIST: '/nonexistent',
    MAMORI_SIGNIN_RATE_LIMIT: '1000',
    // checkpoints written by jobs in tests go to a temporary directory, not ./data
    MAMORI_AUDIT_CHECKPOINT_DIR: join(tmpdir(), `mamori-test-checkpoints-${process.pid}`),
    ...extra,
  });

/**
 * A real app on a fresh real database (PGlite, or PostgreSQL with TEST_DATABASE_URL); with `onDisk`, PGlite keeps its
 * data in a directory on disk instead of in the process (createOnDiskTestDatabase: for memory tests).
 */
export async function createTestApp(extra: Record<string, string> = {}, opts: { onDisk?: boolean } = {}): Promise<TestApp> {
  const database = opts.onDisk ? await createOnDiskTestDatabase() : await createTestDatabase();
  const app = await buildApp({ config: testConfig(extra), database, logger: false });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

let seq = 0;
export const TEST_PASSWORD = 'blue-kettle-harbour-42';

/**
 * TEST_PASSWORD's argon2id hash, computed once per worker: every test user has the same password, and hashing it
 * anew (about 60 ms at the production cost, more on a loaded machine) for each of the suite's ~2,000 test users
 * was time spent proving nothing. Sign-in still verifies it with the production code and cost.
 */
let testPasswordHash: Promise<string> | undefined;
const hashedTestPassword = () => (testPasswordHash ??= hashPassword(TEST_PASSWORD));

export interface TestUser {
  id: string;
  email: string;
  token: string;
}

/** A user holding the given roles (orgUnitId null = whole group), with an API token for requests. */
export async function createUser(
  database: Database,
  roles: { role: Role; orgUnitId?: string | null }[] = [],
  opts: { personId?: string; kind?: 'internal' | 'partner'; partnerId?: string } = {},
): Promise<TestUser> {
  const email = `user${++seq}-${Date.now()}@example.test`;
  const [user] = await database.db
    .insert(users)
    .values({
      email,
      name: `User ${seq}`,
      passwordHash: await hashedTestPassword(),
      personId: opts.personId ?? null,
      kind: opts.kind ?? (opts.partnerId ? 'partner' : 'internal'),
      partnerId: opts.partnerId ?? null,
    })
    .returning();
  for (const r of roles)
    await database.db.insert(roleAssignments).values({ userId: user!.id, role: r.role, orgUnitId: r.orgUnitId ?? null });
  const { token } = await createApiToken(database.db, user!.id, 'test', 30);
  return { id: user!.id, email, token };
}

/** Sends a request as a user (Bearer token), JSON in and out. */
export function as(app: FastifyInstance, user: TestUser | null) {
  const send = (method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(user ? { authorization: `Bearer ${user.token}` } : {}), ...headers },
      ...(payload === undefined ? {} : typeof payload === 'string' ? { payload } : { payload: payload as object }),
    });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, body?: unknown, headers?: Record<string, string>) => send('POST', url, body ?? {}, headers),
    patch: (url: string, body: unknown, headers?: Record<string, string>) => send('PATCH', url, body, headers),
    put: (url: string, body: unknown, headers?: Record<string, string>) => send('PUT', url, body, headers),
    delete: (url: string) => send('DELETE', url),
  };
}

export const json = <T = Record<string, unknown>>(res: LightMyRequestResponse) => res.json() as T;

/** A cookie-session client: keeps the cookie and sends the CSRF token like the web app. */
export function browser(app: FastifyInstance) {
  let cookie = '';
  let csrf = '';
  const send = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, withCsrf = true) => {
    const res = await app.inject({
      method,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...(withCsrf && csrf ? { 'x-csrf-token': csrf } : {}) },
      ...(payload ? { payload } : {}),
    });
    const set = res.cookies.find((c) => c.name === 'mamori_session');
    if (set) cookie = set.value ? `mamori_session=${set.value}` : '';
    const body = String(res.headers['content-type'] ?? '').includes('json') ? (res.json() as { csrfToken?: string }) : {};
    if (body.csrfToken) csrf = body.csrfToken;
    return res;
  };
  return { send, cookieOf: () => cookie };
}
