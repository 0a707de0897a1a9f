import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import i18n, { i18nReady } from '../i18n';
import { api, ApiError, problemFrom, setCsrfToken, setReauthHandler } from './client';

const problem = (body: unknown, status: number, type = 'application/problem+json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

// The catalogues load on demand (i18n/index.ts): these tests read both languages.
beforeAll(async () => {
  await i18nReady;
  await i18n.loadLanguages(['ja', 'en']);
});

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken('');
});

describe('problemFrom', () => {
  it('reads an RFC 9457 document: status, code, detail and field errors without the body. prefix', async () => {
    const e = await problemFrom(
      problem(
        {
          type: '/problems/validation',
          title: 'Invalid input',
          status: 400,
          detail: '2 fields are invalid',
          errors: [
            { path: 'body.email', message: 'Invalid email' },
            { path: 'body.name', message: 'Required' },
          ],
        },
        400,
      ),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.code).toBe('validation');
    expect(e.type).toBe('/problems/validation');
    expect(e.detail).toBe('2 fields are invalid');
    expect(e.fieldErrors()).toEqual({ email: 'Invalid email', name: 'Required' });
  });

  it('keeps non-field paths (CSV lines) as they are', async () => {
    const e = await problemFrom(
      problem(
        { type: '/problems/validation', title: 'x', status: 400, errors: [{ path: 'line 12.kind', message: 'bad kind' }] },
        400,
      ),
    );
    expect(e.errors).toEqual([{ path: 'line 12.kind', message: 'bad kind' }]);
    expect(e.fieldErrors()).toEqual({ 'line 12.kind': 'bad kind' });
  });

  it("words coded errors in the reader's language, and keeps the server's text for uncoded ones", async () => {
    const e = await problemFrom(
      problem(
        {
          type: '/problems/validation',
          title: 'x',
          status: 400,
          detail: 'Some fields are invalid.',
          detailCode: 'problem.invalid_fields',
          errors: [
            { path: 'body.password', message: 'Use at least 12 characters.', code: 'password.too_short', params: { min: 12 } },
            { path: 'body.email', message: 'Invalid email' },
            { path: 'body.other', message: 'From a newer server', code: 'no.such.code' },
          ],
        },
        400,
      ),
    );
    await i18n.changeLanguage('ja');
    expect(e.fieldErrors()).toEqual({
      password: '12 文字以上にしてください。',
      email: 'Invalid email',
      other: 'From a newer server',
    });
    expect(e.detail).toBe('入力内容に誤りがあります。');
    await i18n.changeLanguage('en');
    expect(e.fieldErrors().password).toBe('Use at least 12 characters.');
  });

  it("names a refused action by its label in the reader's language, not by its id", async () => {
    const e = await problemFrom(
      problem(
        {
          type: '/problems/forbidden',
          title: 'Not allowed',
          status: 403,
          detail: 'You may not perform this action (partner-assessments:review).',
          detailCode: 'problem.forbidden_action',
          detailParams: { action: 'partner-assessments:review' },
        },
        403,
      ),
    );
    await i18n.changeLanguage('ja');
    expect(e.detail).toBe('この操作(チェックシートの確認)を行う権限がありません。');
    await i18n.changeLanguage('en');
    expect(e.detail).not.toContain('partner-assessments:review');
  });

  it('makes a generic problem from a body that is not one', async () => {
    const e = await problemFrom(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(e.status).toBe(502);
    expect(e.code).toBe('http-502');
    expect(e.errors).toEqual([]);
  });
});

describe('api', () => {
  it('sends the CSRF token and JSON content type on writes, and throws the typed problem', async () => {
    const fetchMock = vi.fn(async (..._args: Parameters<typeof fetch>) =>
      problem({ type: '/problems/mfa-required', title: 'Authentication code required', status: 401 }, 401),
    );
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('tok123');
    const err = await api('/auth/sign-in', { method: 'POST', json: { email: 'a@b.c', password: 'x' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('mfa-required');
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/auth/sign-in');
    const headers = init?.headers as Record<string, string>;
    expect(headers['x-csrf-token']).toBe('tok123');
    expect(headers['content-type']).toBe('application/json');
    expect(init?.credentials).toBe('same-origin');
  });

  it('sends the loaded version as If-Match and reports a stale one as precondition-failed', async () => {
    const fetchMock = vi.fn(async (..._args: Parameters<typeof fetch>) =>
      problem({ type: '/problems/precondition-failed', title: 'Changed by someone else', status: 412 }, 412),
    );
    vi.stubGlobal('fetch', fetchMock);
    const err = await api('/partners/x', { method: 'PATCH', json: { nameEn: 'y' }, ifMatch: 3 }).catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('precondition-failed');
    expect((fetchMock.mock.calls[0]![1]?.headers as Record<string, string>)['if-match']).toBe('"3"');
    await api('/partners/x', { method: 'PATCH', json: {} }).catch(() => undefined);
    expect(fetchMock.mock.calls[1]![1]?.headers as Record<string, string>).not.toHaveProperty('if-match');
  });

  it('does not send the CSRF header on GET and drops empty query values', async () => {
    const fetchMock = vi.fn(async (..._args: Parameters<typeof fetch>) =>
      problem({ items: [], nextCursor: null }, 200, 'application/json'),
    );
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('tok123');
    const page = await api<{ items: unknown[] }>('/people', { query: { q: '', status: 'active', cursor: undefined } });
    expect(page.items).toEqual([]);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/people?status=active');
    expect((init?.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
  });
});

describe('api: step-up (reauth-required)', () => {
  const refusal = () =>
    problem(
      { type: '/problems/reauth-required', title: 'Confirm it is you', status: 401, detailCode: 'auth.reauth_required' },
      401,
    );
  const created = () =>
    new Response(JSON.stringify({ id: 't1' }), { status: 201, headers: { 'content-type': 'application/json' } });

  it('asks once, then sends the same request again (same body) when the person confirmed', async () => {
    const fetchMock = vi.fn().mockResolvedValueOnce(refusal()).mockResolvedValueOnce(created());
    vi.stubGlobal('fetch', fetchMock);
    const handler = vi.fn().mockResolvedValue(true);
    setReauthHandler(handler);
    expect(await api('/me/tokens', { method: 'POST', json: { name: 'x' } })).toEqual({ id: 't1' });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(fetchMock.mock.calls[1]![1].body).toBe(JSON.stringify({ name: 'x' }));
  });

  it('gives the refusal to the caller when the person cancels, or when the retry is refused again', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(refusal()));
    setReauthHandler(vi.fn().mockResolvedValue(false));
    await expect(api('/me/tokens', { method: 'POST', json: {} })).rejects.toMatchObject({ code: 'reauth-required' });

    const fetchMock = vi.fn().mockImplementation(() => Promise.resolve(refusal()));
    vi.stubGlobal('fetch', fetchMock);
    const handler = vi.fn().mockResolvedValue(true);
    setReauthHandler(handler);
    await expect(api('/me/tokens', { method: 'POST', json: {} })).rejects.toMatchObject({ code: 'reauth-required' });
    expect(handler).toHaveBeenCalledTimes(1); // asked once per request, never in a loop
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('requests refused together share one dialog', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(refusal())
      .mockResolvedValueOnce(refusal())
      .mockImplementation(() => Promise.resolve(created()));
    vi.stubGlobal('fetch', fetchMock);
    let confirm!: (ok: boolean) => void;
    const handler = vi.fn(() => new Promise<boolean>((r) => (confirm = r)));
    setReauthHandler(handler);
    const both = Promise.all([api('/a', { method: 'POST' }), api('/b', { method: 'POST' })]);
    await vi.waitFor(() => expect(handler).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 0));
    confirm(true);
    expect(await both).toEqual([{ id: 't1' }, { id: 't1' }]);
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
