import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../test/app';
import { createDemoTestApp } from '../../test/demo';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t.close());

describe('assets demo', () => {
  it('fills the ledger: thousands of assets over the units, custom fields, copies, personal data and shares', async () => {
    expect(lines.join('\n')).toMatch(/assets: \d{4,}/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const all = json<{ total: number }>(await as(t.app, office).get('/api/assets?total=true&limit=1'));
    expect(all.total).toBeGreaterThan(1000);
    const personal = json<{ total: number }>(await as(t.app, office).get('/api/assets?total=true&limit=1&personalData=true'));
    expect(personal.total).toBeGreaterThan(0);
    const fields = json<{ value: unknown[] }>(await as(t.app, office).get('/api/settings/asset-fields'));
    expect(fields.value).toHaveLength(2);
    const found = json<{ items: { copies: number }[] }>(
      await as(t.app, office).get('/api/assets?q=' + encodeURIComponent('写し')),
    );
    expect(found.items.length).toBeGreaterThan(0);
    expect(lines.join('\n')).toMatch(/[1-9]\d* shared with partners/);
  });
});
