import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables';
import { notifications } from '../../../platform/notifications/tables';
import { as, json, testConfig } from '../../../test/app';
import { loadPrincipal } from '../../../platform/auth/principal-loader';
import { remindDocumentReviews } from './reminders';
import { attentionFor } from './service';
import { governanceDocuments } from './tables';
import { govWorld, publishedDocument, type DocView, type GovWorld } from './test-world';

let w: GovWorld;
type Problem = { status: number; detailCode?: string; errors?: { path: string; code?: string }[] };
const portal = async (user: GovWorld['office'], q = '') =>
  json<{ items: { id: string; key: string }[] }>(await as(w.t.app, user).get(`/api/documents${q}`)).items.map((d) => d.key);

// generous: the world is built through the API, slow on a busy machine
beforeAll(async () => {
  w = await govWorld();
}, 180_000);
afterAll(() => w.t.close());

describe('writing a document', () => {
  it('lets the office create one (its first version a draft) and refuses everyone else', async () => {
    const body = { kind: 'policy', key: 'policy', titleJa: '情報セキュリティ基本方針', titleEn: 'Information security policy' };
    const res = await as(w.t.app, w.office).post('/api/documents', body);
    expect(res.statusCode).toBe(201);
    expect(json<DocView>(res)).toMatchObject({ publishedVersion: null, openVersion: { number: 1, status: 'draft' } });
    for (const user of [w.ciso, w.employeeA, w.headA, w.auditor, w.partner])
      expect((await as(w.t.app, user).post('/api/documents', { ...body, key: 'other' })).statusCode).toBe(403);
    expect((await as(w.t.app, w.office).post('/api/documents', body)).statusCode).toBe(409);
  });

  it('refuses a site office a group-wide document or a unit outside its site, naming the field', async () => {
    const body = { kind: 'guide', key: 'site-guide', titleJa: '手引', titleEn: 'Guide' };
    const group = await as(w.t.app, w.officeA).post('/api/documents', body);
    expect(group.statusCode).toBe(400);
    expect(json<Problem>(group).errors).toEqual([
      expect.objectContaining({ path: 'body.scopeUnitId', code: 'documents.scope_required' }),
    ]);
    const other = await as(w.t.app, w.officeA).post('/api/documents', { ...body, scopeUnitId: w.units.siteB });
    expect(json<Problem>(other).errors).toEqual([expect.objectContaining({ code: 'documents.scope_unknown' })]);
    expect((await as(w.t.app, w.officeA).post('/api/documents', { ...body, scopeUnitId: w.units.siteA })).statusCode).toBe(201);
  });

  it('refuses to publish a version the CISO has not approved, and lets only the CISO approve', async () => {
    const doc = json<DocView>(
      await as(w.t.app, w.office).post('/api/documents', {
        kind: 'guideline',
        key: 'common-guideline',
        titleJa: '共通ガイドライン',
        titleEn: 'Common guideline',
        bodyJa: '本文',
        bodyEn: 'Text',
      }),
    );
    const early = await as(w.t.app, w.office).post(`/api/documents/${doc.id}/versions/1/publish`);
    expect(early.statusCode).toBe(409);
    expect(json<Problem>(early).detailCode).toBe('documents.not_approved');
    expect((await as(w.t.app, w.office).post(`/api/documents/${doc.id}/versions/1/submit`)).statusCode).toBe(200);
    expect((await as(w.t.app, w.office).post(`/api/documents/${doc.id}/versions/1/approve`)).statusCode).toBe(403);
    expect((await as(w.t.app, w.office).post(`/api/documents/${doc.id}/versions/1/publish`)).statusCode).toBe(409);
    expect((await as(w.t.app, w.ciso).post(`/api/documents/${doc.id}/versions/1/approve`)).statusCode).toBe(200);
    const published = await as(w.t.app, w.office).post(`/api/documents/${doc.id}/versions/1/publish`);
    expect(published.statusCode).toBe(200);
    expect(json<DocView>(published)).toMatchObject({ publishedVersion: 1, openVersion: null, reviewDueOn: expect.any(String) });
  });

  it('refuses to submit a draft without text in both languages', async () => {
    const doc = json<DocView>(
      await as(w.t.app, w.office).post('/api/documents', {
        kind: 'guide',
        key: 'empty',
        titleJa: '空',
        titleEn: 'Empty',
        bodyJa: 'あり',
      }),
    );
    const res = await as(w.t.app, w.office).post(`/api/documents/${doc.id}/versions/1/submit`);
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors).toEqual([
      expect.objectContaining({ path: 'body.bodyEn', code: 'documents.body_required' }),
    ]);
  });

  it('refuses to edit a published version, and a stale If-Match on a draft (412, nothing changed)', async () => {
    const doc = await publishedDocument(w, { key: 'frozen' });
    const edit = await as(w.t.app, w.office).patch(`/api/documents/${doc.id}/versions/1`, { bodyJa: '書き換え' });
    expect(edit.statusCode).toBe(409);
    expect(json<Problem>(edit).detailCode).toBe('documents.not_draft');
    const draft = json<DocView>(
      await as(w.t.app, w.office).post('/api/documents', { kind: 'guide', key: 'race', titleJa: '競合', titleEn: 'Race' }),
    );
    const tag = (await as(w.t.app, w.office).get(`/api/documents/${draft.id}/versions/1`)).headers.etag as string;
    const first = await as(w.t.app, w.office).patch(
      `/api/documents/${draft.id}/versions/1`,
      { bodyJa: '一人目' },
      { 'if-match': tag },
    );
    expect(first.statusCode).toBe(200);
    const second = await as(w.t.app, w.office).patch(
      `/api/documents/${draft.id}/versions/1`,
      { bodyJa: '二人目' },
      { 'if-match': tag },
    );
    expect(second.statusCode).toBe(412);
    const now = json<{ bodyJa: string }>(await as(w.t.app, w.office).get(`/api/documents/${draft.id}/versions/1`));
    expect(now.bodyJa).toBe('一人目');
  });

  it('audits each step of the workflow', async () => {
    const doc = await publishedDocument(w, { key: 'audited' });
    const events = await w.t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, 'document'), eq(auditEvents.targetId, doc.id)));
    expect(events.map((e) => e.action)).toEqual(['document.create', 'document.submit', 'document.approve', 'document.publish']);
  });
});

