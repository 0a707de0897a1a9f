import type { SupplierMatch } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../../platform/jobs/queue';
import { startJobRunner, type JobRunner } from '../../../platform/jobs/runner';
import { as, createUser, json, testConfig, type TestUser } from '../../../test/app';
import { assetWorld, type AssetWorld } from '../../assets/take-outs/test-world';
import { systemBody } from '../../systems/testing';
import { supplierAdvisoriesRematchJob } from './job';
import { rematchAdvisories } from './rematch';
import { libraryAdvisory, plcAdvisory } from './sample-documents';

type Page<T> = { items: T[]; nextCursor: string | null };
const log = { info() {}, warn() {}, error() {}, debug() {} } as never;

let w: AssetWorld;
let psirt: TestUser;
let runner: JobRunner;
let productId: string;
let releaseId: string;

const matches = async () =>
  json<Page<SupplierMatch>>(await as(w.t.app, w.office).get('/api/supplier-advisory-matches?limit=100')).items.map(
    (m) => `${m.kind}:${m.product?.code ?? m.system?.name}:${m.name}@${m.version}:${m.state}`,
  );
/** A scheduled run of the re-match job (payload {}), run now. */
async function scheduledRun() {
  await enqueue(w.t.database.db, supplierAdvisoriesRematchJob, {});
  await runner.drain();
}

beforeAll(async () => {
  w = await assetWorld();
  psirt = await createUser(w.t.database, [{ role: 'psirt_member', orgUnitId: w.units.siteA }]);
  runner = startJobRunner({
    db: w.t.database.db,
    config: testConfig(),
    log,
    jobs: [supplierAdvisoriesRematchJob as never],
    schedules: [],
    autoStart: false,
  });
  const product = json<{ id: string }>(
    await as(w.t.app, w.office).post('/api/products', {
      code: 'RM1',
      nameJa: '再照合',
      nameEn: 'Rematch',
      orgUnitId: w.units.deptA,
    }),
  );
  productId = product.id;
  releaseId = json<{ id: string }>(
    await as(w.t.app, w.office).post(`/api/products/${productId}/releases`, { version: '1.0', status: 'shipped' }),
  ).id;
  // the suppliers' advisories arrive before anything they concern is known
  for (const doc of [libraryAdvisory(), plcAdvisory()])
    expect((await as(w.t.app, w.office).post('/api/supplier-advisories', doc)).statusCode).toBe(201);
});
afterAll(async () => {
  await runner?.stop();
  await w.t.close();
});

describe('matching suppliers’ advisories again', () => {
  it('suggests a case for an SBOM imported after the advisory, on the next scheduled run', async () => {
    expect(await matches()).toEqual([]);
    await scheduledRun(); // the first run matches everything: nothing to find yet
    const sbom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components: [{ type: 'library', name: 'fastjson-lite', version: '1.3.0', purl: 'pkg:npm/fastjson-lite@1.3.0' }],
    };
    const res = await as(w.t.app, w.office).post(`/api/products/${productId}/releases/${releaseId}/sbom`, sbom, {
      'content-type': 'application/vnd.cyclonedx+json',
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(await matches()).toEqual([]); // not until the job has run
    await scheduledRun();
    expect(await matches()).toEqual(['component:RM1:fastjson-lite@1.3.0:suggested']);
  });

  it('does nothing on a scheduled run when no SBOM and no system changed since the last run', async () => {
    await scheduledRun();
    expect(await rematchAdvisories(w.t.database.db, { onlyIfChanged: true })).toBeNull();
  });

  it('suggests a case for a system added after the advisory', async () => {
    const system = await as(w.t.app, w.office).post(
      '/api/systems',
      systemBody(w.units.siteA, {
        name: 'Line 3 PLC',
        kind: 'ot',
        productionLine: 'Line 3',
        product: 'KX-R PLC CPU',
        productVersion: '1.20',
      }),
    );
    expect(system.statusCode, system.body).toBe(201);
    const counts = await rematchAdvisories(w.t.database.db, { onlyIfChanged: true });
    expect(counts).not.toBeNull();
    expect(counts!.advisories).toBe(2);
    expect(await matches()).toContain('system:Line 3 PLC:KX-R PLC CPU@1.20:suggested');
  });

  it('lets the PSIRT and the office ask for a run now (202); others are refused', async () => {
    for (const who of [psirt, w.office]) {
      const res = await as(w.t.app, who).post('/api/supplier-advisories/rematch');
      expect(res.statusCode, res.body).toBe(202);
      expect(json<{ queuedAt: string }>(res).queuedAt).toMatch(/^\d{4}-/);
    }
    for (const who of [w.employee, w.headA, w.ciso, w.partner])
      expect((await as(w.t.app, who).post('/api/supplier-advisories/rematch')).statusCode).toBe(403);
    expect((await w.t.app.inject({ method: 'POST', url: '/api/supplier-advisories/rematch' })).statusCode).toBe(401);
    expect(await runner.drain()).toBe(1); // asked twice within the minute: one run
  });
});
