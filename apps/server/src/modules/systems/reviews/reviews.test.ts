import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../../test/app';
import { inParallel } from '../../../test/concurrency';
import { assetWorld, type AssetWorld } from '../../assets/take-outs/test-world';
import { approvedServices } from '../tables';

type Problem = { detailCode?: string; errors?: { path: string; code?: string }[] };
type Review = { id: string; status: string; rowVersion: number; can: { decide: boolean }; reReviewOn: string | null };

let w: AssetWorld;

const requestBody = (over: Record<string, unknown> = {}) => ({
  unitId: w.units.deptA,
  serviceName: 'CloudBoard',
  providerName: 'CloudBoard Inc.',
  purpose: 'Share design reviews with the Osaka plant',
  classCode: 'confidential',
  personalData: false,
  storageCountry: 'JP',
  certifications: ['iso27001', 'ismap'],
  ssoMfa: true,
  encryption: true,
  logs: true,
  exitTerms: 'Export as ZIP within 30 days; deletion certificate on request',
  answers: [
    { code: 'data-location', answer: 'yes' },
    { code: 'sso-mfa', answer: 'yes', note: 'SAML with our IdP' },
  ],
  ...over,
});
const ask = async (over: Record<string, unknown> = {}) => {
  const res = await as(w.t.app, w.headA).post('/api/service-reviews', requestBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return json<Review>(res);
};
const decide = (who: typeof w.office, id: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
  as(w.t.app, who).post(`/api/service-reviews/${id}/decide`, { reasons: 'Checked against the checklist', ...body }, headers);

beforeAll(async () => {
  w = await assetWorld();
});
afterAll(() => w.t.close());

describe('pre-use service reviews', () => {
  it('lets a unit ask and keeps the request to the unit, its offices and the requester', async () => {
    const r = await ask();
    expect(r.status).toBe('pending');
    expect(r.can.decide).toBe(false);
    expect(json<Review>(await as(w.t.app, w.officeA).get(`/api/service-reviews/${r.id}`)).can.decide).toBe(true);
    expect((await as(w.t.app, w.headB).get(`/api/service-reviews/${r.id}`)).statusCode).toBe(404);
    expect((await decide(w.officeB, r.id, { decision: 'refused' })).statusCode).toBe(404);
    expect((await as(w.t.app, w.employee).get(`/api/service-reviews/${r.id}`)).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).get('/api/service-reviews')).statusCode).toBe(403);
    expect((await decide(w.headA, r.id, { decision: 'refused' })).statusCode).toBe(403);
    expect((await as(w.t.app, w.headB).post('/api/service-reviews', requestBody())).statusCode).toBe(404);
  });

  it('refuses a request with an unknown class or checklist item, naming each field', async () => {
    const res = await as(w.t.app, w.headA).post(
      '/api/service-reviews',
      requestBody({
        classCode: 'ultra',
        storageCountry: 'japan',
        answers: [
          { code: 'nope', answer: 'yes' },
          { code: 'encryption', answer: 'yes' },
          { code: 'encryption', answer: 'no' },
        ],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors!.map((e) => e.path)).toEqual(['body.storageCountry']);
    const res2 = await as(w.t.app, w.headA).post(
      '/api/service-reviews',
      requestBody({
        classCode: 'ultra',
        answers: [
          { code: 'nope', answer: 'yes' },
          { code: 'encryption', answer: 'yes' },
          { code: 'encryption', answer: 'no' },
        ],
      }),
    );
    expect(json<Problem>(res2).errors!.map((e) => `${e.path}:${e.code}`)).toEqual([
      'body.classCode:reviews.class_unknown',
      'body.answers.0.code:reviews.check_unknown',
      'body.answers.2.code:reviews.check_twice',
    ]);
  });

  it("refuses an approval above the reviewer's rights or above the request, and changes nothing", async () => {
    const r = await ask();
    const above = await decide(w.officeA, r.id, { decision: 'approved', approvedClassCode: 'confidential' });
    expect(above.statusCode).toBe(422);
    expect(json<Problem>(above).errors).toMatchObject([{ path: 'body.approvedClassCode', code: 'reviews.above_rights' }]);
    const overRequest = await decide(w.office, r.id, { decision: 'approved', approvedClassCode: 'strictly_confidential' });
    expect(json<Problem>(overRequest).detailCode).toBe('reviews.above_request');
    const noConditions = await decide(w.office, r.id, { decision: 'approved_with_conditions', approvedClassCode: 'internal' });
    expect(json<Problem>(noConditions).errors![0]!.code).toBe('reviews.conditions_needed');
    expect(json<Review>(await as(w.t.app, w.officeA).get(`/api/service-reviews/${r.id}`)).status).toBe('pending');
    expect(await w.t.database.db.select().from(approvedServices).where(eq(approvedServices.reviewId, r.id))).toEqual([]);
  });

  it('enters an approval in the register every employee reads, with a re-review date', async () => {
    const r = await ask({ serviceName: 'MeetNow' });
    const ok = await decide(w.officeA, r.id, {
      decision: 'approved_with_conditions',
      approvedClassCode: 'internal',
      conditions: 'No customer data',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<Review>(ok).reReviewOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const group = await ask({ serviceName: 'VaultDrive' });
    expect((await decide(w.office, group.id, { decision: 'approved', approvedClassCode: 'confidential' })).statusCode).toBe(200);
    const refused = await ask({ serviceName: 'FreeShare' });
    expect((await decide(w.officeA, refused.id, { decision: 'refused' })).statusCode).toBe(200);
    const register = json<{ items: { serviceName: string; maxClassCode: string; conditions: string }[] }>(
      await as(w.t.app, w.employee).get('/api/approved-services'),
    ).items;
    expect(register.map((s) => [s.serviceName, s.maxClassCode])).toEqual([
      ['MeetNow', 'internal'],
      ['VaultDrive', 'confidential'],
    ]);
    expect((await as(w.t.app, w.partner).get('/api/approved-services')).statusCode).toBe(403);
    expect((await decide(w.officeA, refused.id, { decision: 'refused' })).statusCode).toBe(409);
  });

  it('decides a request once when two reviewers decide it at the same time', async () => {
    const r = await ask({ serviceName: 'Twice' });
    const results = await inParallel(2, (i) =>
      decide(i ? w.office : w.officeA, r.id, { decision: 'approved', approvedClassCode: 'internal' }),
    );
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    expect(await w.t.database.db.select().from(approvedServices).where(eq(approvedServices.reviewId, r.id))).toHaveLength(1);
  });
});
