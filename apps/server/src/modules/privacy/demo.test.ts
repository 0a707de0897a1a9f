import type { Activity, ActivityListItem, PrivacyRequest } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, json, type TestApp } from '../../test/app';
import { createDemoTestApp } from '../../test/demo';

let t: TestApp;
beforeAll(async () => {
  t = await createDemoTestApp();
}, 300_000);
afterAll(() => t.close());

describe('privacy demo', () => {
  it('has register entries whose handlers all passed the personal-data course, one abroad, and requests in every state', async () => {
    const officer = await createUser(t.database, [{ role: 'privacy_officer' }]);
    const list = json<{ items: ActivityListItem[] }>(await as(t.app, officer).get('/api/processing-activities?limit=500')).items;
    expect(list.length).toBeGreaterThanOrEqual(5);
    expect(list.some((a) => a.transferCountries.length > 0)).toBe(true);
    for (const item of list) {
      const a = json<Activity>(await as(t.app, officer).get(`/api/processing-activities/${item.id}`));
      expect(a.handlers.length, a.service).toBeGreaterThan(0);
      expect(
        a.handlers.every((h) => h.trained === true),
        a.service,
      ).toBe(true);
    }
    const requests = json<{ items: PrivacyRequest[] }>(await as(t.app, officer).get('/api/privacy-requests?limit=500')).items;
    expect(new Set(requests.map((r) => r.status))).toEqual(
      new Set(['received', 'verifying', 'in_progress', 'answered', 'declined', 'withdrawn']),
    );
    const extended = requests.find((r) => r.requesterName === 'Lukas Becker')!;
    const detail = json<PrivacyRequest>(await as(t.app, officer).get(`/api/privacy-requests/${extended.id}`));
    expect(detail.extension).toMatchObject({ told: 'mail' });
    expect(detail.clocks.find((c) => c.ruleId === 'gdpr-one-month')).toMatchObject({ extended: true, status: 'pending' });
  });
});
