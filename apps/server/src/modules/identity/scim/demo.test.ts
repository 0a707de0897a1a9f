import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../../test/app';
import { createDemoTestApp } from '../../../test/demo';
import { patchOp, scimClient } from './testing';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t.close());

describe('SCIM demo', () => {
  it('shows the demo accounts provisioned from Entra ID, in Japanese, with groups whose rules hold', async () => {
    expect(lines.join('\n')).toMatch(/SCIM: \d+ accounts provisioned/);
    const admin = await createUser(t.database, [{ role: 'system_admin' }]);
    const tokens = json<{ name: string }[]>(await as(t.app, admin).get('/api/scim/tokens'));
    expect(tokens.map((x) => x.name)).toContain('Entra ID (本番テナント)');
    const rules = json<{ group: string; grants: number }[]>(await as(t.app, admin).get('/api/scim/role-rules'));
    expect(rules.map((r) => r.group)).toEqual(['SG-Mamori-PSIRT', 'SG-Mamori-内部監査員']);

    const scim = await scimClient(
      t.app,
      json<{ token: string }>(await as(t.app, admin).post('/api/scim/tokens', { name: 't' })).token,
    );
    const users = await scim.get(`/Users?count=5`);
    expect(users.body.totalResults).toBeGreaterThan(20);
    expect(users.body.Resources![0]).toMatchObject({ preferredLanguage: 'ja-JP', active: true });
    expect(String(users.body.Resources![0]!.displayName)).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    const groups = await scim.get(`/Groups?filter=${encodeURIComponent('displayName sw "SG-Mamori"')}`);
    expect(groups.body.totalResults).toBe(2);
    // a member leaving the auditors' group keeps the auditor role granted by hand before provisioning
    const auditors = groups.body.Resources!.find((g) => g.displayName === 'SG-Mamori-内部監査員')!;
    const [first] = auditors.members as { value: string }[];
    expect(
      (
        await scim.patch(
          `/Groups/${auditors.id as string}`,
          patchOp({ op: 'remove', path: `members[value eq "${first!.value}"]` }),
        )
      ).status,
    ).toBe(200);
    const roles = json<{ items: { role: string }[] }>(await as(t.app, admin).get(`/api/role-assignments?userId=${first!.value}`));
    expect(roles.items.map((r) => r.role)).toContain('auditor');
  });
});
