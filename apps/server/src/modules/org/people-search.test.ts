import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { MAX_TOKENS, prefixUpperBound } from './people-search';

let t: TestApp;
let office: TestUser;
let siteOffice: TestUser;
let siteA: { id: string };
let siteB: { id: string };
const ids = new Map<string, string>();

const unit = (parentId: string | null, code: string, kind: string) => ({
  parentId,
  code,
  kind,
  nameJa: `部署 ${code}`,
  nameEn: `Unit ${code}`,
});

// employee number, kanji name, romaji name, site
const PEOPLE: [string, string, string, 'A' | 'B'][] = [
  ['S1', '佐藤 浩', 'Sato Hiroshi', 'A'],
  ['S2', '伊藤 聡', 'Ito Satoshi', 'A'],
  ['S3', '佐藤 聡', 'Sato Satoshi', 'A'], // two words match "sato": listed once
  ['S4', '里見 直子', 'Satomi Naoko', 'B'],
  ['S5', '田中 太郎', 'Tanaka Taro', 'A'],
  ['S6', '中田 太一', 'Nakata Taichi', 'B'],
  ['S7', '佐々木 浩', 'Sasaki Hiroshi', 'A'],
];

type Page = { items: { employeeNo: string }[]; nextCursor: string | null };
const list = async (user: TestUser, query: string) => json<Page>(await as(t.app, user).get(`/api/people?${query}`));
const nos = (p: Page) => p.items.map((i) => i.employeeNo);
const q = (s: string) => encodeURIComponent(s);

beforeAll(async () => {
  t = await createTestApp();
  office = await createUser(t.database, [{ role: 'security_office' }]);
  const group = json<{ id: string }>(await as(t.app, office).post('/api/org-units', unit(null, 'G', 'company')));
  siteA = json(await as(t.app, office).post('/api/org-units', unit(group.id, 'SA', 'site')));
  siteB = json(await as(t.app, office).post('/api/org-units', unit(group.id, 'SB', 'site')));
  siteOffice = await createUser(t.database, [{ role: 'site_security_office', orgUnitId: siteA.id }]);
  for (const [employeeNo, nameJa, nameEn, site] of PEOPLE) {
    const orgUnitId = site === 'A' ? siteA.id : siteB.id;
    const res = await as(t.app, office).post('/api/people', { employeeNo, nameJa, nameEn, kind: 'employee', orgUnitId });
    expect(res.statusCode).toBe(201);
    ids.set(employeeNo, json<{ id: string }>(res).id);
  }
});
afterAll(() => t.close());

