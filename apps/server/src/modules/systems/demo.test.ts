import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../test/app';
import { createDemoTestApp } from '../../test/demo';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t.close());

describe('systems demo', () => {
  it('gives the demo group systems of every kind, coverage gaps from an EDR import and reviews in three states', async () => {
    expect(lines.join('\n')).toMatch(/systems: \d+ systems/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const systems = json<{ items: { kind: string; zone: unknown }[] }>(await as(t.app, office).get('/api/systems?limit=500'));
    expect(systems.items.length).toBeGreaterThan(100);
    expect(new Set(systems.items.map((s) => s.kind))).toEqual(new Set(['it', 'network', 'ot', 'saas', 'iaas']));
    expect(systems.items.some((s) => s.kind === 'ot' && s.zone)).toBe(true);
    const findings = json<{ items: { kind: string }[] }>(await as(t.app, office).get('/api/system-findings?limit=500'));
    expect(new Set(findings.items.map((f) => f.kind))).toEqual(
      new Set(['no_edr', 'stale_pattern', 'not_seen', 'no_mfa', 'above_class']),
    );
    // TransLingo, approved for internal information only, holds a confidential asset
    const above = json<{ items: { system: { nameEn: string; id: string } }[] }>(
      await as(t.app, office).get('/api/system-findings?kind=above_class'),
    ).items;
    expect(above).toHaveLength(1);
    const stored = json<{ items: { aboveApproval: boolean }[] }>(
      await as(t.app, office).get(`/api/systems/${above[0]!.system.id}/assets`),
    ).items;
    expect(stored.map((a) => a.aboveApproval).sort()).toEqual([false, true]);
    const coverage = json<{ devices: number }[]>(await as(t.app, office).get('/api/coverage?by=site'));
    expect(coverage.reduce((n, c) => n + c.devices, 0)).toBeGreaterThan(100);
    const reviews = json<{ items: { status: string }[] }>(await as(t.app, office).get('/api/service-reviews'));
    expect(new Set(reviews.items.map((r) => r.status))).toEqual(new Set(['pending', 'approved_with_conditions', 'refused']));
    const employee = await createUser(t.database, [{ role: 'employee' }]);
    expect(json<{ items: unknown[] }>(await as(t.app, employee).get('/api/approved-services')).items).toHaveLength(1);
  });

  it('gives an assessment over scanner runs with a fixed, a reopened, an accepted and a known-exploited overdue finding', async () => {
    expect(lines.join('\n')).toMatch(/assessments: 1 assessment/);
    const ciso = await createUser(t.database, [{ role: 'ciso' }]);
    const found = json<{ items: { state: string; knownExploited: boolean; overdue: boolean; id: string }[] }>(
      await as(t.app, ciso).get('/api/assessment-findings?limit=50'),
    ).items;
    expect(found.map((f) => f.state).sort()).toEqual(['accepted', 'fixed', 'open', 'open']);
    expect(found.find((f) => f.knownExploited)).toMatchObject({ state: 'open', overdue: true });
    const events = await Promise.all(
      found.map(
        async (f) => json<{ events: { kind: string }[] }>(await as(t.app, ciso).get(`/api/assessment-findings/${f.id}`)).events,
      ),
    );
    expect(events.some((e) => e.some((x) => x.kind === 'reopened'))).toBe(true);
  });

  it('gives one FSIRT case on a factory line of the Nagoya plant, with its production impact and the FSIRT member', async () => {
    expect(lines.join('\n')).toMatch(/fsirt: 1 case on .+ \(line stopped 6\.5 h\)/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const cases = json<{ items: { id: string; typeId: string }[] }>(
      await as(t.app, office).get('/api/incidents?typeId=ot_incident&limit=50'),
    ).items;
    expect(cases).toHaveLength(1);
    const impact = await as(t.app, office).get(`/api/fsirt-impacts/${cases[0]!.id}`);
    expect(impact.statusCode).toBe(200);
    expect(json(impact)).toMatchObject({
      lineStopped: true,
      stoppedHours: 6.5,
      system: { name: expect.stringContaining('PLC') },
    });
    const plcs = json<{ items: { product: string; productVersion: string }[] }>(
      await as(t.app, office).get('/api/systems?kind=ot&q=PLC&limit=100'),
    ).items;
    expect(plcs.map((p) => `${p.product} ${p.productVersion}`)).toContain('KX-R PLC CPU 1.21');
  });
});
