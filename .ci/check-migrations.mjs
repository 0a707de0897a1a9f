#!/usr/bin/env node
// Fails when the drizzle schema and the committed SQL migrations have drifted apart.
//
// How: copy the committed migrations folder to a temporary directory, run `drizzle-kit generate`
// into that copy, and compare. If drizzle-kit writes any new or changed file, the schema holds
// something the migrations do not (someone changed a `tables.ts` without `npm run db:generate`).
// Also checks that the folder is self-consistent: every journal entry has its .sql file and
// snapshot, and every .sql file is in the journal (a hand-written file drizzle never applies).
//
// Usage: node .ci/check-migrations.mjs [--schema path/to/schema.ts] [--migrations path/to/dir]
// Exit 0: in sync. Exit 1: drift or an inconsistent folder (the diff is printed). Exit 2: bad usage.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

let args;
try {
  args = parseArgs({
    options: {
      schema: { type: 'string', default: 'apps/server/src/db/schema.ts' },
      migrations: { type: 'string', default: 'apps/server/src/db/migrations' },
    },
  }).values;
} catch (err) {
  console.error(`db:check: ${err.message}`);
  process.exit(2);
}

const schema = resolve(root, args.schema);
const migrations = resolve(root, args.migrations);
for (const [what, path] of [
  ['schema', schema],
  ['migrations folder', migrations],
]) {
  if (!existsSync(path)) {
    console.error(`db:check: ${what} not found: ${path}`);
    process.exit(2);
  }
}

/** Relative file paths (with '/') under dir, sorted. */
function listFiles(dir, prefix = '') {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) out.push(...listFiles(full, rel));
    else out.push(rel);
  }
  return out;
}

const problems = [];

// 1. The committed folder is self-consistent.
const journalPath = join(migrations, 'meta', '_journal.json');
if (!existsSync(journalPath)) {
  problems.push(`missing ${relative(root, journalPath)}`);
} else {
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  const tags = journal.entries.map((e) => e.tag);
  for (const entry of journal.entries) {
    if (!existsSync(join(migrations, `${entry.tag}.sql`))) problems.push(`journal entry ${entry.tag} has no ${entry.tag}.sql`);
    const snap = join(migrations, 'meta', `${String(entry.idx).padStart(4, '0')}_snapshot.json`);
    if (!existsSync(snap)) problems.push(`journal entry ${entry.tag} has no snapshot ${relative(migrations, snap)}`);
  }
  for (const file of readdirSync(migrations).filter((f) => f.endsWith('.sql'))) {
    if (!tags.includes(file.slice(0, -4))) {
      problems.push(`${file} is not in meta/_journal.json: drizzle's migrator will never apply it`);
    }
  }
}

// 2. drizzle-kit generate into a copy finds nothing to add.
const tmp = mkdtempSync(join(tmpdir(), 'mamori-db-check-'));
const cleanup = () => rmSync(tmp, { recursive: true, force: true });
process.on('exit', cleanup);
cpSync(migrations, tmp, { recursive: true });
const before = new Map(listFiles(tmp).map((f) => [f, readFileSync(join(tmp, f), 'utf8')]));

// drizzle-kit prefixes `./` to --out, so an absolute path breaks it: pass paths relative to the root.
const drizzleKit = join(root, 'node_modules', 'drizzle-kit', 'bin.cjs');
if (!existsSync(drizzleKit)) {
  console.error('db:check: drizzle-kit is not installed (run `npm ci`)');
  process.exit(1);
}
const gen = spawnSync(
  process.execPath,
  [drizzleKit, 'generate', '--dialect', 'postgresql', '--schema', relative(root, schema), '--out', relative(root, tmp)],
  // stdin ignored: no TTY, so a rename question from drizzle-kit fails instead of waiting forever.
  { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 120_000 },
);
const genOutput = `${gen.stdout ?? ''}${gen.stderr ?? ''}`.trim();
if (gen.error || gen.status !== 0 || /Interactive prompts require a TTY|^\s*Error\b/m.test(genOutput)) {
  const reason = gen.error
    ? gen.error.message
    : /Interactive prompts require a TTY/.test(genOutput)
      ? 'drizzle-kit asks whether something was renamed or created: the schema renamed or dropped a table/column ' +
        'that the migrations still have. Run `npm run db:generate` and answer the question.'
      : `drizzle-kit generate failed (exit ${gen.status})`;
  console.error(`db:check: FAIL — ${reason}\n\n${genOutput}`);
  process.exit(1);
}

const after = new Map(listFiles(tmp).map((f) => [f, readFileSync(join(tmp, f), 'utf8')]));
const added = [...after.keys()].filter((f) => !before.has(f));
const changed = [...after.keys()].filter((f) => before.has(f) && before.get(f) !== after.get(f));
const removed = [...before.keys()].filter((f) => !after.has(f));

if (added.length || changed.length || removed.length) {
  problems.push(
    'the schema has drifted from the committed migrations: `drizzle-kit generate` would write ' +
      [
        added.length && `${added.length} new file(s)`,
        changed.length && `${changed.length} changed file(s)`,
        removed.length && `${removed.length} removed file(s)`,
      ]
        .filter(Boolean)
        .join(', '),
  );
  for (const f of added) {
    if (f.endsWith('.sql')) console.error(`\n--- new migration ${f} (what the committed migrations lack) ---\n${after.get(f)}`);
    else console.error(`\n--- new file ${f}`);
  }
  for (const f of changed) console.error(`\n--- changed ${f}\n${lineDiff(before.get(f), after.get(f))}`);
  for (const f of removed) console.error(`\n--- removed ${f}`);
}

if (problems.length) {
  console.error(`\ndb:check: FAIL\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  console.error('Fix: run `npm run db:generate`, review the SQL (PostgreSQL 15 and PGlite), commit it with the schema change.');
  process.exit(1);
}
const count = before.size ? [...before.keys()].filter((f) => f.endsWith('.sql')).length : 0;
console.log(`db:check: OK — schema and ${count} committed migration(s) are in sync`);

/** A small line diff (lines only in a with '-', only in b with '+'), enough to see what moved. */
function lineDiff(a, b) {
  const al = a.split('\n');
  const bl = b.split('\n');
  const bs = new Set(bl);
  const as = new Set(al);
  const out = [...al.filter((l) => !bs.has(l)).map((l) => `- ${l}`), ...bl.filter((l) => !as.has(l)).map((l) => `+ ${l}`)];
  return out.slice(0, 200).join('\n') + (out.length > 200 ? `\n… ${out.length - 200} more lines` : '');
}
