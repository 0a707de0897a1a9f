import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';
import { makePartner } from '../../partners/testing';

/** CRA report drafts saved for review, reviewed by a second person, submitted with their hash (issue 17). */

let t: TestApp;
let office: TestUser;
let psirt: TestUser;
let psirt2: TestUser;
let psirtB: TestUser;
let ciso: TestUser;
let employee: TestUser;
let partner: TestUser;
let productId: string;

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

interface Saved {
  id: string;
  sha256: string;
  status: string;
  productId: string | null;
  document: { stage: string; toCheck: string[]; products: { code: string }[] };
}
type Problem = { detailCode?: string; type: string; errors?: { path: string; code?: string }[] };

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const unit = (parentId: string | null, code: string, kind: string) => ({ parentId, code, kind, nameJa: code, nameEn: code });
  const g = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  const divA = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DA', 'site')));
  const divB = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(g.id, 'DB', 'site')));
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
  psirt2 = await createUser(t.database, [{ role: 'psirt_member' }]);
  psirtB = await createUser(t.database, [{ role: 'psirt_member', orgUnitId: divB.id }]);
  ciso = await createUser(t.database, [{ role: 'ciso' }]);
  employee = await createUser(t.database, [{ role: 'employee', orgUnitId: divA.id }]);
  partner = await createUser(t.database, [{ role: 'partner_user' }], { partnerId: (await makePartner(t.app, office, 'P1')).id });
  const res = await as(t.app, office).post('/api/products', {
    code: 'DR1',
    nameJa: 'DR1',
    nameEn: 'DR1',
    orgUnitId: divA.id,
    craInScope: true,
    euMarketSince: '2025-01-01',
    mainEstablishment: 'DE',
    euMarkets: ['DE', 'FR'],
  });
  productId = json<{ id: string }>(res).id;
}, 300_000);
afterAll(() => t?.close());

async function markedCase(title: string) {
  const { id } = json<{ id: string }>(await as(t.app, psirt).post('/api/vulnerabilities', { title, description: 'd' }));
  await as(t.app, psirt).patch(`/api/vulnerabilities/${id}`, { products: [{ productId, status: 'affected' }] });
  const marked = await as(t.app, psirt).post(`/api/vulnerabilities/${id}/cra-reporting`, {
    awareAt: ago(2),
    evidence: 'Exploit seen',
  });
  expect(marked.statusCode).toBe(201);
  return id;
}
const base = (id: string) => `/api/vulnerabilities/${id}/cra-reporting/saved-drafts`;
const save = (id: string, user = psirt, body: Record<string, unknown> = { stage: 'early_warning', productId }) =>
  as(t.app, user).post(base(id), body);
const review = (id: string, d: Saved, user: TestUser, extra: Record<string, unknown> = {}) =>
  as(t.app, user).post(`${base(id)}/${d.id}/review`, { sha256: d.sha256, ...extra });
const submit = (id: string, draftId: string, user = psirt) =>
  as(t.app, user).post(`/api/vulnerabilities/${id}/cra-reporting/submissions`, {
    ruleId: 'cra-vuln-early-warning',
    submittedAt: new Date().toISOString(),
    recipient: 'enisa_srp',
    reference: 'SRP-D1',
    draftId,
  });