describe('people search by word prefix', () => {
  it('finds any word of either name that starts with the query, each person once, in name order', async () => {
    expect(nos(await list(office, 'q=sato'))).toEqual(['S2', 'S1', 'S3', 'S4']);
    expect(nos(await list(office, 'q=SATOS'))).toEqual(['S2', 'S3']);
    expect(nos(await list(office, `q=${q('太')}`))).toEqual(['S6', 'S5']);
    expect(nos(await list(office, `q=${q('佐藤')}`))).toEqual(['S1', 'S3']);
    expect(nos(await list(office, 'q=hiro&sort=-nameEn'))).toEqual(['S1', 'S7']);
  });

  it('does not match inside a word, and matches an exact employee number', async () => {
    expect(nos(await list(office, 'q=naka'))).toEqual(['S6']);
    expect(nos(await list(office, 'q=S5'))).toEqual(['S5']);
  });

  it('pages through the matches with the cursor, forwards and backwards in name order', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: Page = await list(office, `q=sa&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...nos(page));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['S2', 'S7', 'S1', 'S3', 'S4']);
    const first = await list(office, 'q=sa&limit=3&sort=-nameEn');
    const second = await list(office, `q=sa&limit=3&sort=-nameEn&cursor=${first.nextCursor}`);
    expect([...nos(first), ...nos(second)]).toEqual(['S4', 'S3', 'S1', 'S7', 'S2']);
    expect(second.nextCursor).toBeNull();
  });

  it("keeps to the reader's scope and the chosen subtree", async () => {
    expect(nos(await list(siteOffice, 'q=sato'))).toEqual(['S2', 'S1', 'S3']);
    expect(nos(await list(office, `q=sato&orgUnitId=${siteB.id}`))).toEqual(['S4']);
  });

  it('answers 404 for a unit the reader may not see, and lets a site office search from an ancestor down', async () => {
    const res = await as(t.app, siteOffice).get(`/api/people?q=sato&orgUnitId=${siteB.id}`);
    expect(res.statusCode).toBe(404);
    const missing = await as(t.app, office).get(`/api/people?q=sato&orgUnitId=00000000-0000-4000-8000-000000000000`);
    expect(missing.statusCode).toBe(404);
    const group = json<{ parentId: string }>(await as(t.app, office).get(`/api/org-units/${siteA.id}`));
    expect(nos(await list(siteOffice, `q=sato&orgUnitId=${group.parentId}`))).toEqual(['S2', 'S1', 'S3']);
    expect(nos(await list(office, `q=nobody&orgUnitId=${siteA.id}`))).toEqual([]);
  });

  it('refuses a cursor whose row id is not one the API gave out, with a 400 naming the cursor', async () => {
    const forged = Buffer.from(JSON.stringify(['Sato', 'not-a-uuid'])).toString('base64url');
    const res = await as(t.app, office).get(`/api/people?q=sato&cursor=${forged}`);
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(res).errors[0]!.path).toBe('querystring.cursor');
  });

  it('follows renames, moves and leavers at once', async () => {
    await as(t.app, office).patch(`/api/people/${ids.get('S4')}`, { nameEn: 'Kato Naoko', nameJa: '加藤 直子' });
    expect(nos(await list(office, 'q=satomi'))).toEqual([]);
    expect(nos(await list(office, 'q=kato'))).toEqual(['S4']);
    await as(t.app, office).patch(`/api/people/${ids.get('S4')}`, { orgUnitId: siteA.id });
    expect(nos(await list(siteOffice, 'q=kato'))).toEqual(['S4']);
    await as(t.app, office).patch(`/api/people/${ids.get('S4')}`, { status: 'left' });
    expect(nos(await list(office, 'q=kato&status=active'))).toEqual([]);
    expect(nos(await list(office, 'q=kato&status=left'))).toEqual(['S4']);
  });

  it('matches every word of a query with spaces, in any order, in romaji or kanji', async () => {
    expect(nos(await list(office, `q=${q('tanaka ta')}`))).toEqual(['S5']);
    expect(nos(await list(office, `q=${q('taro  Tanaka')}`))).toEqual(['S5']);
    expect(nos(await list(office, `q=${q('田中\u3000太')}`))).toEqual(['S5']);
    expect(nos(await list(office, `q=${q('sato hiro')}`))).toEqual(['S1']);
    expect(nos(await list(office, `q=${q('hiro sa')}&sort=-nameEn`))).toEqual(['S1', 'S7']);
    expect(nos(await list(office, `q=${q('sato hiro')}&sort=employeeNo`))).toEqual(['S1']);
    expect(nos(await list(office, `q=${q('aka ta')}`))).toEqual([]); // not inside a word
    expect(nos(await list(office, `q=${q('sato zzz')}`))).toEqual([]);
  });

  it('falls back to matching anywhere in the names for a query of more than four words', async () => {
    const res = await as(t.app, office).post('/api/people', {
      employeeNo: 'V1',
      nameJa: 'ファン デル ベルフ',
      nameEn: 'Van der Berg de la Cruz',
      kind: 'contractor',
      orgUnitId: siteB.id,
    });
    expect(res.statusCode).toBe(201);
    expect(nos(await list(office, `q=${q('an der berg de la')}`))).toEqual(['V1']); // inside a word: the trigram path
    expect(nos(await list(office, `q=${q('cruz van')}`))).toEqual(['V1']); // four words or fewer: word prefixes
    expect(nos(await list(office, `q=${q('an der')}`))).toEqual([]);
  });

  it('sorts the same word-prefix matches by employee number, paging with the cursor both ways', async () => {
    expect(nos(await list(office, 'q=aka&sort=employeeNo'))).toEqual([]);
    // S4 is Kato Naoko by now (the test above renamed her)
    expect(nos(await list(office, 'q=sato&sort=employeeNo'))).toEqual(['S1', 'S2', 'S3']);
    const first = await list(office, 'q=sa&sort=-employeeNo&limit=3');
    const second = await list(office, `q=sa&sort=-employeeNo&limit=3&cursor=${first.nextCursor}`);
    expect([...nos(first), ...nos(second)]).toEqual(['S7', 'S3', 'S2', 'S1']);
    expect(second.nextCursor).toBeNull();
    expect(nos(await list(siteOffice, 'q=sato&sort=employeeNo'))).toEqual(['S1', 'S2', 'S3']);
    // a new employee number moves the person in this order at once (the word index carries it)
    await as(t.app, office).patch(`/api/people/${ids.get('S1')}`, { employeeNo: 'S9' });
    expect(nos(await list(office, 'q=sato&sort=employeeNo'))).toEqual(['S2', 'S3', 'S9']);
    await as(t.app, office).patch(`/api/people/${ids.get('S1')}`, { employeeNo: 'S1' });
  });

  it('falls back when more words start with the query than a page can merge', async () => {
    for (let i = 0; i <= MAX_TOKENS; i++) {
      const res = await as(t.app, office).post('/api/people', {
        employeeNo: `Z${i}`,
        nameJa: `全 ${i}`,
        nameEn: `Zed Z${String(i).padStart(2, '0')}x`,
        kind: 'contractor',
        orgUnitId: siteB.id,
      });
      expect(res.statusCode).toBe(201);
    }
    const page = await list(office, 'q=z&kind=contractor&limit=100');
    expect(page.items).toHaveLength(MAX_TOKENS + 1);
  });
});

describe('prefixUpperBound', () => {
  it('gives the first string after every string with the prefix, also past the surrogate range', () => {
    expect(prefixUpperBound('sato')).toBe('satp');
    expect(prefixUpperBound('田中')).toBe('田丮');
    expect(prefixUpperBound('a\ud7ff')).toBe('a\ue000');
  });
});
