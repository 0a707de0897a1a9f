import { ROLES } from '@mamori/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../test/app';
import { makePartner } from '../../modules/partners/testing';

interface ProblemBody {
  status: number;
  errors?: { path: string; message: string }[];
}

let t: TestApp;
let admin: TestUser;
let lists: string[];
let searchable: string[];

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
}

/**
 * Every GET in the OpenAPI document without path parameters whose query takes the named parameter, with its
 * other required query parameters filled (`name=x` on /api/components), ready to append `&param=…`.
 */
async function listsTaking(param: string): Promise<string[]> {
  const doc = json<{ paths: Record<string, Record<string, { parameters?: Parameter[] }>> }>(
    await t.app.inject({ method: 'GET', url: '/api/openapi.json' }),
  );
  return Object.entries(doc.paths)
    .filter(([path, ops]) => !path.includes('{') && ops.get?.parameters?.some((p) => p.in === 'query' && p.name === param))
    .map(([path, ops]) => {
      const required = ops.get!.parameters!.filter((p) => p.in === 'query' && p.required && p.name !== param);
      return `${path}?${required.map((p) => `${p.name}=x&`).join('')}`;
    });
}

const paths = (res: { json(): unknown }) => ((res.json() as ProblemBody).errors ?? []).map((e) => e.path);

beforeAll(async () => {
  t = await createTestApp();
  const internal = ROLES.filter((r) => r !== 'partner_user').map((role) => ({ role }));
  admin = await createUser(t.database, internal);
  lists = await listsTaking('cursor');
  searchable = await listsTaking('q');
}, 60_000);
afterAll(() => t.close());

describe('a forged cursor', () => {
  // base64url of [1,2]: the right arity, the wrong kinds
  for (const cursor of [
    'WzEsMl0',
    Buffer.from('["x","y"]').toString('base64url'),
    Buffer.from('[1e400,null]').toString('base64url'),
  ]) {
    it(`is a 400 naming the cursor on every list (${cursor})`, async () => {
      expect(lists.length).toBeGreaterThanOrEqual(9);
      const answers = await Promise.all(
        lists.map(async (path) => [path, await as(t.app, admin).get(`${path}cursor=${cursor}`)] as const),
      );
      const wrong = answers.filter(([, res]) => res.statusCode !== 400 || !paths(res).includes('querystring.cursor'));
      expect(wrong.map(([path, res]) => `${path} → ${res.statusCode}`)).toEqual([]);
    });
  }

  it('is a 400 on the public advisories list, without an account', async () => {
    const res = await as(t.app, null).get('/api/advisories?cursor=WzEsMl0');
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['querystring.cursor']);
  });
});

describe('text that cannot be stored (NUL, an unpaired surrogate)', () => {
  it('in `q` is a 400 naming querystring.q on every list that searches', async () => {
    expect(searchable.length).toBeGreaterThanOrEqual(7);
    for (const bad of ['%00', 'a%00b', '%ED%A0%80']) {
      const answers = await Promise.all(
        searchable.map(async (path) => [path, await as(t.app, admin).get(`${path}q=${bad}`)] as const),
      );
      const wrong = answers.filter(([, res]) => res.statusCode !== 400 || !paths(res).includes('querystring.q'));
      // %ED%A0%80 is a surrogate encoded as UTF-8: not valid UTF-8, decoded to U+FFFD — storable, so any 2xx/4xx will do.
      if (bad === '%ED%A0%80') expect(answers.filter(([, res]) => res.statusCode >= 500).map(([p]) => p)).toEqual([]);
      else expect(wrong.map(([path, res]) => `${path} → ${res.statusCode}`)).toEqual([]);
    }
  });

  it('in the public vulnerability report form is a 400 naming the field', async () => {
    const body = { title: 'Overflow\u0000', description: 'lone \ud800 surrogate', productName: 'Router' };
    const res = await as(t.app, null).post('/api/vulnerability-reports', body);
    expect(res.statusCode).toBe(400);
    expect(paths(res).sort()).toEqual(['body.description', 'body.title']);
  });

  it('in a nested JSON field is a 400 naming its path', async () => {
    const res = await as(t.app, admin).post('/api/org-units', {
      parentId: null,
      code: 'N1',
      kind: 'company',
      nameJa: 'a',
      nameEn: 'x\u0000',
    });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['body.nameEn']);
  });

  it('in a CSV cell is a 400 naming the line', async () => {
    const csv = 'code,parent_code,kind,name_ja,name_en\nC1,,company,会社\u0000,Co\n';
    const res = await as(t.app, admin).post('/api/org-units/import', csv, { 'content-type': 'text/csv' });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ProblemBody).errors).toEqual([
      expect.objectContaining({
        path: 'body',
        code: 'validation.text_ill_formed_at',
        params: expect.objectContaining({ line: 2 }),
      }),
    ]);
  });

  it('in a file name is a 400 naming querystring.name', async () => {
    const partner = await makePartner(t.app, admin, 'Files');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/partners/${partner.id}/files?name=nda%00.pdf`,
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n'),
    });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['querystring.name']);
  });
});

describe('dates far outside any real calendar', () => {
  for (const path of ['/api/incidents', '/api/incidents/stats']) {
    it(`are a 400 naming the field on ${path}`, async () => {
      for (const from of ['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '+275760-09-13T00:00:00Z']) {
        const res = await as(t.app, admin).get(`${path}?from=${encodeURIComponent(from)}`);
        expect(res.statusCode, from).toBe(400);
        expect([...new Set(paths(res))]).toEqual(['querystring.from']);
      }
      expect((await as(t.app, admin).get(`${path}?from=2026-01-01T00:00:00Z`)).statusCode).toBe(200);
    });
  }
});
