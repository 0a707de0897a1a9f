import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';

let t: TestApp;
let office: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
});
afterAll(() => t.close());

describe('GET /api/public/organisation', () => {
  it('answers without a session: no name before the org tree has a root, then the top company in both languages', async () => {
    expect(json(await as(t.app, null).get('/api/public/organisation'))).toEqual({ name: null });
    const company = { parentId: null, code: 'HZ', kind: 'company', nameJa: '星空工業', nameEn: 'Hoshizora Industries' };
    const made = json<{ id: string }>(await as(t.app, office).post('/api/org-units', company));
    await as(t.app, office).post('/api/org-units', {
      parentId: made.id,
      code: 'S',
      kind: 'site',
      nameJa: '工場',
      nameEn: 'Plant',
    });
    expect(json(await as(t.app, null).get('/api/public/organisation'))).toEqual({
      name: { ja: '星空工業', en: 'Hoshizora Industries' },
    });
  });
});
