import type { SupplierMatch } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsDemoLoader } from '../../../demo/accounts';
import { loadDemo } from '../../../demo/load';
import { orgDemoLoader } from '../../../demo/org';
import { as, createTestApp, createUser, json, type TestApp } from '../../../test/app';
import { validateCsaf } from '../advisories/csaf';
import { psirtDemoLoader } from '../demo';
import { supplierAdvisoriesDemoLoader } from './demo';

/**
 * The loader on the PSIRT demo alone (the whole demo's template takes many minutes to build on a busy machine):
 * the demo products' releases that ship OpenSSL 3.0.7 get suggestions; the factory systems are not loaded here.
 */
let t: TestApp;
let lines: string[];
beforeAll(async () => {
  await validateCsaf({});
  t = await createTestApp();
  ({ lines } = await loadDemo(t.database.db, [orgDemoLoader, accountsDemoLoader, psirtDemoLoader, supplierAdvisoriesDemoLoader]));
}, 600_000);
afterAll(() => t?.close());

describe("suppliers' advisories demo", () => {
  it("imports three suppliers' documents; the Hoshi SDK advisory suggests cases for the releases shipping OpenSSL 3.0.7", async () => {
    expect(lines.join('\n')).toMatch(/supplier advisory HOSHI-SA-2026-001: [1-9]\d* suggested cases/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const list = json<{ items: { trackingId: string }[] }>(await as(t.app, office).get('/api/supplier-advisories'));
    expect(list.items.map((a) => a.trackingId).sort()).toEqual(['EPW-2026-011', 'HOSHI-SA-2026-001', 'HOSHI-VEX-2026-002']);
    const matches = json<{ items: SupplierMatch[] }>(
      await as(t.app, office).get('/api/supplier-advisory-matches?limit=500'),
    ).items;
    expect(matches.length).toBeGreaterThan(0);
    expect(
      matches.every((m) => m.kind === 'component' && m.name === 'openssl' && m.version === '3.0.7' && m.state === 'suggested'),
    ).toBe(true);
  });
});
