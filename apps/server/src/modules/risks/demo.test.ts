import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../test/app';
import { createDemoTestApp } from '../../test/demo';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t.close());

describe('risk demo', () => {
  it('gives a register with a spread heat map, a few very high, every treatment state, some accepted, and one flow', async () => {
    expect(lines.join('\n')).toMatch(/risks: 150 assessed/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const map = json<{ cells: { count: number }[]; total: number }>(
      await as(t.app, office).get('/api/risks/heatmap?basis=residual'),
    );
    expect(map.total).toBeGreaterThan(150);
    expect(map.cells.length).toBeGreaterThan(8);
    const count = async (q: string) => json<{ total: number }>(await as(t.app, office).get(`/api/risks?${q}`)).total;
    expect(await count('level=very_high')).toBeGreaterThanOrEqual(3);
    for (const status of ['planned', 'in_progress', 'done', 'accepted', 'overdue'])
      expect(await count(`status=${status}`)).toBeGreaterThan(0);
    const flows = json<{ items: { id: string }[] }>(await as(t.app, office).get('/api/business-flows'));
    expect(flows.items).toHaveLength(1);
    const flow = json<{ steps: { kind: string; risks: unknown[] }[] }>(
      await as(t.app, office).get(`/api/business-flows/${flows.items[0]!.id}`),
    );
    expect(flow.steps.map((s) => s.kind)).toEqual(['receive', 'store', 'use', 'send', 'dispose']);
    expect(flow.steps.every((s) => s.risks.length > 0)).toBe(true);
  });
});
