import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';

let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let siteOffice: TestUser;
const url: Record<string, string> = {};

const post = async (user: TestUser, path: string, body: unknown) => {
  const res = await as(t.app, user).post(path, body);
  if (res.statusCode !== 201) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
  return json<{ id: string }>(res).id;
};

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = await post(office, '/api/org-units', unit(null, 'G', 'company'));
  const a = await post(office, '/api/org-units', unit(g, 'A', 'site'));
  const b = await post(office, '/api/org-units', unit(g, 'B', 'site'));
  siteOffice = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: b }]);
  url.unit = `/api/org-units/${a}`;
  url.person = `/api/people/${await post(office, '/api/people', { employeeNo: 'E1', nameJa: 'E', nameEn: 'E', kind: 'employee', orgUnitId: a })}`;
  const shares = { papers: true, digitized: false, embodiments: false, knowHow: false, strictlyConfidential: false };
  url.partner = `/api/partners/${await post(office, '/api/partners', { nameJa: 'P', nameEn: 'P', corporateNumber: null, country: 'JP', shares, orgUnitIds: [a] })}`;
  const product = await post(office, '/api/products', { code: 'P1', nameJa: 'P', nameEn: 'P', productLine: 'X', orgUnitId: a });
  url.product = `/api/products/${product}`;
  url.release = `/api/products/${product}/releases/${await post(office, `/api/products/${product}/releases`, { version: '1.0' })}`;
  url.vulnerability = `/api/vulnerabilities/${await post(psirt, '/api/vulnerabilities', { title: 'XSS', description: 'x' })}`;
  url.incident = `/api/incidents/${await post(office, '/api/incidents', {
    typeId: 'loss_theft',
    title: 'Lost laptop',
    description: 'Lost on the train',
    discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
    orgUnitId: a,
    language: 'en',
  })}`;
});
afterAll(() => t.close());

/** A change each record accepts, and how to read back the field it changes. */
const change: Record<string, [Record<string, unknown>, string]> = {
  unit: [{ nameEn: 'Renamed' }, 'nameEn'],
  person: [{ nameEn: 'Renamed' }, 'nameEn'],
  partner: [{ nameEn: 'Renamed' }, 'nameEn'],
  product: [{ nameEn: 'Renamed' }, 'nameEn'],
  release: [{ releasedOn: '2026-02-03' }, 'releasedOn'],
  vulnerability: [{ title: 'Renamed' }, 'title'],
  incident: [{ title: 'Renamed' }, 'title'],
};
const userFor = (k: string) => (k === 'vulnerability' ? psirt : office);

