import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../db/lock';
import { openTestDataDir } from '../test/db';
import { skipOnPostgres } from '../test/engine';
import type { Io } from './command';
import { runCli } from './run';

const SKIP = skipOnPostgres('cli/run.test.ts');

const bin = fileURLToPath(new URL('../../bin/mamori.mjs', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'mamori-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
// The data dirs start from the run's migrated template (what `mamori` makes on first use, less the ~60 migrations
// each process or restore would apply again on PGlite: 10–40 s apiece on a busy machine).
beforeAll(async () => {
  if (SKIP) return;
  for (const dir of [dataDir, join(dataDir, 'elsewhere'), join(dataDir, 'restored')]) await (await openTestDataDir(dir)).close();
}, 120_000);

async function runIn(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), env: { ...KEY, MAMORI_DATA_DIR: dataDir, ...env } };
  return { code: await runCli(argv, io), out, err };
}
const KEY = { MAMORI_SECRET_KEY: process.env.MAMORI_SECRET_KEY! };

const run = (...argv: string[]) => runIn({}, ...argv);

/** The real command, as an operator runs it: a separate process on a PGlite data dir. */
function mamori(...argv: string[]) {
  const { DATABASE_URL: _, ...env } = process.env;
  const r = spawnSync(process.execPath, [bin, ...argv], { env: { ...env, MAMORI_DATA_DIR: dataDir }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(SKIP)('mamori arguments', () => {
  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['admin', 'create', '--email', 'a@example.com'], /missing --password/],
    [['backup', '--out', 'x', '--verbose'], /Unknown option '--verbose'/],
    [['token', 'create', '--email', 'a@example.com', '--name', 'ci', '--days', 'soon'], /--days/],
    [['admin', 'create', '--email', 'not-an-address', '--password', 'p'], /not an e-mail address/],
    [[], /usage: mamori/],
  ])('%j exits 2 with the reason and a usage line', async (argv, reason) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(reason);
    expect(r.err.join('\n')).toMatch(/usage: mamori/);
    expect(r.out).toEqual([]);
  });

  it('help lists every command, exit 0', async () => {
    const r = await run('help');
    expect(r.code).toBe(0);
    for (const c of ['start', 'migrate', 'admin create', 'token create', 'demo load', 'audit verify', 'backup', 'restore'])
      expect(r.out.join('\n')).toContain(`mamori ${c}`);
  });
});

describe.skipIf(SKIP)('mamori end to end', () => {
  it('creates an administrator, then prints a token alone on the last line', () => {
    const weak = mamori('admin', 'create', '--email', 'root@example.com', '--password', 'short');
    expect(weak.code).toBe(1);
    expect(
      weak.stderr
        .trim()
        .split('\n')
        .every((l) => l.startsWith('mamori: ')),
    ).toBe(true);
    expect(weak.stderr).toContain('at least 12 characters');

    const admin = mamori('admin', 'create', '--email', 'root@example.com', '--password', 'a long pass phrase');
    expect(admin).toMatchObject({ code: 0, stderr: '' });
    const token = mamori('token', 'create', '--email', 'root@example.com', '--name', 'ci', '--days', '7');
    expect(token.code).toBe(0);
    expect(token.stdout.trimEnd().split('\n').at(-1)).toMatch(/^mmr_[A-Za-z0-9_-]{20,}$/);
  }, 120_000); // three processes

  it('refuses, exit 1 with one clear line, while another process holds the data dir', async () => {
    const lock = acquireDataDirLock(dataDir); // this test process plays the running server
    try {
      const r = mamori('audit', 'verify');
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^mamori: The data directory .* is in use by another Mamori process \(pid \d+\)/);
    } finally {
      lock.release();
    }
    expect(await run('audit', 'verify')).toMatchObject({
      code: 0,
      out: [
        expect.stringMatching(
          /^OK: 3 events; no checkpoint yet in .*checkpoints\.jsonl, so nothing proves the tail; event 3 anchored now$/,
        ),
      ],
    });
  });

  it('backs up to a file only its owner reads; a restore where that key is missing exits 1 with one line', async () => {
    const file = join(dataDir, 'all.mamori.gz');
    expect(await run('backup', '--out', file)).toMatchObject({ code: 0 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const elsewhere = { MAMORI_DATA_DIR: join(dataDir, 'elsewhere'), MAMORI_SECRET_KEY: Buffer.alloc(32, 3).toString('base64') };
    const refused = await runIn(elsewhere, 'restore', '--in', file);
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([
      expect.stringMatching(
        /^mamori: .*all\.mamori\.gz is protected by key [0-9a-f]{16}, which this Mamori does not have .*set MAMORI_SECRET_KEY to that key/,
      ),
    ]);
    const restored = await runIn({ MAMORI_DATA_DIR: join(dataDir, 'restored') }, 'restore', '--in', file);
    expect(restored).toMatchObject({ code: 0, err: [] });
    expect(restored.out.at(-1)).toMatch(/^OK: 3 events, chain intact; event 3 anchored as the restored head$/);
  }, 120_000);
});
