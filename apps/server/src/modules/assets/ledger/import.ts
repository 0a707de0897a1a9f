import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AssetKind, type AssetClass, type CustomFields } from '@mamori/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { insertJsonRows } from '../../../db/json-insert';
import { covers, escapeLike, scopeOf } from '../../../platform/access/scope';
import type { AuditInput } from '../../../platform/audit/record';
import { AppError, fieldError, invalid, msg, notFound, type FieldError } from '../../../platform/errors/app-error';
import { MAX_PROBLEMS, parseCsvYielding } from '../../../platform/files/csv';
import { rawBody } from '../../../platform/files/raw-body';
import { readXlsx, XLSX_TYPE } from '../../../platform/files/xlsx';
import { applyImport, commitImport, openStaging, type ImportKind } from '../../../platform/imports/staged';
import { effectiveSetting } from '../../../platform/settings/effective';
import type { Ctx } from '../../../platform/tx';
import { orgUnits, people } from '../../org/tables';
import { zoneLimitProblems } from '../../zones/service';
import { classificationSetting, customFieldsSetting } from '../classification/settings';
import { assets } from '../tables';
import { BASE_COLUMNS, classOfText, headerAliases, headerKey, kindOf, REQUIRED_KEYS, yesNo } from './columns';
import { checkCustomValues } from './custom-values';
import { assetAuditView } from './present';
import { searchText } from './search-text';

/** Rows an asset import may have: a large unit's ledger. More is refused before parsing (413, `assets.import_too_many_rows`). */
export const MAX_IMPORT_ROWS = 100_000;

/** One valid line, as staged: an asset's values, with the id of the asset it updates (none: a new asset). */
const AssetLine = z.object({
  id: z.uuid().nullable(),
  unitId: z.uuid(),
  unitPath: z.string(),
  name: z.string(),
  kind: AssetKind,
  ownerId: z.uuid(),
  classCode: z.string(),
  confidentiality: z.number().int(),
  integrity: z.number().int(),
  availability: z.number().int(),
  location: z.string(),
  personalData: z.boolean(),
  personalCategories: z.array(z.string()),
  retention: z.string(),
  disposal: z.string(),
  originalId: z.uuid().nullable(),
  custom: z.record(z.string(), z.union([z.string(), z.number()])),
  searchText: z.string(),
});
type AssetLine = z.infer<typeof AssetLine>;
type Row = typeof assets.$inferSelect;

const comparable = (a: Omit<AssetLine, 'id' | 'unitPath' | 'searchText'>) =>
  JSON.stringify([
    a.unitId,
    a.name,
    a.kind,
    a.ownerId,
    a.classCode,
    a.confidentiality,
    a.integrity,
    a.availability,
    a.location,
    a.personalData,
    a.personalCategories,
    a.retention,
    a.disposal,
    a.originalId,
    Object.entries(a.custom).sort(([x], [y]) => (x < y ? -1 : 1)),
  ]);

/**
 * Applies lines to the ledger as it is now: new assets are inserted in one statement per chunk; an asset named by
 * id is updated under its row lock (an asset disposed of or deleted meanwhile is skipped, and an event says so).
 */
async function applyAssets(tx: Db, audit: { many(events: AuditInput[]): Promise<void> }, lines: AssetLine[]) {
  const events: AuditInput[] = [];
  const updates = lines.filter((l) => l.id);
  const inserts = lines.filter((l) => !l.id);
  let updated = 0;
  const skipped: string[] = [];
  if (updates.length) {
    const ids = updates.map((l) => l.id!).sort();
    const current = new Map(
      (await tx.select().from(assets).where(inArray(assets.id, ids)).orderBy(assets.id).for('update')).map((r) => [r.id, r]),
    );
    for (const line of updates) {
      const before = current.get(line.id!);
      if (!before || before.status !== 'active') {
        skipped.push(line.id!);
        continue;
      }
      const { id, ...values } = line;
      const [after] = await tx
        .update(assets)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(assets.id, id!))
        .returning();
      updated++;
      events.push({
        action: 'asset.update',
        targetType: 'asset',
        targetId: id,
        orgPath: after!.unitPath,
        before: assetAuditView(before),
        after: assetAuditView(after!),
      });
    }
  }
  if (inserts.length) {
    // ids made here: the rows need not come back (their audit view is what was inserted, as an active asset)
    const created = inserts.map(({ id: _, ...v }) => ({ ...v, id: randomUUID() }));
    await insertJsonRows(tx, assets, created);
    for (const a of created)
      events.push({
        action: 'asset.create',
        targetType: 'asset',
        targetId: a.id,
        orgPath: a.unitPath,
        after: assetAuditView({ ...a, status: 'active', disposedOn: null, disposedMethod: null } as Row),
      });
  }
  if (skipped.length)
    events.push({
      action: 'asset.import_skipped',
      targetType: 'asset',
      after: { ids: skipped, reason: 'disposed during the import' },
    });
  await audit.many(events);
  return { created: inserts.length, updated, skipped: skipped.length };
}