describe('ETag and If-Match on the main records', () => {
  it.each(Object.keys(change))('%s: answers its version as ETag; a stale If-Match is 412 and changes nothing', async (k) => {
    const [body, field] = change[k]!;
    const user = userFor(k);
    const get = async () => {
      if (k === 'release') {
        const product = json<{ releases: { id: string; rowVersion: number; releasedOn: string | null }[] }>(
          await as(t.app, user).get(url.product!),
        );
        const r = product.releases.find((x) => url.release!.endsWith(x.id))!;
        return { etag: `"${r.rowVersion}"`, record: r as unknown as Record<string, unknown> };
      }
      const res = await as(t.app, user).get(url[k]!);
      expect(res.statusCode).toBe(200);
      expect(res.headers.etag).toBe(`"${json<{ rowVersion: number }>(res).rowVersion}"`);
      return { etag: res.headers.etag as string, record: json(res) };
    };
    const first = await get();
    // A change with the current tag applies, and answers the new tag.
    const ok = await as(t.app, user).patch(url[k]!, body, { 'if-match': first.etag });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe(`"${Number(JSON.parse(first.etag)) + 1}"`);
    // The same tag again is stale now: 412, problem code precondition-failed, nothing written.
    const stale = await as(t.app, user).patch(
      url[k]!,
      { ...body, [field]: field === 'releasedOn' ? '2027-01-01' : 'Lost' },
      {
        'if-match': first.etag,
      },
    );
    expect(stale.statusCode).toBe(412);
    expect(json<{ type: string }>(stale).type).toMatch(/precondition-failed$/);
    const after = await get();
    expect(after.etag).toBe(ok.headers.etag);
    expect(after.record[field]).toBe(body[field]);
    // Weak tags never match (strong comparison); * and no If-Match apply to the current version.
    expect((await as(t.app, user).patch(url[k]!, body, { 'if-match': `W/${after.etag}` })).statusCode).toBe(412);
    expect((await as(t.app, user).patch(url[k]!, body, { 'if-match': '*' })).statusCode).toBe(200);
    expect((await as(t.app, user).patch(url[k]!, body)).statusCode).toBe(200);
    expect((await as(t.app, user).patch(url[k]!, body, { 'if-match': `"1", ${after.etag}` })).statusCode).toBe(412);
  });

  it('refuses a malformed If-Match as bad input, naming the header', async () => {
    const res = await as(t.app, office).patch(url.partner!, { nameEn: 'x' }, { 'if-match': 'version 3' });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path)).toEqual([expect.stringContaining('if-match')]);
  });

  it('answers 404, not 412, for a record outside the scope, whatever the tag', async () => {
    const res = await as(t.app, siteOffice).patch(url.unit!, { nameEn: 'x' }, { 'if-match': '"999"' });
    expect(res.statusCode).toBe(404);
  });

  it('documents If-Match and ETag in the OpenAPI of every such route', async () => {
    const doc = json<{
      paths: Record<
        string,
        Record<string, { parameters?: { in: string; name: string }[]; responses: Record<string, { headers?: object }> }>
      >;
    }>(await as(t.app, null).get('/api/openapi.json'));
    const withIfMatch = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.parameters?.some((p) => p.in === 'header' && p.name === 'if-match'))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(withIfMatch.sort()).toEqual(
      [
        'DELETE /api/tara-analyses/{id}/attack-nodes/{cid}',
        'DELETE /api/tara-analyses/{id}/r155-exclusions/{code}',
        'DELETE /api/tara-analyses/{id}/threat-scenarios/{cid}',
        'PATCH /api/assets/{id}',
        'PATCH /api/auditors/{id}',
        'PATCH /api/audits/{id}',
        'PATCH /api/business-flows/{id}',
        'PATCH /api/certifications/{id}',
        'PATCH /api/documents/{id}',
        'PATCH /api/documents/{id}/versions/{v}',
        'PATCH /api/improvement-requests/{id}',
        'PATCH /api/incidents/{id}',
        'PATCH /api/interface-agreements/{id}',
        'PATCH /api/management-reviews/{id}',
        'PATCH /api/management-reviews/{id}/actions/{actionId}',
        'PATCH /api/org-units/{id}',
        'PATCH /api/partners/{id}',
        'PATCH /api/people/{id}',
        'PATCH /api/plans/{id}',
        'PATCH /api/privacy-requests/{id}',
        'PATCH /api/processing-activities/{id}',
        'PATCH /api/products/{id}',
        'PATCH /api/products/{id}/iec62443',
        'PUT /api/products/{id}/iec62443/practices',
        'PUT /api/products/{id}/iec62443/requirements',
        'PATCH /api/products/{id}/releases/{rid}',
        'PATCH /api/risks/{id}',
        'PATCH /api/soa/{id}/versions/{v}/entries/{controlId}',
        'PATCH /api/systems/{id}',
        'PATCH /api/tara-analyses/{id}',
        'PATCH /api/tara-analyses/{id}/assets/{cid}',
        'PATCH /api/tara-analyses/{id}/attack-nodes/{cid}',
        'PATCH /api/tara-analyses/{id}/damage-scenarios/{cid}',
        'PATCH /api/tara-analyses/{id}/threat-scenarios/{cid}',
        'PATCH /api/tara-methods/{version}',
        'PATCH /api/test-plans/{id}',
        'PATCH /api/vulnerabilities/{id}',
        'PATCH /api/zones/{id}',
        'POST /api/assessment-findings/{id}/exception',
        'POST /api/assessment-findings/{id}/exception/decide',
        'POST /api/assessment-findings/{id}/incident',
        'POST /api/assets/{id}/dispose',
        'POST /api/audit-findings/{id}/answer',
        'POST /api/audit-findings/{id}/verify',
        'POST /api/audits/{id}/transition',
        'POST /api/control-status-requests/{id}/units/{unitId}/answer',
        'POST /api/courses/{id}/publish',
        'POST /api/privacy-requests/{id}/extend',
        'PUT /api/interface-agreements/{id}/responsibilities',
        'POST /api/documents/{id}/review',
        'POST /api/documents/{id}/versions/{v}/approve',
        'POST /api/documents/{id}/versions/{v}/publish',
        'POST /api/documents/{id}/versions/{v}/submit',
        'POST /api/drills/{id}/cancel',
        'POST /api/drills/{id}/queue',
        'POST /api/management-reviews/{id}/close',
        'POST /api/management-reviews/{id}/pack',
        'POST /api/plan-tasks/{id}/complete',
        'POST /api/plan-tasks/{id}/reopen',
        'POST /api/plans/{id}/publish',
        'POST /api/privacy-requests/{id}/answer',
        'POST /api/processing-activities/{id}/reviews',
        'POST /api/risks/{id}/accept',
        'POST /api/service-reviews/{id}/decide',
        'POST /api/soa/{id}/versions/{v}/approve',
        'POST /api/soa/{id}/versions/{v}/submit',
        'POST /api/systems/{id}/retire',
        'POST /api/tara-analyses/{id}/assets',
        'POST /api/tara-analyses/{id}/attack-nodes',
        'POST /api/tara-analyses/{id}/damage-scenarios',
        'POST /api/tara-analyses/{id}/rerate',
        'POST /api/tara-analyses/{id}/risks/{threatId}/{damageId}/sign',
        'POST /api/tara-analyses/{id}/threat-scenarios',
        'POST /api/tara-methods/{version}/approve',
        'POST /api/test-findings/{id}/acceptance',
        'POST /api/test-findings/{id}/acceptance/decision',
        'POST /api/test-findings/{id}/false-positive',
        'POST /api/test-findings/{id}/retest',
        'PUT /api/certifications/{id}/file',
        'PUT /api/companies/{unitId}',
        'PUT /api/companies/{unitId}/settings/auth.signInRules',
        'PUT /api/companies/{unitId}/settings/{key}',
        'PUT /api/courses/{id}',
        'PUT /api/coverage-sources/{id}',
        'PUT /api/fsirt-impacts/{id}',
        'PUT /api/incidents/{id}/processing-activities',
        'PUT /api/report-templates/{id}',
        'PUT /api/settings/asset-fields',
        'PUT /api/settings/classification',
        'PUT /api/settings/group-incident-sharing',
        'PUT /api/settings/mail-template',
        'PUT /api/settings/risk-method',
        'PUT /api/settings/ship-gate',
        'PUT /api/systems/{id}/assets',
        'PUT /api/tara-analyses/{id}/r155-exclusions/{code}',
        'PUT /api/tara-analyses/{id}/risks/{threatId}/{damageId}',
      ].sort(),
    );
    type Op = { responses: Record<string, { headers?: object }> } | undefined;
    const tagged = (op: Op) => !!op?.responses['200']?.headers && 'etag' in op.responses['200'].headers;
    const untagged: string[] = [];
    for (const entry of withIfMatch) {
      const [method, path] = entry.split(' ') as [string, string];
      if (!tagged(doc.paths[path]![method.toLowerCase()])) untagged.push(entry);
      if (path === '/api/products/{id}/releases/{rid}') continue;
      // the record's read (the path itself, or for an action like …/{id}/accept the record above it) gives the tag
      let read = path;
      while (!doc.paths[read]?.get && read.includes('/')) read = read.slice(0, read.lastIndexOf('/'));
      if (!tagged(doc.paths[read]?.get)) untagged.push(`${entry} (read: GET ${read})`);
    }
    // A unit's answer carries its row version in the request's list of answers (many records on one page, no tag).
    // An incident's register entries are changed under the incident's own version (GET /api/incidents/{id} tags it).
    // A certificate's file is replaced under the certificate's version (GET /api/certifications/{id} tags it; the GET
    // of the file is the file). A company's settings are listed together, each with its own version in the list (its
    // sign-in rules have a route of their own, which asks for recent authentication).
    // A TARA is re-rated under the analysis's version (GET /api/tara-analyses/{id} tags it; GET …/rerate is the
    // preview). A test finding is read in its plan (each finding with its version in GET /api/test-plans/{id}), and a
    // console's coverage mapping in the list of mappings, each with its version.
    expect(untagged).toEqual([
      'POST /api/control-status-requests/{id}/units/{unitId}/answer (read: GET /api/control-status-requests/{id})',
      'POST /api/tara-analyses/{id}/rerate',
      'POST /api/tara-analyses/{id}/rerate (read: GET /api/tara-analyses/{id}/rerate)',
      'POST /api/test-findings/{id}/acceptance (read: GET )',
      'POST /api/test-findings/{id}/acceptance/decision (read: GET )',
      'POST /api/test-findings/{id}/false-positive (read: GET )',
      'POST /api/test-findings/{id}/retest (read: GET )',
      'PUT /api/certifications/{id}/file (read: GET /api/certifications/{id}/file)',
      'PUT /api/companies/{unitId}/settings/auth.signInRules',
      'PUT /api/companies/{unitId}/settings/auth.signInRules (read: GET /api/companies/{unitId}/settings)',
      'PUT /api/companies/{unitId}/settings/{key}',
      'PUT /api/companies/{unitId}/settings/{key} (read: GET /api/companies/{unitId}/settings)',
      'PUT /api/coverage-sources/{id} (read: GET /api/coverage-sources)',
      'PUT /api/incidents/{id}/processing-activities',
      'PUT /api/incidents/{id}/processing-activities (read: GET /api/incidents/{id}/processing-activities)',
    ]);
  });
});
