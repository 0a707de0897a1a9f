import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';

let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let psirtA: TestUser;
let ciso: TestUser;
let employee: TestUser;
let divA: { id: string };
let cam: { id: string };
let tv: { id: string };
const ids: Record<string, string> = {};

type Page = { items: { id: string; title: string }[]; nextCursor: string | null };
const titles = (p: Page) => p.items.map((i) => i.title);
const V4_CRITICAL = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'; // 9.3
const V31_MEDIUM = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N'; // 6.1
const V4_LOW = 'CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N';

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  divA = json(await as(t.app, office).post('/api/org-units', unit(g.id, 'DA', 'site')));
  const divB = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DB', 'site')));
  psirtA = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: divA.id }]);
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: divA.id }]);
  const product = (code: string, orgUnitId: string) => ({ code, nameJa: code, nameEn: code, orgUnitId });
  cam = json(await as(t.app, office).post('/api/products', product('CAM', divA.id)));
  tv = json(await as(t.app, office).post('/api/products', product('TV', divB.id)));
  // Four cases, created in this order: critical on CAM, medium on TV, low on CAM, unscored and without product.
  const cases: [string, Record<string, unknown>][] = [
    ['Buffer overflow in RTSP', { cvss40Vector: V4_CRITICAL, products: [{ productId: cam.id, status: 'affected' }] }],
    ['Weak TLS on ViewTV', { cvss31Vector: V31_MEDIUM, products: [{ productId: tv.id, status: 'under_investigation' }] }],
    [
      'Local log disclosure',
      { cvss40Vector: V4_LOW, status: 'investigating', products: [{ productId: cam.id, status: 'fixed' }] },
    ],
    ['Unsorted report', {}],
  ];
  for (const [title, patch] of cases) {
    const c = json<{ id: string }>(await as(t.app, psirt).post('/api/vulnerabilities', { title, description: 'd' }));
    ids[title] = c.id;
    if (Object.keys(patch).length)
      expect((await as(t.app, psirt).patch(`/api/vulnerabilities/${c.id}`, patch)).statusCode).toBe(200);
  }
});
afterAll(() => t.close());

