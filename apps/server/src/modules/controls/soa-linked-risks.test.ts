import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, json } from '../../test/app';
import { drawingLeak, riskWorld, type RiskWorld } from '../risks/test-world';
import { createSoa, type VersionView } from './test-world';

let w: RiskWorld;
let soa: VersionView;
let riskId: string;
type Linked = { linkedRisks: { controlId: string; riskId: string; title: string; residualLevel: { code: string } }[] };

beforeAll(async () => {
  w = await riskWorld();
  const res = await as(w.t.app, w.leaderA).post('/api/risks', drawingLeak(w));
  expect(res.statusCode).toBe(201);
  riskId = json<{ id: string }>(res).id;
  soa = await createSoa(w, w.units.group);
});
afterAll(() => w.t.close());

const linked = async (user: RiskWorld['office']) => {
  const res = await as(w.t.app, user).get(`/api/soa/${soa.soaId}/versions/${soa.number}`);
  expect(res.statusCode).toBe(200);
  return json<Linked>(res).linkedRisks;
};

describe('risks linked to the SoA', () => {
  it("lists, per control, the register's risks in the SoA's scope that rely on it", async () => {
    const risks = await linked(w.office);
    expect(risks.map((r) => [r.controlId, r.riskId]).sort()).toEqual([
      ['5.14', riskId],
      ['8.12', riskId],
    ]);
    expect(risks[0]).toMatchObject({
      title: 'Customer drawings sent to the wrong partner',
      residualLevel: { code: expect.any(String) },
    });
  });

  it("shows a reader only the risks inside their own risk scope (another site's office sees the group SoA without them)", async () => {
    expect(await linked(w.officeB)).toEqual([]);
    expect((await linked(w.officeA)).length).toBe(2);
  });

  it('drops a risk from the SoA once the risk no longer names the control', async () => {
    const risk = await as(w.t.app, w.leaderA).get(`/api/risks/${riskId}`);
    const res = await as(w.t.app, w.leaderA).patch(
      `/api/risks/${riskId}`,
      { controlIds: ['5.14'] },
      { 'if-match': risk.headers.etag as string },
    );
    expect(res.statusCode).toBe(200);
    expect((await linked(w.office)).map((r) => r.controlId)).toEqual(['5.14']);
  });
});
