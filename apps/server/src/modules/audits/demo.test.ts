import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../test/app';
import { createDemoTestApp } from '../../test/demo';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t.close());

describe('internal audits demo', () => {
  it("holds this year's programme of 100+ audits in every state, findings of every type and actions in every state", async () => {
    expect(lines.join('\n')).toMatch(/internal audits: \d+ qualified auditors/);
    const office = await createUser(t.database, [{ role: 'security_office' }]);
    const programmes = json<{ id: string; fiscalYear: number; counts: Record<string, number> }[]>(
      await as(t.app, office).get('/api/audit-programmes'),
    );
    const current = programmes[0]!;
    expect(current.counts.audits).toBeGreaterThanOrEqual(100);
    for (const s of ['planned', 'inProgress', 'reported', 'closed']) expect(current.counts[s]).toBeGreaterThan(0);
    const findings = json<{ items: { type: string; state: string; overdue: boolean; reopenReason: string | null }[] }>(
      await as(t.app, office).get(`/api/audit-findings?fiscalYear=${current.fiscalYear}&limit=500`),
    ).items;
    for (const type of ['major', 'minor', 'observation', 'good_practice'])
      expect(findings.some((f) => f.type === type)).toBe(true);
    for (const state of ['open', 'answered', 'closed', 'noted']) expect(findings.some((f) => f.state === state)).toBe(true);
    expect(findings.filter((f) => f.overdue).length).toBeGreaterThan(0);
    expect(findings.some((f) => f.reopenReason)).toBe(true);
    const auditors = json<{ valid: boolean }[]>(await as(t.app, office).get('/api/auditors'));
    expect(auditors.filter((a) => a.valid).length).toBeGreaterThanOrEqual(5);
    expect(auditors.some((a) => !a.valid)).toBe(true);
  });
});
