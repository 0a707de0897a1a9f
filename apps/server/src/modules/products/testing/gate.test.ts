import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { auditOf, inParallel } from '../../../test/concurrency';
import { testFindings } from './tables';

let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let psirt2: TestUser;
let employee: TestUser;
let productId: string;

const SARIF = { 'content-type': 'application/sarif+json' };
const log = (rules: string[]) =>
  JSON.stringify({
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'fuzzer', rules: [{ id: 'CRIT', properties: { 'security-severity': '9.8' } }] } },
        results: rules.map((r) => ({ ruleId: r, level: 'error', message: { text: `${r} found` } })),
      },
    ],
  });

async function releaseWithPlan(version: string) {
  const rid = json<{ id: string }>(await as(t.app, office).post(`/api/products/${productId}/releases`, { version })).id;
  const plan = json<{ id: string }>(
    await as(t.app, psirt).post('/api/test-plans', {
      releaseId: rid,
      title: `Plan ${version}`,
      methods: ['fuzzing'],
      testerIndependence: 'external',
    }),
  );
  return { rid, planId: plan.id };
}

interface Gate {
  passes: boolean;
  checks: { rule: string; state: string; blocking: { id: string }[]; link: string | null }[];
}
const gate = async (rid: string, user = psirt) =>
  json<Gate>(await as(t.app, user).get(`/api/products/${productId}/releases/${rid}/ship-gate`));
const state = (g: Gate) => Object.fromEntries(g.checks.map((c) => [c.rule, c.state]));

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  psirt2 = await createUser(t.database, [{ role: 'psirt_member' }]);
  employee = await createUser(t.database, [{ role: 'employee' }]);
  const g = json<{ id: string }>(
    await as(t.app, office).post('/api/org-units', { parentId: null, code: 'G', kind: 'company', nameJa: 'G', nameEn: 'G' }),
  );
  productId = json<{ id: string }>(
    await as(t.app, office).post('/api/products', { code: 'GW', nameJa: 'GW', nameEn: 'Gateway', orgUnitId: g.id }),
  ).id;
});
afterAll(() => t.close());

