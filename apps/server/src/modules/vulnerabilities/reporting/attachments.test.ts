import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';

let t: TestApp;
let psirt: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
});
afterAll(() => t.close());

const upload = (token: string, name: string, body: Buffer | string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/vulnerability-reports/${token}/attachments?name=${encodeURIComponent(name)}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: body,
  });

describe('report attachments', () => {
  it('stores a PoC with its SHA-256 and serves it to the PSIRT as a download only', async () => {
    const receipt = json<{ trackingToken: string }>(
      await as(t.app, null).post('/api/vulnerability-reports', {
        title: 'RCE',
        description: 'see the PoC',
        productName: 'Gateway',
      }),
    );
    const poc = Buffer.from('<script>alert(document.cookie)</script>\n');
    const res = await upload(receipt.trackingToken, '../../etc/攻撃<poc>.html', poc);
    expect(res.statusCode).toBe(201);
    const sha256 = createHash('sha256').update(poc).digest('hex');
    expect(json(res)).toEqual({ id: expect.any(String), size: poc.length, sha256 });
    expect(res.body).not.toContain('poc');

    const list = json<{ items: { id: string }[] }>(await as(t.app, psirt).get('/api/vulnerabilities'));
    const detail = json<{ attachments: { id: string; fileName: string; sha256: string }[] }>(
      await as(t.app, psirt).get(`/api/vulnerabilities/${list.items[0]!.id}`),
    );
    expect(detail.attachments).toEqual([expect.objectContaining({ fileName: '攻撃_poc_.html', sha256 })]);
    const file = await as(t.app, psirt).get(`/api/vulnerabilities/${list.items[0]!.id}/attachments/${detail.attachments[0]!.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/octet-stream');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="___poc_.html"; filename\*=UTF-8''/);
    expect(file.rawPayload.equals(poc)).toBe(true);
    expect(
      (await as(t.app, null).get(`/api/vulnerabilities/${list.items[0]!.id}/attachments/${detail.attachments[0]!.id}`))
        .statusCode,
    ).toBe(401);
  });

  it('refuses an unknown token, an empty file and one over 10 MB', async () => {
    expect((await upload('B'.repeat(43), 'x.bin', 'data')).statusCode).toBe(404);
    const receipt = json<{ trackingToken: string }>(
      await as(t.app, null).post('/api/vulnerability-reports', { title: 'x', description: 'y', productName: 'z' }),
    );
    expect((await upload(receipt.trackingToken, 'x.bin', Buffer.alloc(0))).statusCode).toBe(400);
    expect((await upload(receipt.trackingToken, 'big.bin', Buffer.alloc(10 * 1024 * 1024 + 1))).statusCode).toBe(413);
  });
});
