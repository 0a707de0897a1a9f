import { mkdtempSync, readFileSync, rmSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { KEY_FILE_NAME } from './key-file';
import { createKeyring, loadKeyring, MissingKeyError } from './keyring';
import { seal, SealError, unseal } from './seal';

const dir = mkdtempSync(join(tmpdir(), 'mamori-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const KEY_A = Buffer.alloc(32, 1);
const KEY_B = Buffer.alloc(32, 2);

describe('the master key', () => {
  it('is created in the data directory on first start, readable by the owner only, and the same key afterwards', () => {
    const dataDir = join(dir, 'fresh');
    const first = loadKeyring({ secretKeys: [], dataDir });
    expect(statSync(join(dataDir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(loadKeyring({ secretKeys: [], dataDir }).current.id).toBe(first.current.id);
    expect(first.current.id).toMatch(/^[0-9a-f]{16}$/);
    expect(readFileSync(join(dataDir, KEY_FILE_NAME), 'utf8')).not.toContain(first.current.id);
  });

  it('refuses a key file others may read', () => {
    const dataDir = join(dir, 'open');
    loadKeyring({ secretKeys: [], dataDir });
    chmodSync(join(dataDir, KEY_FILE_NAME), 0o644);
    expect(() => loadKeyring({ secretKeys: [], dataDir })).toThrow(/chmod 600/);
  });

  it('comes from MAMORI_SECRET_KEY when set, validated with the rest of the configuration', () => {
    const config = loadConfig({
      MAMORI_SECRET_KEY: `${KEY_A.toString('base64')}, ${KEY_B.toString('hex')}`,
      MAMORI_DATA_DIR: dir,
    });
    const ring = loadKeyring(config);
    expect(ring.all.map((k) => k.key)).toEqual([KEY_A, KEY_B]);
    expect(ring.source).toBe('MAMORI_SECRET_KEY');
    expect(() => loadConfig({ MAMORI_SECRET_KEY: 'c2hvcnQ=' })).toThrow(/MAMORI_SECRET_KEY: must be 32 random bytes/);
  });

  it('derives a different key per purpose and per master key', () => {
    const a = createKeyring([KEY_A, KEY_B], 'test');
    const keys = [a.purposeKey('audit-chain'), a.purposeKey('backup'), a.purposeKey('audit-chain', a.all[1]!.id)];
    expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(3);
    expect(() => a.purposeKey('backup', 'ffffffffffffffff')).toThrow(MissingKeyError);
  });
});

describe('sealed values (AES-256-GCM)', () => {
  const ring = createKeyring([KEY_A], 'test');
  it('open with the same key and place, and not elsewhere', () => {
    const sealed = seal(ring, 'backup', 'JBSWY3DPEHPK3PXP', 'users.mfa_secret');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(unseal(ring, 'backup', sealed, 'users.mfa_secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => unseal(ring, 'backup', sealed, 'users.email')).toThrow(SealError);
    expect(() => unseal(ring, 'totp', sealed, 'users.mfa_secret')).toThrow(SealError);
    expect(() => unseal(createKeyring([KEY_B], 'other'), 'backup', sealed, 'users.mfa_secret')).toThrow(MissingKeyError);
  });
});
