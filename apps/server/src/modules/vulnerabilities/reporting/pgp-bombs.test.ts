import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryGrowth } from '../../../test/memory';
import { as, createTestApp, json, type TestApp } from '../../../test/app';

let t: TestApp;
let publicKey: openpgp.Key;

beforeAll(async () => {
  t = await createTestApp();
  publicKey = await openpgp.readKey({ armoredKey: (await as(t.app, null).get('/.well-known/psirt-pgp-key.asc')).body });
});
afterAll(() => t.close());

/**
 * bzip2 -9 of a literal data packet (tag 11, five-octet length, binary, no name) holding 512 MiB of zero bytes:
 * 420 bytes that openpgp (which cannot write bzip2) decompresses to half a gigabyte. Made with
 * `node -e '…header…; 512 × 1 MiB of zeros' | bzip2 -9 | base64`.
 */
const BZIP2_LITERAL_512MIB =
  'QlpoOTFBWSZTWTH11pIFfjjRBMEAQAAQAAAIAAigAFCGAE1UNDnZFQEtkVASzVQqAl7ucIqAl75igrJMprIcE8W+Ar8cgAGAAAAQQABhAJqMhUBLUhUBLmKCskymshwTxb4CvxyAAYAAABBAAGEAmoyFQEtSFQEuYoKyTKayHBPFvgK/HIABgAAAEEAAYQCajIVAS1IVAS5igrJMprIcE8W+Ar8cgAGAAAAQQABhAJqMhUBLUhUBLmKCskymshwTxb4CvxyAAYAAABBAAGEAmoyFQEtSFQEuYoKyTKayHBPFvgK/HIABgAAAEEAAYQCajIVAS1IVAS5igrJMprIcE8W+Ar8cgAGAAAAQQABhAJqMhUBLUhUBLmKCskymshwTxb4CvxyAAYAAABBAAGEAmoyFQEtSFQEuYoKyTKayHBPFvgK/HIABgAAAEEAAYQCajIVAS1IVAS5igrJMprIcE8W+Ar8cgAGAAAAQQABhAJqMhUBLUhUBLmKCskyms5eakOAB6eOgAYAAQAAAEEAAYZgTVNMVBSG1UoKQ8XckU4UJCrhTK6A=';

/** A message whose compressed packet is given as is (openpgp writes it without recompressing). */
async function encryptCompressedPacket(algorithm: openpgp.enums.compression, compressed: Uint8Array): Promise<string> {
  const packet = new openpgp.CompressedDataPacket();
  // Fields the typings do not declare: the algorithm byte and the already-compressed body that write() emits.
  Object.assign(packet, { algorithm, compressed });
  const list = new openpgp.PacketList<openpgp.AnyPacket>();
  list.push(packet);
  return openpgp.encrypt({ message: new openpgp.Message(list), encryptionKeys: publicKey });
}

/** Zero bytes compressed by openpgp itself (zlib or zip/deflate), as big as still fits the 200,000-character field. */
async function encryptZeros(algorithm: openpgp.enums.compression, mib: number): Promise<string> {
  const message = await openpgp.createMessage({ binary: new Uint8Array(mib * 1024 * 1024) });
  return openpgp.encrypt({ message, encryptionKeys: publicKey, config: { preferredCompressionAlgorithm: algorithm } });
}

async function send(encrypted: string) {
  expect(encrypted.length).toBeLessThan(200_000);
  return memoryGrowth(() =>
    as(t.app, null).post('/api/vulnerability-reports', { title: 'bomb', productName: 'Gateway', encrypted }),
  );
}

describe('encrypted reports are decrypted with a cap on the plain text', () => {
  const { compression } = openpgp.enums;

  it.each([
    ['zlib', compression.zlib],
    ['zip', compression.zip],
  ])('refuses a %s bomb as too large (413) before it fills the memory', async (_name, algorithm) => {
    const { result: res, growthMb } = await send(await encryptZeros(algorithm, 140));
    expect(growthMb).toBeLessThan(100);
    expect(res.statusCode).toBe(413);
    expect(json<{ type: string; detail: string }>(res)).toMatchObject({ type: '/problems/payload-too-large' });
  });

  it('refuses a bzip2 bomb (420 bytes for 512 MiB) as too large, within 100 MB', async () => {
    const bomb = await encryptCompressedPacket(compression.bzip2, Buffer.from(BZIP2_LITERAL_512MIB, 'base64'));
    const { result: res, growthMb } = await send(bomb);
    expect(growthMb).toBeLessThan(100);
    expect(res.statusCode).toBe(413);
  });

  it('refuses an uncompressed text longer than a report may be as too large, and still takes one that fits', async () => {
    const long = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: 'x'.repeat(20_001) }),
      encryptionKeys: publicKey,
    });
    const res = await as(t.app, null).post('/api/vulnerability-reports', {
      title: 'long',
      productName: 'Gateway',
      encrypted: long,
    });
    expect(res.statusCode).toBe(413);
    expect(json<{ detail: string }>(res).detail).toMatch(/too large/);
    const fits = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: 'y'.repeat(20_000) }),
      encryptionKeys: publicKey,
      config: { preferredCompressionAlgorithm: compression.zlib },
    });
    const ok = await as(t.app, null).post('/api/vulnerability-reports', {
      title: 'fits',
      productName: 'Gateway',
      encrypted: fits,
    });
    expect(ok.statusCode).toBe(202);
  });
});
