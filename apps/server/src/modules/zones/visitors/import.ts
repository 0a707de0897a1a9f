import { inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { fieldError, invalid, msg, type FieldError } from '../../../platform/errors/app-error';
import { csvUpload, readCsvStream, type CsvLine } from '../../../platform/files/csv-stream';
import { applyImport, commitImport, openStaging, type ImportKind } from '../../../platform/imports/staged';
import type { Ctx } from '../../../platform/tx';
import { people } from '../../org/tables';
import { zoneVisits } from '../tables';
import { zoneForLog } from './log';

/**
 * The visitor-log CSV of an entry system (a million lines a file is fine): read as a stream (platform/files/csv-stream),
 * each chunk of lines checked at once and staged (platform/imports), nothing held whole. Any problem refuses the whole
 * file (400 naming each line, up to MAX_PROBLEMS; what was staged is dropped). A valid file is committed in one short
 * transaction — the point after which the import is decided and finished even across a crash — then applied
 * set-based, 20,000 rows a transaction, inside the database.
 */
export const VISIT_COLUMNS = [
  'employee_no',
  'visitor_name',
  'visitor_company',
  'host_employee_no',
  'entered_at',
  'left_at',
] as const;

const MAX_PROBLEMS = 1000;

const VisitLine = z.object({
  zoneId: z.uuid(),
  personId: z.uuid().nullable(),
  visitorName: z.string(),
  visitorCompany: z.string(),
  hostPersonId: z.uuid().nullable(),
  enteredAt: z.string(),
  leftAt: z.string().nullable(),
});
type VisitLine = z.infer<typeof VisitLine>;

const d = (key: keyof VisitLine) => sql.raw(`data->>'${key}'`);

/** Staged visit rows are plain inserts: applied in the database, 20,000 to a transaction. */
export const visitsImport: ImportKind<VisitLine> = {
  kind: 'zone-visits',
  row: VisitLine,
  stageChunk: 5000,
  applyChunk: 20_000,
  applySql: (claimed) =>
    sql`INSERT INTO ${zoneVisits} (zone_id, person_id, visitor_name, visitor_company, host_person_id, entered_at, left_at, source)
        SELECT (${d('zoneId')})::uuid, (${d('personId')})::uuid, ${d('visitorName')}, ${d('visitorCompany')},
               (${d('hostPersonId')})::uuid, (${d('enteredAt')})::timestamptz, (${d('leftAt')})::timestamptz, 'import'
          FROM ${claimed} RETURNING 1`,
  async apply(tx, _audit, rows) {
    await tx.insert(zoneVisits).values(
      rows.map((r) => ({
        ...r,
        enteredAt: new Date(r.enteredAt),
        leftAt: r.leftAt ? new Date(r.leftAt) : null,
        source: 'import' as const,
      })),
    );
    return { created: rows.length, updated: 0 };
  },
};

/** An entry system's time: ISO 8601 with an offset, or `YYYY-MM-DD HH:MM[:SS]` in Japan time. */
export function parseVisitTime(s: string): string | null {
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/.exec(s);
  const text = local ? `${local[1]}T${local[2]!.length === 5 ? local[2] + ':00' : local[2]}+09:00` : s;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const t = Date.parse(text);
  if (Number.isNaN(t)) return null;
  const y = new Date(t).getUTCFullYear();
  return y >= 1900 && y <= 2200 ? new Date(t).toISOString() : null;
}

/** Employee numbers to person ids, looked up a chunk at a time and kept (at most the group's people). */
function personLookup(db: Db) {
  const byNo = new Map<string, string | null>();
  return {
    async load(lines: CsvLine[]) {
      const wanted = new Set<string>();
      for (const { values: v } of lines)
        for (const no of [v.employee_no, v.host_employee_no]) if (no && !byNo.has(no)) wanted.add(no);
      if (!wanted.size) return;
      const all = [...wanted];
      for (const no of all) byNo.set(no, null);
      for (let i = 0; i < all.length; i += 5000) {
        const found = await db
          .select({ id: people.id, no: people.employeeNo })
          .from(people)
          .where(inArray(people.employeeNo, all.slice(i, i + 5000)));
        for (const p of found) byNo.set(p.no, p.id);
      }
    },
    get: (no: string) => byNo.get(no) ?? null,
  };
}

/** One line checked: the row to stage, with the problems it has (each at `line N`, with a code). */
function checkLine(zoneId: string, { line, values: v }: CsvLine, personOf: (no: string) => string | null) {
  const errors: FieldError[] = [];
  const at = `line ${line}`;
  const personId = v.employee_no ? personOf(v.employee_no) : null;
  if (v.employee_no && !personId)
    errors.push(fieldError(at, 'visits.import_person_unknown', { column: 'employee_no', no: v.employee_no.slice(0, 40) }));
  if (!v.employee_no && !v.visitor_name) errors.push(fieldError(at, 'visits.who_missing'));
  const hostPersonId = v.host_employee_no ? personOf(v.host_employee_no) : null;
  if (v.host_employee_no && !hostPersonId)
    errors.push(
      fieldError(at, 'visits.import_person_unknown', { column: 'host_employee_no', no: v.host_employee_no.slice(0, 40) }),
    );
  const enteredAt = parseVisitTime(v.entered_at ?? '');
  if (!enteredAt)
    errors.push(fieldError(at, 'visits.import_time', { column: 'entered_at', value: (v.entered_at ?? '').slice(0, 40) }));
  const leftAt = v.left_at ? parseVisitTime(v.left_at) : null;
  if (v.left_at && !leftAt)
    errors.push(fieldError(at, 'visits.import_time', { column: 'left_at', value: v.left_at.slice(0, 40) }));
  else if (enteredAt && leftAt && leftAt < enteredAt) errors.push(fieldError(at, 'visits.left_before_entered'));
  if ((v.visitor_name ?? '').length > 200 || (v.visitor_company ?? '').length > 200)
    errors.push(fieldError(at, 'visits.import_too_long'));
  const row: VisitLine = {
    zoneId,
    personId,
    visitorName: personId ? '' : (v.visitor_name ?? ''),
    visitorCompany: v.visitor_company ?? '',
    hostPersonId,
    enteredAt: enteredAt ?? '',
    leftAt,
  };
  return { row, errors };
}

/**
 * Imports an entry system's CSV into a zone's log: every line checked (unknown employee numbers, neither a person nor
 * a visitor's name, a time that is not a time, out before in), all lines or none.
 */
export async function importVisits(ctx: Ctx, zoneId: string, body: unknown): Promise<{ created: number }> {
  const zone = await zoneForLog(ctx.db, ctx, zoneId);
  const upload = csvUpload(body);
  const staging = openStaging(ctx.db, visitsImport, ctx.actor);
  const lookup = personLookup(ctx.db);
  const errors: FieldError[] = [];
  try {
    const read = await readCsvStream(upload.stream, { columns: VISIT_COLUMNS, required: ['entered_at'] }, async (lines) => {
      await lookup.load(lines);
      for (const line of lines) {
        const checked = checkLine(zone.id, line, lookup.get);
        if (checked.errors.length) errors.push(...checked.errors);
        else if (!errors.length) await staging.add(checked.row);
        if (errors.length >= MAX_PROBLEMS) return false;
      }
      return true;
    });
    errors.push(...read.errors);
  } catch (err) {
    await staging.abandon();
    throw err;
  }
  if (errors.length) {
    await staging.abandon();
    errors.sort((a, b) => Number(a.path.slice(5)) - Number(b.path.slice(5)));
    throw invalid(errors.slice(0, MAX_PROBLEMS), msg('visits.import_problems', { count: errors.length }));
  }
  const batch = await staging.close();
  if (!batch) return { created: 0 };
  await commitImport(ctx, visitsImport as ImportKind<unknown>, batch);
  const { created } = await applyImport(ctx.db, visitsImport as ImportKind<unknown>, batch);
  return { created };
}
