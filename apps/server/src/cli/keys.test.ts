import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { createAdmin } from '../modules/auth/users';
import { systemActor } from '../platform/audit/record';
import { openTotp, sealTotp } from '../platform/auth/totp-store';
import { users } from '../platform/auth/tables';
import { mailBody, queueMail } from '../platform/mail/outbox';
import { mailOutbox } from '../platform/mail/tables';
import { KEY_FILE_NAME, readOrCreateKeyFile } from '../platform/secrets/key-file';
import { createKeyring, loadKeyring, processKeyring, useKeyring, type Keyring } from '../platform/secrets/keyring';
import { inTransaction } from '../platform/tx';
import { openTestDataDir } from '../test/db';
import { skipOnPostgres } from '../test/engine';
import type { Io } from './command';
import { runCli } from './run';

const SKIP = skipOnPostgres('cli/keys.test.ts');

const dir = mkdtempSync(join(tmpdir(), 'mamori-keys-rotate-'));
const dataDir = join(dir, 'data');
const SEED = 'JBSWY3DPEHPK3PXP';
const LINK = 'https://mamori.example/activate?token=rotate-me';
let testRing: Keyring | undefined;
let first: Keyring;
let userId: string;

const cli = async (env: Record<string, string>) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), env: { MAMORI_DATA_DIR: dataDir, ...env } };
  const code = await runCli(['keys', 'rotate'], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
};

async function stored() {
  const database = await openDatabase({ dataDir, migrate: false });
  try {
    const [user] = await database.db.select().from(users).where(eq(users.id, userId));
    const [mail] = await database.db.select().from(mailOutbox);
    return { user: user!, mail: mail! };
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  if (SKIP) return;
  testRing = processKeyring();
  first = useKeyring(loadKeyring({ secretKeys: [], dataDir })); // the data directory's key file, as a server makes it
  const database = await openTestDataDir(dataDir);
  try {
    const user = await inTransaction({ db: database.db, actor: systemActor('test'), principal: null }, (tx, audit) =>
      createAdmin(tx, audit, { email: 'rotate@example.test', password: 'a long pass phrase', name: 'R' }),
    );
    userId = user.id;
    await database.db
      .update(users)
      .set({ mfaSecret: sealTotp(userId, 'mfaSecret', SEED) })
      .where(eq(users.id, userId));
    await queueMail(database.db, { to: 'new@example.test', subject: 'Activate', body: LINK, secret: true });
  } finally {
    await database.close();
  }
});
afterAll(() => {
  if (testRing) useKeyring(testRing); // the process's keyring is shared by the test files of this worker
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(SKIP)('mamori keys rotate', () => {
  it('with the key file: writes a new key first, keeps the old after it, and re-seals every secret under the new one', async () => {
    const res = await cli({});
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    const file = join(dataDir, KEY_FILE_NAME);
    const keys = readOrCreateKeyFile(dataDir).keys;
    expect(keys).toHaveLength(2);
    expect(keys[1]).toEqual(first.current.key);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const next = createKeyring(keys, file);
    expect(res.out).toContain(`new master key ${next.current.id} written first`);
    expect(res.out).toContain(`keep ${first.current.id}`);
    expect(res.out).toMatch(/users\.mfa_secret: 1 re-sealed/);
    expect(res.out).toMatch(/mail_outbox\.body: 1 re-sealed/);

    const { user, mail } = await stored();
    expect(user.mfaSecret!.split('.')[1]).toBe(next.current.id);
    expect(mail.sealedKeyId).toBe(next.current.id);
    useKeyring(next);
    expect(await openTotp({} as never, user, 'mfaSecret')).toBe(SEED);
    expect(mailBody(mail)).toBe(LINK);
    expect(readFileSync(file, 'utf8')).not.toContain(next.current.id);
  });

  it('a server still running on the old key file reads the new key when it meets it (no restart)', async () => {
    const { user } = await stored();
    const running = createKeyring([first.current.key], join(dataDir, KEY_FILE_NAME), () => readOrCreateKeyFile(dataDir).keys);
    useKeyring(running);
    expect(await openTotp({} as never, user, 'mfaSecret')).toBe(SEED);
    expect(running.current.id).toBe(user.mfaSecret!.split('.')[1]); // and seals under it from now on
  });

  it('with MAMORI_SECRET_KEY: re-seals under its first key; refuses, changing nothing, when a key in use is missing', async () => {
    const keys = readOrCreateKeyFile(dataDir).keys;
    const third = Buffer.alloc(32, 9);
    const list = (k: Buffer[]) => k.map((b) => b.toString('base64')).join(',');
    const before = await stored();

    const missing = await cli({ MAMORI_SECRET_KEY: list([third]) });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(
      /is protected by key [0-9a-f]{16}, which this Mamori does not have \(its keys come from MAMORI_SECRET_KEY\)/,
    );
    expect(await stored()).toEqual(before);

    const ok = await cli({ MAMORI_SECRET_KEY: list([third, ...keys]) });
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    const id = createKeyring([third], 'x').current.id;
    expect(ok.out).toContain(`re-sealing under its first key ${id}`);
    const after = await stored();
    expect(after.mail.sealedKeyId).toBe(id);
    expect(after.user.mfaSecret!.split('.')[1]).toBe(id);
  });

  it('leaves an audit chain that still verifies across the keys', async () => {
    const out: string[] = [];
    const io: Io = {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
      env: {
        MAMORI_DATA_DIR: dataDir,
        MAMORI_SECRET_KEY: [Buffer.alloc(32, 9), ...readOrCreateKeyFile(dataDir).keys].map((b) => b.toString('base64')).join(','),
        MAMORI_AUDIT_CHECKPOINT_DIR: join(dir, 'checkpoints'),
      },
    };
    expect(await runCli(['audit', 'verify'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/^OK: \d+ events/);
  });
});
