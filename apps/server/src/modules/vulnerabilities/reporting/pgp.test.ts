import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, json, type TestApp, type TestUser } from '../../../test/app';

let t: TestApp;
let psirt: TestUser;

beforeAll(async () => {
  t = await createTestApp({ MAMORI_PUBLIC_URL: 'https://psirt.example.test' });
  psirt = await createUser(t.database, [{ role: 'psirt_member' }]);
});
afterAll(() => t.close());

describe('encrypted reports', () => {
  it('publishes the PSIRT key (named in security.txt) and decrypts a report sent to it', async () => {
    const txt = (await as(t.app, null).get('/.well-known/security.txt')).body;
    expect(txt).toContain('Encryption: https://psirt.example.test/.well-known/psirt-pgp-key.asc\n');
    const res = await as(t.app, null).get('/.well-known/psirt-pgp-key.asc');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/pgp-keys/);
    // the same key on a second request (generated once, kept)
    expect((await as(t.app, null).get('/.well-known/psirt-pgp-key.asc')).body).toBe(res.body);

    const encryptionKeys = await openpgp.readKey({ armoredKey: res.body });
    const encrypted = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: 'PoC: send 70000 bytes to port 8443 and the gateway reboots.' }),
      encryptionKeys,
    });
    const sent = await as(t.app, null).post('/api/vulnerability-reports', { title: 'DoS', productName: 'Gateway', encrypted });
    expect(sent.statusCode).toBe(202);
    const list = json<{ items: { id: string; title: string }[] }>(await as(t.app, psirt).get('/api/vulnerabilities'));
    const detail = json<{ description: string }>(await as(t.app, psirt).get(`/api/vulnerabilities/${list.items[0]!.id}`));
    expect(detail.description).toBe('PoC: send 70000 bytes to port 8443 and the gateway reboots.');
  });

  it('refuses a message it cannot decrypt, without echoing it', async () => {
    const other = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'x' }] });
    const encrypted = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: 'hello' }),
      encryptionKeys: await openpgp.readKey({ armoredKey: other.publicKey }),
    });
    const res = await as(t.app, null).post('/api/vulnerability-reports', { title: 'x', productName: 'y', encrypted });
    expect(res.statusCode).toBe(400);
    expect(json<{ detail: string }>(res).detail).toMatch(/could not be decrypted/);
    expect(res.body).not.toContain(encrypted.split('\n')[3]!);
    const neither = await as(t.app, null).post('/api/vulnerability-reports', { title: 'x', productName: 'y' });
    expect(neither.statusCode).toBe(400);
  });
});