describe('the ship gate of test plans', () => {
  it('passes an untested release under the default rules and names the TARA rules it cannot check yet', async () => {
    const { rid } = await releaseWithPlan('0.9');
    const g = await gate(rid);
    expect(g.passes).toBe(true);
    expect(state(g)).toMatchObject({
      finding_severity: 'pass',
      sbom: 'off',
      cal3_goals_validated: 'not_checked',
      risks_treated: 'not_checked',
      residual_risks_signed: 'not_checked',
    });
    expect((await as(t.app, employee).get(`/api/products/${productId}/releases/${rid}/ship-gate`)).statusCode).toBe(403);
  });

  it('blocks shipping on an open critical finding, says which rule and links to the finding', async () => {
    const { rid, planId } = await releaseWithPlan('1.0');
    await as(t.app, psirt).post(
      `/api/test-plans/${planId}/sarif-runs?method=fuzzing&performedOn=2026-11-01`,
      log(['CRIT', 'MINOR']),
      SARIF,
    );
    const g = await gate(rid);
    const check = g.checks.find((c) => c.rule === 'finding_severity')!;
    expect(check.state).toBe('block');
    expect(check.blocking).toHaveLength(2); // error level is high, CRIT's score makes it critical: both at or above high
    expect(check.link).toMatch(new RegExp(`^/test-plans/${planId}#finding-`));
    const res = await as(t.app, psirt).patch(`/api/products/${productId}/releases/${rid}`, { status: 'shipped' });
    expect(res.statusCode).toBe(409);
    const body = json<{ errors: { path: string; code: string }[] }>(res);
    expect(body.errors.every((e) => e.path.startsWith('shipGate.finding_severity.'))).toBe(true);
    expect(body.errors[0]!.code).toBe('testing.gate.finding_severity');
  });

  it('keeps blocking while a fix awaits its retest, and ships after the retest run', async () => {
    const { rid, planId } = await releaseWithPlan('1.1');
    const url = `/api/test-plans/${planId}/sarif-runs?method=fuzzing`;
    await as(t.app, psirt).post(`${url}&performedOn=2026-11-01`, log(['CRIT']), SARIF);
    await as(t.app, psirt).post(`${url}&performedOn=2026-11-02`, log([]), SARIF);
    expect(state(await gate(rid))).toMatchObject({ finding_severity: 'pass', pending_retest: 'block' });
    await as(t.app, psirt).post(`${url}&performedOn=2026-11-03&retest=true`, log([]), SARIF);
    expect((await gate(rid)).passes).toBe(true);
    const shipped = await as(t.app, psirt).patch(`/api/products/${productId}/releases/${rid}`, { status: 'shipped' });
    expect(shipped.statusCode).toBe(200);
  });

  it('an accepted finding stops blocking until its acceptance expires', async () => {
    const { rid, planId } = await releaseWithPlan('1.2');
    await as(t.app, psirt).post(
      `/api/test-plans/${planId}/sarif-runs?method=fuzzing&performedOn=2026-11-01`,
      log(['CRIT']),
      SARIF,
    );
    const [f] = json<{ findings: { id: string }[] }>(await as(t.app, psirt).get(`/api/test-plans/${planId}`)).findings;
    await as(t.app, psirt).post(`/api/test-findings/${f!.id}/acceptance`, {
      reason: 'Workshop only',
      acceptedUntil: '2099-01-01',
    });
    expect(state(await gate(rid)).finding_severity).toBe('block'); // requested is not accepted
    await as(t.app, psirt2).post(`/api/test-findings/${f!.id}/acceptance/decision`, { decision: 'approve' });
    expect((await gate(rid)).passes).toBe(true);
    await t.database.db.update(testFindings).set({ acceptedUntil: '2020-01-01' }).where(eq(testFindings.id, f!.id));
    expect(state(await gate(rid)).finding_severity).toBe('block');
  });

  it('the rules are a setting: only the security office changes them; an SBOM can be required', async () => {
    const current = json<{ value: Record<string, unknown> }>(await as(t.app, psirt).get('/api/settings/ship-gate'));
    const next = { ...current.value, requireSbom: true, findingSeverity: 'medium' };
    expect((await as(t.app, psirt).put('/api/settings/ship-gate', next)).statusCode).toBe(403);
    const bad = await as(t.app, office).put('/api/settings/ship-gate', { ...next, findingSeverity: 'extreme', extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect((await as(t.app, office).put('/api/settings/ship-gate', next)).statusCode).toBe(200);
    const { rid } = await releaseWithPlan('1.3');
    const g = await gate(rid);
    expect(state(g).sbom).toBe('block');
    expect(g.checks.find((c) => c.rule === 'sbom')!.link).toBe(`/products/${productId}`);
    await as(t.app, office).put('/api/settings/ship-gate', { ...next, requireSbom: false, findingSeverity: 'high' });
  });

  it('never ships past a blocking finding imported while the gate was checking', async () => {
    for (let round = 0; round < 3; round++) {
      const { rid, planId } = await releaseWithPlan(`2.${round}`);
      const [ship, run] = await inParallel(2, (i) =>
        i === 0
          ? as(t.app, psirt).patch(`/api/products/${productId}/releases/${rid}`, { status: 'shipped' })
          : as(t.app, psirt).post(
              `/api/test-plans/${planId}/sarif-runs?method=fuzzing&performedOn=2026-11-01`,
              log(['CRIT']),
              SARIF,
            ),
      );
      expect(run!.statusCode).toBe(201);
      if (ship!.statusCode === 200) {
        const shipped = (await auditOf(t.database, 'product_release', rid)).find((e) => e.action === 'product_release.ship')!;
        const imported = (await auditOf(t.database, 'product_test_plan', planId)).find((e) => e.action === 'test_run.import')!;
        expect(shipped.seq < imported.seq).toBe(true);
      } else expect(ship!.statusCode).toBe(409);
    }
  });
});
