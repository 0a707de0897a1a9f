import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp } from '../../test/app';

interface ProblemDoc {
  type: string;
  detail: string;
  detailCode?: string;
  errors?: { path: string; message: string; code?: string; params?: Record<string, unknown> }[];
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('problem documents', () => {
  it('name every failing field with a catalogue code and its values', async () => {
    const res = await as(t.app, null).post('/api/auth/sign-in', { email: 'not-an-address', totp: '12', extra: 1 });
    expect(res.statusCode).toBe(400);
    const body = json<ProblemDoc>(res);
    expect(body.detailCode).toBe('problem.invalid_fields');
    const byPath = Object.fromEntries((body.errors ?? []).map((e) => [e.path, e]));
    expect(byPath['body.email']).toMatchObject({ code: 'validation.email', message: 'Enter an e-mail address' });
    expect(byPath['body.password']).toMatchObject({ code: 'validation.required' });
    expect(byPath['body.totp']).toMatchObject({ code: 'validation.pattern' });
    expect(byPath['body.extra']).toMatchObject({ code: 'validation.unknown_field' });
  });

  it('say it in Japanese to a reader who asks for Japanese, and keep the codes', async () => {
    const res = await as(t.app, null).post(
      '/api/auth/sign-in',
      { email: 'not-an-address', password: 'x' },
      { 'accept-language': 'ja,en;q=0.8' },
    );
    const body = json<ProblemDoc>(res);
    expect(body.detail).toBe('入力内容に誤りがあります。');
    expect(body.errors?.find((e) => e.path === 'body.email')).toMatchObject({
      code: 'validation.email',
      message: 'メールアドレスを入力してください',
    });
  });

  it("follow the signed-in user's own language over the browser's", async () => {
    const user = await createUser(t.database, [{ role: 'system_admin' }]);
    await as(t.app, user).patch('/api/me', { language: 'ja' });
    const res = await as(t.app, user).get(`/api/org-units/00000000-0000-4000-8000-000000000000`);
    expect(res.statusCode).toBe(404);
    expect(json<ProblemDoc>(res)).toMatchObject({
      detailCode: 'problem.not_found',
      detail: '記録が存在しないか、閲覧する権限がありません。',
    });
  });
});