describe('the case list', () => {
  const list = async (query: string, user = psirt) => {
    const res = await as(t.app, user).get(`/api/vulnerabilities?${query}`);
    expect(res.statusCode).toBe(200);
    return json<Page>(res);
  };

  it('filters by status, severity (4.0, else 3.1), product and text', async () => {
    expect(titles(await list('status=investigating'))).toEqual(['Local log disclosure']);
    expect(titles(await list('severity=critical'))).toEqual(['Buffer overflow in RTSP']);
    expect(titles(await list('severity=medium'))).toEqual(['Weak TLS on ViewTV']);
    expect(titles(await list(`productId=${cam.id}`))).toEqual(['Local log disclosure', 'Buffer overflow in RTSP']);
    expect(titles(await list('q=tls'))).toEqual(['Weak TLS on ViewTV']);
    expect(titles(await list(`productId=${cam.id}&severity=low`))).toEqual(['Local log disclosure']);
  });

  it('sorts by score (unscored last) and by date, paging through every sort without losing a row', async () => {
    expect(titles(await list('sort=-score'))).toEqual([
      'Buffer overflow in RTSP',
      'Weak TLS on ViewTV',
      'Local log disclosure',
      'Unsorted report',
    ]);
    expect(titles(await list('sort=score')).slice(0, 3)).toEqual([
      'Local log disclosure',
      'Weak TLS on ViewTV',
      'Buffer overflow in RTSP',
    ]);
    for (const sort of ['-createdAt', 'createdAt', '-updatedAt', '-score', 'score']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const p: Page = await list(`sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...titles(p));
        cursor = p.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(titles(await list(`sort=${sort}`)));
      expect(new Set(seen).size).toBe(4);
    }
    expect(titles(await list('sort=createdAt'))).toEqual(Object.keys(ids));
  });

  it('refuses a bad filter or cursor with the field named, and keeps the need-to-know scope', async () => {
    for (const query of ['sort=name', 'severity=huge', 'productId=cam', 'cursor=abc']) {
      const res = await as(t.app, psirt).get(`/api/vulnerabilities?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(json<{ errors: { path: string }[] }>(res).errors[0]!.path, query).toMatch(/^querystring\./);
    }
    const forged = Buffer.from(JSON.stringify(['not a time', ids['Unsorted report']])).toString('base64url');
    expect((await as(t.app, psirt).get(`/api/vulnerabilities?cursor=${forged}`)).statusCode).toBe(400);
    // The divisional member sees only cases naming its products, whatever the filter.
    expect(titles(await list(`productId=${tv.id}`, psirtA))).toEqual([]);
    expect(titles(await list('sort=-score', psirtA))).toEqual(['Buffer overflow in RTSP', 'Local log disclosure']);
    expect(titles(await list('severity=medium', ciso))).toEqual(['Weak TLS on ViewTV']);
    expect((await as(t.app, employee).get('/api/vulnerabilities?severity=low')).statusCode).toBe(403);
  });
});

describe('CVSS scoring for the case page', () => {
  it('scores a 3.1 or 4.0 vector with the server library, for anyone who reads cases', async () => {
    const v4 = await as(t.app, psirt).post('/api/cvss-scores', { vector: V4_CRITICAL });
    expect(json(v4)).toEqual({ version: '4.0', vector: V4_CRITICAL, score: 9.3, severity: 'critical' });
    expect(json(await as(t.app, ciso).post('/api/cvss-scores', { vector: V31_MEDIUM }))).toMatchObject({
      version: '3.1',
      score: 6.1,
      severity: 'medium',
    });
  });

  it('refuses an invalid vector naming the field, and users without the PSIRT actions', async () => {
    for (const vector of ['AV:N/AC:L', 'CVSS:3.1/AV:N', 'CVSS:4.0/AV:N/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N']) {
      const res = await as(t.app, psirt).post('/api/cvss-scores', { vector });
      expect(res.statusCode, vector).toBe(400);
      expect(json<{ errors: { path: string }[] }>(res).errors[0]!.path).toBe('body.vector');
    }
    expect((await as(t.app, employee).post('/api/cvss-scores', { vector: V4_CRITICAL })).statusCode).toBe(403);
    expect((await as(t.app, null).post('/api/cvss-scores', { vector: V4_CRITICAL })).statusCode).toBe(401);
  });
});

describe('remediation tasks with an owner', () => {
  it('gives a task to an organisation, changes it, and refuses an unknown one', async () => {
    const caseId = ids['Buffer overflow in RTSP']!;
    const res = await as(t.app, psirt).post(`/api/vulnerabilities/${caseId}/tasks`, {
      kind: 'fix',
      title: 'Bounds check in the RTSP parser',
      ownerOrgUnitId: divA.id,
      dueOn: '2027-03-01',
    });
    expect(res.statusCode).toBe(201);
    const task = json<{ id: string; owner: { code: string } | null }>(res);
    expect(task.owner?.code).toBe('DA');
    const cleared = await as(t.app, psirtA).patch(`/api/vulnerabilities/${caseId}/tasks/${task.id}`, { ownerOrgUnitId: null });
    expect(json<{ owner: unknown }>(cleared).owner).toBeNull();
    const unknown = await as(t.app, psirt).patch(`/api/vulnerabilities/${caseId}/tasks/${task.id}`, {
      ownerOrgUnitId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(unknown).errors[0]!.path).toBe('body.ownerOrgUnitId');
    const d = json<{ tasks: { owner: unknown; dueOn: string }[] }>(await as(t.app, psirt).get(`/api/vulnerabilities/${caseId}`));
    expect(d.tasks).toMatchObject([{ owner: null, dueOn: '2027-03-01' }]);
    const byCiso = await as(t.app, ciso).patch(`/api/vulnerabilities/${caseId}/tasks/${task.id}`, { done: true });
    expect(byCiso.statusCode).toBe(403);
  });
});

describe('closing a case', () => {
  const rootCause = {
    rootCausePhase: 'implementation',
    rootCause: 'The RTSP parser copied the header without a length check; the review checklist had no item for it.',
    checkAdded: 'Fuzzing of the RTSP parser in CI and a checklist item for length checks.',
  };

  it('needs the root cause in the development process and the check added, naming what is missing', async () => {
    const caseId = ids['Buffer overflow in RTSP']!;
    const res = await as(t.app, psirt).patch(`/api/vulnerabilities/${caseId}`, { status: 'closed', rootCausePhase: 'design' });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path)).toEqual(['body.rootCause', 'body.checkAdded']);
    expect(json<{ status: string }>(await as(t.app, psirt).get(`/api/vulnerabilities/${caseId}`)).status).toBe('triage');

    const closed = await as(t.app, psirt).patch(`/api/vulnerabilities/${caseId}`, { status: 'closed', ...rootCause });
    expect(closed.statusCode).toBe(200);
    expect(json(closed)).toMatchObject({ status: 'closed', ...rootCause });
    const events = json<{ items: { action: string; after: { rootCausePhase?: string } }[] }>(
      await as(t.app, office).get(`/api/audit-events?targetId=${caseId}`),
    );
    expect(events.items.find((e) => e.action === 'vulnerability.update' && e.after.rootCausePhase)?.after.rootCausePhase).toBe(
      'implementation',
    );
  });

  it('keeps the record of a closed case: it cannot be cleared, other edits still work', async () => {
    const caseId = ids['Buffer overflow in RTSP']!;
    const clear = await as(t.app, psirt).patch(`/api/vulnerabilities/${caseId}`, { checkAdded: null });
    expect(clear.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(clear).errors.map((e) => e.path)).toEqual(['body.checkAdded']);
    expect((await as(t.app, psirt).patch(`/api/vulnerabilities/${caseId}`, { cveId: 'CVE-2026-20001' })).statusCode).toBe(200);
    expect((await as(t.app, ciso).patch(`/api/vulnerabilities/${caseId}`, { status: 'closed', ...rootCause })).statusCode).toBe(
      403,
    );
  });
});
