import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsDemoLoader } from '../../../demo/accounts';
import { loadDemo } from '../../../demo/load';
import { orgDemoLoader } from '../../../demo/org';
import { as, createTestApp, json, testConfig, type TestApp } from '../../../test/app';
import { validateCsaf } from './csaf';
import { checkCveRecord } from './cve-check';
import { psirtDemoLoader } from '../demo';

const PUBLIC_URL = 'https://psirt.example.test';
let t: TestApp;
let advisories: { id: string; trackingId: string; cveId: string | null }[];
let publicKey: openpgp.Key;

/** Verifies a detached armored signature over the bytes with the published key; false when it does not hold. */
async function verifies(bytes: Uint8Array, armoredSignature: string) {
  const result = await openpgp.verify({
    message: await openpgp.createMessage({ binary: bytes }),
    signature: await openpgp.readSignature({ armoredSignature }),
    verificationKeys: publicKey,
  });
  return result.signatures[0]!.verified.then(
    () => true,
    () => false,
  );
}

// The BSI validator takes seconds to load (more on a busy machine): loaded once here, not inside a test's time.
beforeAll(() => validateCsaf({}), 180_000);

beforeAll(async () => {
  t = await createTestApp({ MAMORI_PUBLIC_URL: PUBLIC_URL });
  // The demo's advisories, published by `mamori demo load` with the server's own configuration.
  await loadDemo(
    t.database.db,
    [orgDemoLoader, accountsDemoLoader, psirtDemoLoader],
    testConfig({ MAMORI_PUBLIC_URL: PUBLIC_URL }),
  );
  advisories = json<{ items: typeof advisories }>(await as(t.app, null).get('/api/advisories')).items;
  const meta = json<{ public_openpgp_keys: { url: string; fingerprint: string }[] }>(
    await as(t.app, null).get('/.well-known/csaf/provider-metadata.json'),
  );
  const [key] = meta.public_openpgp_keys;
  publicKey = await openpgp.readKey({ armoredKey: (await as(t.app, null).get(new URL(key!.url).pathname)).body });
  expect(publicKey.getFingerprint().toUpperCase()).toBe(key!.fingerprint);
}, 180_000);
afterAll(() => t.close());

describe('CSAF distribution of every demo advisory', () => {
  it('has several published advisories, each in the feed in English and Japanese', async () => {
    expect(advisories.length).toBeGreaterThanOrEqual(3);
    const feed = json<{ feed: { entry: { id: string }[] } }>(await as(t.app, null).get('/.well-known/csaf/feed-tlp-white.json'));
    expect(feed.feed.entry.map((e) => e.id).sort()).toEqual(
      advisories.flatMap((a) => [a.trackingId, `${a.trackingId}-JA`]).sort(),
    );
  });

  it('emits English and Japanese CSAF that pass the BSI validator (strict schema + every mandatory test)', async () => {
    for (const a of advisories)
      for (const lang of ['en', 'ja'] as const) {
        const csaf = (await as(t.app, null).get(`/api/advisories/${a.id}/csaf.json?lang=${lang}`)).json() as {
          document: { lang: string; source_lang?: string; tracking: { id: string } };
        };
        const result = await validateCsaf(csaf);
        expect({ advisory: a.trackingId, lang, errors: result.errors }).toEqual({ advisory: a.trackingId, lang, errors: [] });
        expect(result.isValid).toBe(true);
        expect(result.testsRun.filter((n) => n.startsWith('mandatoryTest_')).length).toBeGreaterThan(30);
        expect(csaf.document.lang).toBe(lang);
        expect(csaf.document.source_lang).toBe(lang === 'ja' ? 'en' : undefined);
        expect(csaf.document.tracking.id).toBe(lang === 'ja' ? `${a.trackingId}-JA` : a.trackingId);
      }
  });

  it('signs every distributed file: the signature verifies with the published key, and fails on a changed byte', async () => {
    const feed = json<{ feed: { entry: { link: { rel: string; href: string }[] }[] } }>(
      await as(t.app, null).get('/.well-known/csaf/feed-tlp-white.json'),
    );
    for (const entry of feed.feed.entry) {
      const href = (rel: string) => new URL(entry.link.find((l) => l.rel === rel)!.href).pathname;
      const bytes = new Uint8Array((await as(t.app, null).get(href('self'))).rawPayload);
      const signature = (await as(t.app, null).get(href('signature'))).body;
      expect({ file: href('self'), verified: await verifies(bytes, signature) }).toEqual({ file: href('self'), verified: true });
      for (const at of [0, Math.floor(bytes.length / 2), bytes.length - 1]) {
        const changed = bytes.slice();
        changed[at] = changed[at]! ^ 0x01;
        expect(await verifies(changed, signature)).toBe(false);
      }
    }
  });

  it('keeps the served bytes stable: the same bytes on every read, hashed as stored', async () => {
    const a = advisories[0]!;
    const first = (await as(t.app, null).get(`/api/advisories/${a.id}/csaf.json?lang=ja`)).rawPayload;
    const second = (await as(t.app, null).get(`/api/advisories/${a.id}/csaf.json?lang=ja`)).rawPayload;
    expect(second.equals(first)).toBe(true);
    expect(first.toString('utf8')).toContain('"lang":"ja"');
  });

  it('emits CVE records that keep to the CVE JSON 5.1 record format', async () => {
    const withCve = advisories.filter((a) => a.cveId);
    expect(withCve.length).toBeGreaterThan(0);
    for (const a of withCve) {
      const record = (await as(t.app, null).get(`/api/advisories/${a.id}/cve.json`)).json() as unknown;
      expect({ advisory: a.trackingId, issues: checkCveRecord(record) }).toEqual({ advisory: a.trackingId, issues: [] });
    }
  });
});
