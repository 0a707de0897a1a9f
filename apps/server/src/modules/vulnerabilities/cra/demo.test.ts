import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../../test/app';
import { createDemoTestApp } from '../../../test/demo';

let t: TestApp;
let lines: string[];
beforeAll(async () => {
  ({ lines, ...t } = await createDemoTestApp());
}, 300_000);
afterAll(() => t?.close());

describe('CRA demo', () => {
  it('has one actively exploited case: early warning submitted, notification running and in the PSIRT’s attention list', async () => {
    expect(lines.join('\n')).toContain('CRA: one actively exploited case');
    const psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
    const list = json<{ items: { id: string }[] }>(await as(t.app, psirt).get('/api/vulnerabilities?q=malformed%20TCP'));
    const id = list.items[0]!.id;
    const v = json<{
      reporting: unknown;
      products: { productId: string; code: string; noClockReason: string | null }[];
      deadlines: { productId: string; ruleId: string; status: string; submission: unknown }[];
    }>(await as(t.app, psirt).get(`/api/vulnerabilities/${id}/deadlines`));
    expect(v.reporting).not.toBeNull();
    const eu = v.products.filter((p) => !p.noClockReason);
    expect(eu.map((p) => p.code)).toEqual(['HSZ-INV-S5', 'HSZ-SENS-T3']);
    for (const p of eu)
      expect(Object.fromEntries(v.deadlines.filter((d) => d.productId === p.productId).map((d) => [d.ruleId, d.status]))).toEqual(
        {
          'cra-vuln-early-warning': 'met',
          'cra-vuln-notification': 'due_soon',
          'cra-vuln-final': 'waiting',
        },
      );
    const draft = json<{ products: { code: string }[]; memberStatesAffected: string[] }>(
      await as(t.app, psirt).get(`/api/vulnerabilities/${id}/cra-reporting/drafts/notification`),
    );
    expect(draft.products.map((p) => p.code)).toEqual(['HSZ-INV-S5', 'HSZ-SENS-T3']);
    expect(draft.memberStatesAffected).toEqual(['AT', 'CZ', 'DE', 'ES', 'FR', 'IT', 'NL', 'PL']);
    // a submitted draft (reviewed by a second person), a reviewed one waiting, and the user notice drafted
    const saved = json<{ items: { stage: string; status: string; createdBy: string; reviewedBy: string }[] }>(
      await as(t.app, psirt).get(`/api/vulnerabilities/${id}/cra-reporting/saved-drafts`),
    ).items;
    expect(Object.fromEntries(saved.map((d) => [d.stage, d.status]))).toEqual({
      early_warning: 'submitted',
      notification: 'reviewed',
    });
    for (const d of saved) expect(d.reviewedBy).not.toBe(d.createdBy);
    const early = v.deadlines.find((d) => d.ruleId === 'cra-vuln-early-warning')!.submission as { draftId: string | null };
    expect(early.draftId).not.toBeNull();
    const notice = json<{ userNotice: { draft: { craRuleId: string } | null } }>(
      await as(t.app, psirt).get(`/api/vulnerabilities/${id}/deadlines`),
    ).userNotice;
    expect(notice.draft?.craRuleId).toBe('cra-vuln-notification');
    const attention = json<{ items: { kind: string; href: string }[] }>(await as(t.app, psirt).get('/api/attention?limit=100'));
    expect(attention.items).toContainEqual(expect.objectContaining({ kind: 'craReportDue', href: `/vulnerabilities/${id}` }));
  });
});
