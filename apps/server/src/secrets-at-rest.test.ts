import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './db/sql';
import { secretsAtRest } from './secrets-at-rest';
import { as, createTestApp, createUser, json, type TestApp } from './test/app';

/**
 * The list of secrets at rest (#16), each checked where it lives: the sealed places are declared to the
 * start-up step and to `mamori keys rotate` (their own tests: totp, PSIRT key, SSO providers, mails); token material
 * is kept as a hash only.
 */
describe('every secret the server keeps', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('sealed places are all declared to the start-up check and to rotation', () => {
    expect(secretsAtRest.map((p) => p.name).sort()).toEqual(
      ['identity_providers.client_secret', 'mail_outbox.body', 'settings.psirt.pgp', 'users.mfa_secret'].sort(),
    );
  });

  it('a SCIM token is kept as its SHA-256 only: no column holds it, nor an API token', async () => {
    const admin = await createUser(t.database, [{ role: 'system_admin' }]);
    const created = await as(t.app, admin).post('/api/scim/tokens', { name: 'Entra ID' });
    const { token } = json<{ token: string }>(created);
    const rows = await queryRows<Record<string, unknown>>(t.database.db, sql`SELECT * FROM scim_tokens`);
    const dumped = JSON.stringify(rows);
    expect(dumped).not.toContain(token);
    expect(dumped).toContain(createHash('sha256').update(token).digest('hex'));
    const apiTokens = JSON.stringify(await queryRows(t.database.db, sql`SELECT * FROM api_tokens`));
    expect(apiTokens).not.toContain(admin.token);
  });
});
