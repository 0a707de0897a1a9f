import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../test/app';
import { createDemoTestApp } from '../../test/demo';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t.close());

describe('zones demo', () => {
  it('gives every demo site its zones, kept assets, bring-ins in every state and daily-check findings', async () => {
    expect(lines.join('\n')).toMatch(/zones: \d+ zones/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const sites = json<{ zones: { kind: string; assetCount: number }[] }[]>(await as(t.app, office).get('/api/zones'));
    expect(sites.length).toBeGreaterThan(1);
    for (const s of sites) expect(new Set(s.zones.map((z) => z.kind))).toEqual(new Set(['reception', 'office', 'restricted']));
    expect(sites.flatMap((s) => s.zones).reduce((n, z) => n + z.assetCount, 0)).toBeGreaterThan(0);
    const all = json<{ items: { state: string }[] }>(await as(t.app, office).get('/api/bring-ins?view=all&limit=500'));
    expect(new Set(all.items.map((i) => i.state))).toEqual(new Set(['pending', 'approved', 'rejected', 'cancelled', 'expired']));
    const findings = json<{ reason: string }[]>(await as(t.app, office).get('/api/zone-findings'));
    expect(new Set(findings.map((f) => f.reason))).toEqual(new Set(['not_allowed', 'unescorted']));
  });
});