describe('saved CRA report drafts', () => {
  it('saves, reviews by a second person and submits the draft with its hash', async () => {
    const id = await markedCase('Reviewed draft');
    const res = await save(id);
    expect(res.statusCode).toBe(201);
    const d = json<Saved>(res);
    expect(d).toMatchObject({ status: 'to_review', productId, document: { stage: 'early_warning' } });
    expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(json<Saved>(await as(t.app, ciso).get(`${base(id)}/${d.id}`)).sha256).toBe(d.sha256);
    // not reviewed yet: cannot be submitted
    const early = await submit(id, d.id);
    expect(early.statusCode).toBe(409);
    expect(json<Problem>(early).detailCode).toBe('cra.draft_not_reviewed');
    const reviewed = await review(id, d, psirt2);
    expect(reviewed.statusCode).toBe(200);
    expect(json<Saved>(reviewed).status).toBe('reviewed');
    const sent = await submit(id, d.id);
    expect(sent.statusCode).toBe(201);
    const stage = json<{ deadlines: { ruleId: string; submission: Record<string, unknown> | null }[] }>(sent).deadlines.find(
      (c) => c.ruleId === 'cra-vuln-early-warning',
    )!;
    expect(stage.submission).toMatchObject({ draftId: d.id, draftSha256: d.sha256, reference: 'SRP-D1' });
    expect(JSON.parse(stage.submission!.text as string).stage).toBe('early_warning');
    const list = json<{ items: Saved[] }>(await as(t.app, psirt).get(base(id))).items;
    expect(list.map((x) => x.status)).toEqual(['submitted']);
    // submitted: it never changes
    const edit = await as(t.app, psirt).put(`${base(id)}/${d.id}`, { document: d.document });
    expect(edit.statusCode).toBe(409);
  });

  it('four eyes: its author cannot review it without writing why; with the reason it is recorded', async () => {
    const id = await markedCase('Four eyes');
    const d = json<Saved>(await save(id));
    const own = await review(id, d, psirt);
    expect(own.statusCode).toBe(409);
    expect(json<Problem>(own).detailCode).toBe('cra.draft_own_review');
    const short = await review(id, d, psirt, { selfReviewReason: 'no' });
    expect(short.statusCode).toBe(400);
    expect(json<Problem>(short).errors!.map((e) => e.path)).toEqual(['body.selfReviewReason']);
    const withReason = await review(id, d, psirt, { selfReviewReason: 'Night shift: the only PSIRT member on duty' });
    expect(withReason.statusCode).toBe(200);
    expect(json<{ selfReviewReason: string; status: string }>(withReason)).toMatchObject({
      status: 'reviewed',
      selfReviewReason: 'Night shift: the only PSIRT member on duty',
    });
  });

  it('refuses a draft changed after its review, and a review of a hash that is no longer the draft’s', async () => {
    const id = await markedCase('Stale draft');
    const d = json<Saved>(await save(id));
    expect((await review(id, d, psirt2)).statusCode).toBe(200);
    const edited = await as(t.app, psirt).put(`${base(id)}/${d.id}`, {
      document: { ...d.document, toCheck: [...d.document.toCheck, 'Exploitation has stopped (confirmed).'] },
    });
    expect(edited.statusCode).toBe(200);
    const changed = json<Saved>(edited);
    expect(changed.status).toBe('changed_after_review');
    expect(changed.sha256).not.toBe(d.sha256);
    const stale = await submit(id, d.id);
    expect(stale.statusCode).toBe(409);
    expect(json<Problem>(stale).detailCode).toBe('cra.draft_changed_after_review');
    const oldHash = await review(id, d, psirt2);
    expect(oldHash.statusCode).toBe(409);
    expect(json<Problem>(oldHash).detailCode).toBe('cra.draft_changed');
    expect((await review(id, changed, psirt2)).statusCode).toBe(200);
    expect((await submit(id, d.id)).statusCode).toBe(201);
    // nothing is submitted twice
    expect((await submit(id, d.id)).statusCode).toBe(409);
  });

  it('refuses a draft of another stage, a text-less submission without a draft, and bad input naming each field', async () => {
    const id = await markedCase('Other stage');
    const d = json<Saved>(await save(id, psirt, { stage: 'notification' }));
    expect(d.productId).toBeNull();
    const wrong = await submit(id, d.id);
    expect(wrong.statusCode).toBe(400);
    expect(json<Problem>(wrong).errors).toEqual([
      expect.objectContaining({ path: 'body.draftId', code: 'cra.draft_other_stage' }),
    ]);
    const bare = await as(t.app, psirt).post(`/api/vulnerabilities/${id}/cra-reporting/submissions`, {
      ruleId: 'cra-vuln-early-warning',
      submittedAt: new Date().toISOString(),
      recipient: 'enisa_srp',
      reference: 'X',
    });
    expect(bare.statusCode).toBe(400);
    expect(json<Problem>(bare).errors).toEqual([expect.objectContaining({ path: 'body.text', code: 'cra.text_or_draft' })]);
    const bad = await save(id, psirt, { stage: 'nope', lang: 'fr' });
    expect(bad.statusCode).toBe(400);
    expect(
      json<Problem>(bad)
        .errors!.map((e) => e.path)
        .sort(),
    ).toEqual(['body.lang', 'body.stage']);
    expect(json<{ items: unknown[] }>(await as(t.app, psirt).get(base(id))).items).toHaveLength(1);
  });

  it('roles and scope: the CISO reads but does not save or review; other divisions 404; employees and partners 403', async () => {
    const id = await markedCase('Access');
    const d = json<Saved>(await save(id));
    expect((await as(t.app, ciso).get(base(id))).statusCode).toBe(200);
    expect((await save(id, ciso)).statusCode).toBe(403);
    expect((await review(id, d, ciso)).statusCode).toBe(403);
    expect((await review(id, d, office)).statusCode).toBe(200);
    for (const user of [employee, partner]) {
      expect((await as(t.app, user).get(base(id))).statusCode).toBe(403);
      expect((await as(t.app, user).get(`${base(id)}/${d.id}`)).statusCode).toBe(403);
      expect((await save(id, user)).statusCode).toBe(403);
    }
    expect((await as(t.app, psirtB).get(base(id))).statusCode).toBe(404);
    expect((await as(t.app, psirtB).get(`${base(id)}/${d.id}`)).statusCode).toBe(404);
    expect((await save(id, psirtB)).statusCode).toBe(404);
    expect((await review(id, d, psirtB)).statusCode).toBe(404);
    // a draft id of another case is not found under this case
    const other = await markedCase('Other');
    expect((await as(t.app, psirt).get(`${base(other)}/${d.id}`)).statusCode).toBe(404);
  });
});