/** New assets are one INSERT per chunk, so the chunks are larger than the default (100,000 rows in 100 transactions). */
export const assetsImport: ImportKind<AssetLine> = { kind: 'assets', row: AssetLine, apply: applyAssets, applyChunk: 500 };

/** Lines of a text (an upper bound on its records), counted up to `stop`. */
function countLines(text: string, stop: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && n <= stop; i = text.indexOf('\n', i + 1)) n++;
  return n + (text.endsWith('\n') ? 0 : 1);
}

const tooManyRows = () =>
  new AppError('payload-too-large', msg('assets.import_too_many_rows', { max: MAX_IMPORT_ROWS }), [
    fieldError('body', 'assets.import_too_many_rows', { max: MAX_IMPORT_ROWS }),
  ]);

interface FileRows {
  headers: string[];
  /** each record: its line number and its cells by header (as the CSV parser gives them: no copy) */
  records: { line: number; values: Record<string, string> }[];
}

/** The file's header and records: CSV (through parseCsvYielding) or the first sheet of an XLSX (through readXlsx). */
async function readFile(body: unknown, contentType: string | undefined, aliases: Map<string, string>): Promise<FileRows> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === XLSX_TYPE) {
    const [sheet] = await readXlsx(rawBody(body));
    const rows = sheet ? [...sheet.rows.entries()].sort(([a], [b]) => a - b) : [];
    const [first, ...rest] = rows;
    if (!first) throw invalid([fieldError('line 1', 'assets.import_empty')]);
    if (rest.length > MAX_IMPORT_ROWS) throw tooManyRows();
    const headers = Array.from({ length: first[1].length }, (_, i) => first[1][i] ?? '');
    return {
      headers,
      records: rest
        .filter(([, cells]) => cells.some((c) => c))
        .map(([line, cells]) => ({ line, values: Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])) })),
    };
  }
  if (typeof body !== 'string') throw new AppError('unsupported-media-type', msg('problem.media_type'));
  if (countLines(body, MAX_IMPORT_ROWS + 2) > MAX_IMPORT_ROWS + 1) throw tooManyRows();
  // The parser checks the header against every accepted name (either language, or the keys).
  const records = await parseCsvYielding(body, [...aliases.keys()], []);
  return { headers: records.length ? Object.keys(records[0]!.values) : [], records };
}

/** A text cell as typed: an exported text that looked like a formula carries a leading apostrophe (export.ts). */
const cellText = (s: string) => (s.startsWith("'") && /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s).trim();