describe('the portal', () => {
  let siteGuide: DocView;
  beforeAll(async () => {
    await publishedDocument(w, { key: 'portal-group', requiresAck: true, titleJa: '全社の持ち出し手引書' });
    siteGuide = await publishedDocument(w, { key: 'portal-site-a', scopeUnitId: w.units.siteA });
    await publishedDocument(w, { key: 'portal-heads', roles: ['org_head'] });
  });

  it('shows each reader the published documents that apply to their unit and roles', async () => {
    const a = await portal(w.employeeA);
    expect(a).toEqual(expect.arrayContaining(['portal-group', 'portal-site-a']));
    expect(a).not.toContain('portal-heads');
    expect(a).not.toContain('race'); // a draft
    const b = await portal(w.employeeB);
    expect(b).toContain('portal-group');
    expect(b).not.toContain('portal-site-a');
    expect(await portal(w.headA)).toContain('portal-heads');
    expect((await as(w.t.app, w.employeeB).get(`/api/documents/${siteGuide.id}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.employeeA).get(`/api/documents/${siteGuide.id}`)).statusCode).toBe(200);
  });

  it('searches the title and text', async () => {
    const hits = await portal(w.employeeA, `?q=${encodeURIComponent('全社の持ち出し')}`);
    expect(hits).toEqual(['portal-group']);
    expect(await portal(w.employeeA, '?q=approval')).toEqual(expect.arrayContaining(['portal-group', 'portal-site-a']));
  });

  it('refuses partner accounts everything, and hides drafts from readers', async () => {
    expect((await as(w.t.app, w.partner).get('/api/documents')).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).get(`/api/documents/${siteGuide.id}`)).statusCode).toBe(403);
    expect((await as(w.t.app, w.partner).post(`/api/documents/${siteGuide.id}/versions/1/acknowledge`)).statusCode).toBe(403);
    const draft = json<DocView>(
      await as(w.t.app, w.office).post('/api/documents', { kind: 'guide', key: 'hidden', titleJa: '秘', titleEn: 'Hidden' }),
    );
    expect((await as(w.t.app, w.employeeA).get(`/api/documents/${draft.id}`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.employeeA).get(`/api/documents/${draft.id}/versions/1`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.employeeA).get('/api/documents?view=manage')).statusCode).toBe(403);
  });
});

describe('acknowledgements', () => {
  let doc: DocView;
  beforeAll(async () => {
    doc = await publishedDocument(w, { key: 'ack-me', requiresAck: true });
  });

  it('records the reader’s acknowledgement of the published version once', async () => {
    const res = await as(w.t.app, w.employeeA).post(`/api/documents/${doc.id}/versions/1/acknowledge`);
    expect(res.statusCode).toBe(200);
    expect((await as(w.t.app, w.employeeA).post(`/api/documents/${doc.id}/versions/1/acknowledge`)).statusCode).toBe(200);
    const detail = json<DocView & { acknowledgedAt: string }>(await as(w.t.app, w.employeeA).get(`/api/documents/${doc.id}`));
    expect(detail).toMatchObject({ acknowledged: true, acknowledgedAt: expect.any(String) });
  });

  it('rolls the rate up per unit for the office, and lists who has not acknowledged for the unit’s head', async () => {
    const rates = json<{
      people: number;
      acknowledged: number;
      units: { unit: { id: string }; people: number; acknowledged: number }[];
    }>(await as(w.t.app, w.office).get(`/api/documents/${doc.id}/acknowledgements`));
    const dept = rates.units.find((u) => u.unit.id === w.units.deptA)!;
    expect(dept).toMatchObject({ people: 3, acknowledged: 1 });
    expect(rates.units.find((u) => u.unit.id === w.units.siteB)).toMatchObject({ people: 1, acknowledged: 0 });
    const head = json<{ units: { unit: { id: string } }[] }>(
      await as(w.t.app, w.headA).get(`/api/documents/${doc.id}/acknowledgements`),
    );
    expect(head.units.map((u) => u.unit.id)).toEqual([w.units.deptA]);
    const missing = json<{ items: { employeeNo: string }[] }>(
      await as(w.t.app, w.headA).get(`/api/documents/${doc.id}/acknowledgements/missing?unitId=${w.units.deptA}`),
    );
    expect(missing.items).toHaveLength(2);
    expect(
      (await as(w.t.app, w.headA).get(`/api/documents/${doc.id}/acknowledgements/missing?unitId=${w.units.siteB}`)).statusCode,
    ).toBe(404);
    expect((await as(w.t.app, w.employeeA).get(`/api/documents/${doc.id}/acknowledgements`)).statusCode).toBe(404);
    expect((await as(w.t.app, w.partner).get(`/api/documents/${doc.id}/acknowledgements`)).statusCode).toBe(403);
  });

  it('refuses to acknowledge an outdated version once the next one is published', async () => {
    const review = await as(w.t.app, w.office).post(`/api/documents/${doc.id}/review`, {
      outcome: 'revise',
      reason: '持ち出し記録の保存期間を変更',
    });
    expect(review.statusCode).toBe(200);
    expect(json<DocView>(review).openVersion).toEqual({ number: 2, status: 'draft' });
    for (const [user, step] of [
      [w.office, 'submit'],
      [w.ciso, 'approve'],
      [w.office, 'publish'],
    ] as const)
      expect((await as(w.t.app, user).post(`/api/documents/${doc.id}/versions/2/${step}`)).statusCode).toBe(200);
    const old = await as(w.t.app, w.employeeA2).post(`/api/documents/${doc.id}/versions/1/acknowledge`);
    expect(old.statusCode).toBe(409);
    expect(json<Problem>(old).detailCode).toBe('documents.ack_outdated');
    const detail = json<DocView>(await as(w.t.app, w.employeeA).get(`/api/documents/${doc.id}`));
    expect(detail.acknowledged).toBe(false); // version 2 is new to everyone
    expect((await as(w.t.app, w.employeeA2).post(`/api/documents/${doc.id}/versions/2/acknowledge`)).statusCode).toBe(200);
  });

  it('refuses to acknowledge a document that asks for none', async () => {
    const plain = await publishedDocument(w, { key: 'no-ack' });
    const res = await as(w.t.app, w.employeeA).post(`/api/documents/${plain.id}/versions/1/acknowledge`);
    expect(res.statusCode).toBe(409);
    expect(json<Problem>(res).detailCode).toBe('documents.ack_not_required');
  });
});

describe('the yearly review', () => {
  it('moves the review date a year on when unchanged, and refuses a second open version', async () => {
    const doc = await publishedDocument(w, { key: 'yearly' });
    await w.t.database.db
      .update(governanceDocuments)
      .set({ reviewDueOn: '2020-01-01' })
      .where(eq(governanceDocuments.id, doc.id));
    const res = await as(w.t.app, w.office).post(`/api/documents/${doc.id}/review`, {
      outcome: 'unchanged',
      reason: '法改正なし',
    });
    expect(json<DocView>(res).reviewDueOn! > '2026-01-01').toBe(true);
    expect(
      (await as(w.t.app, w.office).post(`/api/documents/${doc.id}/review`, { outcome: 'revise', reason: 'a' })).statusCode,
    ).toBe(200);
    const again = await as(w.t.app, w.office).post(`/api/documents/${doc.id}/review`, { outcome: 'revise', reason: 'b' });
    expect(again.statusCode).toBe(409);
    expect(
      (await as(w.t.app, w.employeeA).post(`/api/documents/${doc.id}/review`, { outcome: 'unchanged', reason: 'x' })).statusCode,
    ).toBe(403);
  });

  it('reminds the offices once before the review date', async () => {
    const doc = await publishedDocument(w, { key: 'remind-me' });
    await w.t.database.db
      .update(governanceDocuments)
      .set({ reviewDueOn: '2020-02-01' })
      .where(eq(governanceDocuments.id, doc.id));
    const sent = await remindDocumentReviews(w.t.database.db, testConfig());
    expect(sent).toBeGreaterThan(0);
    expect(await remindDocumentReviews(w.t.database.db, testConfig())).toBe(0);
    const mine = await w.t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, w.office.id), eq(notifications.kind, 'document.review-due')));
    expect(mine.some((n) => n.link === `/documents/${doc.id}/edit`)).toBe(true);
  });
});

describe('attachments', () => {
  it('attaches an allowed file to a draft and refuses other types', async () => {
    const draft = json<DocView>(
      await as(w.t.app, w.office).post('/api/documents', { kind: 'guide', key: 'files', titleJa: '様式', titleEn: 'Forms' }),
    );
    const ok = await as(w.t.app, w.office).post(`/api/documents/${draft.id}/versions/1/files`, {
      name: '持ち出し申請書.txt',
      mediaType: 'text/plain',
      contentBase64: Buffer.from('form').toString('base64'),
    });
    expect(ok.statusCode).toBe(201);
    const html = await as(w.t.app, w.office).post(`/api/documents/${draft.id}/versions/1/files`, {
      name: 'x.html',
      mediaType: 'text/html',
      contentBase64: Buffer.from('<script>').toString('base64'),
    });
    expect(json<Problem>(html).errors).toEqual([
      expect.objectContaining({ path: 'body.mediaType', code: 'documents.file_type' }),
    ]);
    const file = await as(w.t.app, w.office).get(`/api/documents/${draft.id}/versions/1/files/${json<{ id: string }>(ok).id}`);
    expect(file.body).toBe('form');
    expect(file.headers['content-disposition']).toContain('attachment');
  });
});

describe('needs my attention', () => {
  it('lists documents awaiting my acknowledgement, and versions awaiting the CISO’s approval', async () => {
    const doc = await publishedDocument(w, { key: 'attention', requiresAck: true });
    const employee = (await loadPrincipal(w.t.database.db, w.employeeB.id, 'token', null))!;
    const mine = await attentionFor(w.t.database.db, employee, 50);
    expect(mine).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'documentToAcknowledge', id: doc.id })]));
    const draft = json<DocView>(
      await as(w.t.app, w.office).post('/api/documents', {
        kind: 'guide',
        key: 'to-approve',
        titleJa: '承認',
        titleEn: 'Approve',
        bodyJa: 'a',
        bodyEn: 'b',
      }),
    );
    await as(w.t.app, w.office).post(`/api/documents/${draft.id}/versions/1/submit`);
    const ciso = (await loadPrincipal(w.t.database.db, w.ciso.id, 'token', null))!;
    expect(await attentionFor(w.t.database.db, ciso, 50)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'documentToApprove', id: draft.id })]),
    );
    expect((await attentionFor(w.t.database.db, employee, 50)).some((i) => i.kind === 'documentToApprove')).toBe(false);
  });
});
