import type { SupplierMatch } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../../test/app';
import { createDemoTestApp } from '../../../test/demo';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 600_000);
afterAll(() => t.close());

describe("suppliers' advisories demo", () => {
  it("imports three suppliers' documents whose matches suggest cases for demo products and factory PLCs", async () => {
    expect(lines.join('\n')).toMatch(/supplier advisory HOSHI-SA-2026-001: [1-9]\d* suggested cases/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const list = json<{ items: { trackingId: string }[] }>(await as(t.app, office).get('/api/supplier-advisories'));
    expect(list.items.map((a) => a.trackingId).sort()).toEqual(['EPW-2026-011', 'HOSHI-SA-2026-001', 'HOSHI-VEX-2026-002']);
    const matches = json<{ items: SupplierMatch[] }>(
      await as(t.app, office).get('/api/supplier-advisory-matches?limit=500'),
    ).items;
    expect(matches.some((m) => m.kind === 'component' && m.name === 'openssl' && m.version === '3.0.7')).toBe(true);
    expect(matches.some((m) => m.kind === 'system' && m.name === 'KX-R PLC CPU' && m.version === '1.21')).toBe(true);
    expect(matches.every((m) => m.state === 'suggested')).toBe(true);
  });
});