async function inBatches<K, R>(keys: K[], fetch: (batch: K[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < keys.length; i += 5000) {
    out.push(...(await fetch(keys.slice(i, i + 5000))));
    await yieldToLoop();
  }
  return out;
}

/**
 * Imports a unit's ledger from CSV or XLSX (the export's format, headers in either language): a row with an id
 * updates that asset, a row without one adds an asset. Every row is checked first; any problem refuses the whole
 * file (400 naming each row and column, nothing written). A valid file is staged, committed and applied in short
 * transactions (platform/imports/staged.ts).
 */
export async function importAssets(ctx: Ctx, unitId: string, body: unknown, contentType: string | undefined) {
  // Each valid line is staged as it is checked (the lines are never all held); a problem found later drops them.
  const staging = openStaging(ctx.db, assetsImport, ctx.actor);
  try {
    await checkLines(ctx, unitId, body, contentType, (line) => staging.add(line));
  } catch (e) {
    await staging.abandon();
    throw e;
  }
  const batchId = await staging.close();
  if (!batchId) return { created: 0, updated: 0 }; // a file that changes nothing writes nothing
  await commitImport(ctx, assetsImport as ImportKind<unknown>, batchId);
  const { created, updated } = await applyImport(ctx.db, assetsImport as ImportKind<unknown>, batchId);
  return { created, updated };
}

/**
 * Checks the file's rows and hands each valid line to `stage` (nothing more once a problem is found). Throws the
 * problems (400 naming each row and column) after the last row: the caller then drops what was staged.
 */
async function checkLines(
  ctx: Ctx,
  unitId: string,
  body: unknown,
  contentType: string | undefined,
  stage: (line: AssetLine) => Promise<void>,
): Promise<void> {
  const [unit] = await ctx.db.select().from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!unit || !covers(scopeOf(ctx.principal, 'assets:manage'), unit.path)) throw notFound();
  const fields: CustomFields = (await effectiveSetting(ctx.db, customFieldsSetting, unitId)).value;
  const aliases = headerAliases(fields);
  const file = await readFile(body, contentType, aliases);
  const keys = file.headers.map((h) => headerKey(aliases, h));
  const errors: FieldError[] = [];
  file.headers.forEach((h, i) => {
    if (!keys[i]) errors.push(fieldError('line 1', 'assets.import_column_unknown', { column: h }));
    else if (keys.indexOf(keys[i]) !== i) errors.push(fieldError('line 1', 'assets.import_column_twice', { column: h }));
  });
  for (const k of REQUIRED_KEYS)
    if (!keys.includes(k)) {
      const c = BASE_COLUMNS.find((b) => b.key === k)!;
      errors.push(fieldError('line 1', 'assets.import_column_missing', { column: { ja: c.ja, en: c.en } }));
    }
  if (errors.length) throw invalid(errors, msg('assets.import_problems', { count: errors.length }));
  const col = (k: string) => keys.indexOf(k);
  const at = (cells: Record<string, string>, k: string) => {
    const i = col(k);
    return i < 0 ? '' : cellText(cells[file.headers[i]!] ?? '');
  };

  // What the rows refer to, read in batches: units (inside the import's unit), owners, the assets they update.
  const units = new Map(
    (
      await inBatches([...new Set(file.records.map((r) => at(r.values, 'unit_code')))], (b) =>
        ctx.db
          .select({ id: orgUnits.id, code: orgUnits.code, path: orgUnits.path })
          .from(orgUnits)
          .where(and(inArray(orgUnits.code, b), sql`${orgUnits.path} LIKE ${escapeLike(unit.path) + '%'}`)),
      )
    ).map((u) => [u.code, u]),
  );
  const owners = new Map(
    (
      await inBatches([...new Set(file.records.map((r) => at(r.values, 'owner')))], (b) =>
        ctx.db.select({ id: people.id, no: people.employeeNo }).from(people).where(inArray(people.employeeNo, b)),
      )
    ).map((p) => [p.no, p.id]),
  );
  const UUID = z.uuid();
  const refIds = [
    ...new Set(
      file.records.flatMap((r) => [at(r.values, 'id'), at(r.values, 'original_id')]).filter((s) => UUID.safeParse(s).success),
    ),
  ];
  const existing = new Map<string, Row>(
    (
      await inBatches(refIds, (b) =>
        ctx.db
          .select()
          .from(assets)
          .where(and(inArray(assets.id, b), sql`${assets.unitPath} LIKE ${escapeLike(unit.path) + '%'}`)),
      )
    ).map((a) => [a.id, a]),
  );
  const schemes = new Map<string, AssetClass[]>();
  const classesOf = async (id: string) => {
    let s = schemes.get(id);
    if (!s) schemes.set(id, (s = (await effectiveSetting(ctx.db, classificationSetting, id)).value.classes));
    return s;
  };

  const raisedLines: { id: string; name: string; classCode: string }[] = []; // rows that change an asset's class
  const seen = new Set<string>();
  const raised = new Map<string, number>(); // asset id → line, for rows that change an asset's class
  for (const [i, { line, values: cells }] of file.records.entries()) {
    if (i % 1000 === 999) await yieldToLoop();
    if (errors.length >= MAX_PROBLEMS) break;
    const bad = (k: string, code: Parameters<typeof fieldError>[1], params?: Parameters<typeof fieldError>[2]) =>
      errors.push(fieldError(`line ${line}.${file.headers[col(k)] ?? k}`, code, params));
    const before = errors.length;
    const id = at(cells, 'id');
    const current = id ? existing.get(id) : undefined;
    if (id && (!current || current.status !== 'active')) bad('id', 'assets.import_unknown_id');
    else if (id && seen.has(id)) bad('id', 'assets.import_id_twice');
    if (id) seen.add(id);
    const u = units.get(at(cells, 'unit_code'));
    if (!u) bad('unit_code', 'assets.import_unit_outside', { code: at(cells, 'unit_code') });
    const name = at(cells, 'name');
    if (!name) bad('name', 'validation.required');
    else if (name.length > 200) bad('name', 'validation.too_long', { maximum: 200 });
    const kind = kindOf(at(cells, 'kind'));
    if (!kind) bad('kind', 'validation.choice');
    const ownerId = owners.get(at(cells, 'owner'));
    if (!ownerId) bad('owner', 'assets.owner_unknown');
    const cls = u ? classOfText(await classesOf(u.id), at(cells, 'class')) : undefined;
    if (u && !cls) bad('class', 'assets.class_unknown', { code: at(cells, 'class') });
    const cia = (['confidentiality', 'integrity', 'availability'] as const).map((k) => {
      const v = at(cells, k);
      if (!/^[123]$/.test(v)) bad(k, 'assets.cia_range');
      return Number(v);
    });
    const personal = yesNo(at(cells, 'personal_data'));
    if (personal === undefined) bad('personal_data', 'assets.import_yes_no');
    const categories = at(cells, 'personal_categories')
      .split(/[;；]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (categories.length > 20 || categories.some((c) => c.length > 60))
      bad('personal_categories', 'validation.too_long', { maximum: 60 });
    for (const k of ['location', 'retention', 'disposal'] as const)
      if (at(cells, k).length > 200) bad(k, 'validation.too_long', { maximum: 200 });
    const originalId = at(cells, 'original_id') || null;
    const original = originalId ? existing.get(originalId) : undefined;
    if (originalId && (!original || original.originalId || originalId === id)) bad('original_id', 'assets.original_unknown');
    const raw: Record<string, string> = {};
    for (const f of fields) if (col(`custom.${f.key}`) >= 0) raw[f.key] = at(cells, `custom.${f.key}`);
    const custom = checkCustomValues(fields, { ...(current?.custom ?? {}), ...raw }, { prefix: 'custom', requireAll: true });
    for (const e of custom.errors) {
      const key = e.path.slice('custom.'.length);
      errors.push({ ...e, path: `line ${line}.${file.headers[col(`custom.${key}`)] ?? key}` });
    }
    if (errors.length > before || !u || !cls || !kind || !ownerId) continue;
    const values = Object.fromEntries(Object.entries(custom.values).filter(([, v]) => v !== null)) as Record<
      string,
      string | number
    >;
    const next = {
      unitId: u.id,
      name,
      kind,
      ownerId,
      classCode: cls.code,
      confidentiality: cia[0]!,
      integrity: cia[1]!,
      availability: cia[2]!,
      location: at(cells, 'location'),
      personalData: personal!,
      personalCategories: categories,
      retention: at(cells, 'retention'),
      disposal: at(cells, 'disposal'),
      originalId,
      custom: values,
    };
    // A row that changes nothing is not staged: an exported file re-imports as "0 created, 0 updated".
    if (current && comparable({ ...current, custom: current.custom as Record<string, string | number> }) === comparable(next))
      continue;
    if (current && current.classCode !== cls.code) {
      raised.set(current.id, line);
      raisedLines.push({ id: current.id, name, classCode: cls.code });
    }
    if (!errors.length) await stage({ id: id || null, unitPath: u.path, searchText: searchText(name, values, fields), ...next });
  }
  // a class raised above the limit of the zone where the asset is kept is refused (zones/service.ts)
  for (const p of await zoneLimitProblems(ctx.db, raisedLines))
    errors.push(
      fieldError(`line ${raised.get(p.assetId)}.${file.headers[col('class')] ?? 'class'}`, 'zones.asset_above_limit', p.params),
    );
  if (errors.length)
    throw invalid(
      errors.slice(0, MAX_PROBLEMS),
      msg('assets.import_problems', { count: errors.length >= MAX_PROBLEMS ? `${MAX_PROBLEMS}+` : errors.length }),
    );
}
