import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../../test/app';
import { createDemoTestApp } from '../../../test/demo';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t.close());

describe('product testing demo', () => {
  it('puts a plan with SARIF runs on the gateway release: one closed by retest, one pending retest, one accepted, one open', async () => {
    expect(lines.join('\n')).toMatch(/product testing: 1 test plan/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const [plan] = json<{ items: { id: string; productId: string; releaseId: string }[] }>(
      await as(t.app, office).get('/api/test-plans'),
    ).items;
    const detail = json<{ runs: unknown[]; findings: { ruleId: string; status: string; acceptedUntil: string | null }[] }>(
      await as(t.app, office).get(`/api/test-plans/${plan!.id}`),
    );
    expect(Object.fromEntries(detail.findings.map((f) => [f.ruleId, f.status]))).toEqual({
      'ETH-CRASH-01': 'closed',
      'MQTT-HANG-02': 'fixed_pending_retest',
      'WIFI-DOS-03': 'accepted',
      'BLE-INFO-04': 'open',
    });
    expect(detail.findings.find((f) => f.ruleId === 'WIFI-DOS-03')!.acceptedUntil).not.toBeNull();
    expect(detail.runs).toHaveLength(4);
    const gate = json<{ passes: boolean; checks: { rule: string; state: string }[] }>(
      await as(t.app, office).get(`/api/products/${plan!.productId}/releases/${plan!.releaseId}/ship-gate`),
    );
    // the hang is medium (below the default gate severity, high): nothing blocks until the setting is lowered
    expect(gate.checks.find((c) => c.rule === 'finding_severity')!.state).toBe('pass');
  });
});
