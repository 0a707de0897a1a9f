import type { ClassificationScheme, EffectiveCompanySettings } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { auditOf, inParallel, unlinkedFields } from '../../test/concurrency';

let t: TestApp;
let office: TestUser;
let holding: string;
let company: string;

const profile = (i: number) => ({
  cisoPersonId: null,
  cpoPersonId: null,
  securityOfficeUnitId: null,
  fiscalYearStartMonth: (i % 12) + 1,
  defaultLanguage: 'ja',
  timeZone: 'Asia/Tokyo',
  publicNameJa: `会社 ${i}`,
  publicNameEn: `Company ${i}`,
  psirtContact: '',
  privacyWindow: '',
  modules: [],
});

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const add = async (parentId: string | null, code: string) =>
    json<{ id: string }>(
      await as(t.app, office).post('/api/org-units', { parentId, code, kind: 'company', nameJa: code, nameEn: code }),
    ).id;
  holding = await add(null, 'H');
  company = await add(holding, 'C');
});
afterAll(() => t.close());

describe('concurrent company changes', () => {
  it('lets one of several saves against the same profile version through, refuses the others with 412', async () => {
    const answers = await inParallel(6, (i) =>
      as(t.app, office).put(`/api/companies/${company}`, profile(i), { 'if-match': '"0"' }),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 412, 412, 412, 412, 412]);
    const after = await inParallel(6, (i) => as(t.app, office).put(`/api/companies/${company}`, profile(i)));
    expect(after.map((a) => a.statusCode)).toEqual(after.map(() => 200));
    const events = await auditOf(t.database, 'company', company);
    expect(events).toHaveLength(7);
    expect(unlinkedFields(events, ['updatedAt'])).toEqual([]);
  });

  it('leaves a company value saved while the group tightens a rule either refused or flagged looser, never unseen', async () => {
    const settings = json<EffectiveCompanySettings>(await as(t.app, office).get(`/api/companies/${company}/settings`));
    const base = settings.items.find((s) => s.key === 'assets.classification')!.value as ClassificationScheme;
    // the group forbids disposing of "public" information; the company keeps it allowed but adds a class-level change
    const group = structuredClone(base);
    group.classes.find((c) => c.code === 'public')!.rules.dispose.decision = 'forbidden';
    const own = structuredClone(base);
    own.classes.find((c) => c.code === 'public')!.rules.label.decision = 'approval';
    own.classes.find((c) => c.code === 'public')!.rules.label.approvers = ['org_head'];
    const [g, c] = await Promise.all([
      as(t.app, office).put('/api/settings/classification', group),
      as(t.app, office).put(`/api/companies/${company}/settings/assets.classification`, { value: own }),
    ]);
    expect(g.statusCode).toBe(200);
    // either the company saved first (and is now flagged looser than the group), or it saw the group's rule and was refused
    const reach = json<{ companies: { unitId: string; looserThanGroup: boolean }[] }>(
      await as(t.app, office).get('/api/company-settings/assets.classification/reach'),
    );
    const flagged = reach.companies.find((x) => x.unitId === company)!.looserThanGroup;
    if (c.statusCode === 200) expect(flagged).toBe(true);
    else {
      expect(c.statusCode).toBe(400);
      expect(flagged).toBe(false);
    }
  });
});
