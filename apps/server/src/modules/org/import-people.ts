import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Person, PERSON_KINDS, PERSON_STATUSES } from '@mamori/contracts';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { covers, scopeOf } from '../../platform/access/scope';
import type { AuditInput } from '../../platform/audit/record';
import type { FieldError } from '../../platform/errors/app-error';
import { MAX_PROBLEMS, parseCsvYielding, refuseIfErrors } from '../../platform/files/csv';
import { runStagedImport, type ImportKind } from '../../platform/imports/staged';
import type { Ctx } from '../../platform/tx';
import { personAuditView } from './present';
import { orgUnits, people } from './tables';

const COLUMNS = ['employee_no', 'name_ja', 'name_en', 'email', 'kind', 'org_code', 'status'] as const;
const REQUIRED = ['employee_no', 'name_ja', 'name_en', 'kind', 'org_code'] as const;
const Email = z.email();

/**
 * Reads by key in batches of 5,000. Between batches it gives the event loop a turn: on PGlite a query runs on this
 * thread and resolves as a microtask, so a chain of awaited queries would otherwise never let a request in.
 */
async function inBatches<K, R>(keys: K[], fetch: (batch: K[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < keys.length; i += 5000) {
    out.push(...(await fetch(keys.slice(i, i + 5000))));
    if (i + 5000 < keys.length) await yieldToLoop();
  }
  return out;
}

const unitsByCode = async (db: Db, codes: string[]) =>
  new Map((await inBatches(codes, (b) => db.select().from(orgUnits).where(inArray(orgUnits.code, b)))).map((u) => [u.code, u]));

const peopleByNo = async (db: Db, nos: string[], lock = false) =>
  new Map(
    (
      await inBatches(nos, (b) => {
        const q = db.select().from(people).where(inArray(people.employeeNo, b));
        return lock ? q.for('update') : q;
      })
    ).map((p) => [p.employeeNo, p]),
  );

/** One valid line of the file, as staged: the person's values and the unit it names. */
const PersonLine = Person.pick({
  employeeNo: true,
  nameJa: true,
  nameEn: true,
  email: true,
  kind: true,
  status: true,
  orgUnitId: true,
});
type PersonLine = z.infer<typeof PersonLine>;

/**
 * Applies lines to the people as they are now (locked): a new number is created, a known one updated when
 * something differs (a change of unit or a departure stamps changedAt for the ID review). A line whose unit was
 * deleted since the file was checked is skipped, and an audit event names it.
 */
async function applyPeople(tx: Db, audit: { many(events: AuditInput[]): Promise<void> }, lines: PersonLine[]) {
  const existing = await peopleByNo(
    tx,
    lines.map((l) => l.employeeNo),
    true,
  );
  const unitIds = [...new Set([...lines.map((l) => l.orgUnitId), ...[...existing.values()].map((p) => p.orgUnitId)])];
  const unitPath = new Map(
    (
      await tx
        .select({ id: orgUnits.id, path: orgUnits.path })
        .from(orgUnits)
        .where(inArray(orgUnits.id, unitIds))
        .for('key share')
    ).map((u) => [u.id, u.path]),
  );
  const events: AuditInput[] = [];
  const inserts: (typeof people.$inferInsert)[] = [];
  const skipped: string[] = [];
  let updated = 0;
  for (const line of lines) {
    const path = unitPath.get(line.orgUnitId);
    if (!path) {
      skipped.push(line.employeeNo);
      continue;
    }
    const { employeeNo: _, ...values } = line;
    const before = existing.get(line.employeeNo);
    if (!before) {
      inserts.push({ id: crypto.randomUUID(), ...line, email: line.email });
      continue;
    }
    const moved = before.orgUnitId !== line.orgUnitId || before.status !== line.status;
    const after = { ...before, ...values, changedAt: moved ? new Date() : before.changedAt, updatedAt: new Date() };
    if (JSON.stringify(personAuditView(before)) === JSON.stringify(personAuditView(after))) continue;
    after.rowVersion = before.rowVersion + 1; // what the trigger makes it on the update below (the audit's "after")
    const { id, rowVersion: _version, ...set } = after;
    await tx
      .update(people)
      .set(set)
      .where(inArray(people.id, [id]));
    updated++;
    events.push({
      action: 'person.update',
      targetType: 'person',
      targetId: id,
      orgPath: path,
      before: personAuditView(before),
      after: personAuditView(after),
    });
  }
  if (inserts.length) {
    const created = await tx.insert(people).values(inserts).returning();
    for (const p of created)
      events.push({
        action: 'person.create',
        targetType: 'person',
        targetId: p.id,
        orgPath: unitPath.get(p.orgUnitId),
        after: personAuditView(p),
      });
  }
  if (skipped.length)
    events.push({
      action: 'person.import_skipped',
      targetType: 'person',
      after: { employeeNos: skipped, reason: 'unit deleted during the import' },
    });
  await audit.many(events);
  return { created: inserts.length, updated, skipped: skipped.length };
}

export const peopleImport: ImportKind<PersonLine> = { kind: 'people', row: PersonLine, apply: applyPeople };

/**
 * Imports people from CSV, keyed by employee_no. All rows are checked first; any error refuses the whole file and
 * nothing is written. A valid file is staged, committed and applied in short transactions (platform/imports):
 * the server keeps answering during a long import, and a crash leaves either nothing or, once committed, an import
 * that is finished on restart.
 */
export async function importPeople(ctx: Ctx, csv: string) {
  const scope = scopeOf(ctx.principal, 'people:manage');
  const rows = await parseCsvYielding(csv, COLUMNS, REQUIRED);
  const units = await unitsByCode(ctx.db, [...new Set(rows.map((r) => r.values.org_code!))]);
  const existing = await peopleByNo(ctx.db, [...new Set(rows.map((r) => r.values.employee_no!))]);
  const currentUnitIds = [...new Set([...existing.values()].map((p) => p.orgUnitId))];
  const currentPath = new Map(
    (
      await inBatches(currentUnitIds, (b) =>
        ctx.db.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, b)),
      )
    ).map((u) => [u.id, u.path]),
  );
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const lines: PersonLine[] = [];
  for (const [i, { line, values: v }] of rows.entries()) {
    if (i % 1000 === 999) await yieldToLoop();
    if (errors.length >= MAX_PROBLEMS) break; // enough to report: the file is refused anyway
    const at = (col: string, message: string) => errors.push({ path: `line ${line}.${col}`, message });
    const no = v.employee_no!;
    if (!/^[A-Za-z0-9_.-]{1,40}$/.test(no)) at('employee_no', 'letters, digits, . _ - (1–40)');
    else if (seen.has(no)) at('employee_no', 'appears twice in the file');
    seen.add(no);
    if (!v.name_ja || v.name_ja.length > 200) at('name_ja', 'required, at most 200 characters');
    if (!v.name_en || v.name_en.length > 200) at('name_en', 'required, at most 200 characters');
    if (v.email && !Email.safeParse(v.email).success) at('email', 'not an e-mail address');
    if (!PERSON_KINDS.includes(v.kind as never)) at('kind', `must be one of ${PERSON_KINDS.join(', ')}`);
    const status = v.status || 'active';
    if (!PERSON_STATUSES.includes(status as never)) at('status', `must be one of ${PERSON_STATUSES.join(', ')}`);
    const unit = units.get(v.org_code!);
    if (!unit) at('org_code', `unknown unit ${v.org_code}`);
    else if (!covers(scope, unit.path)) at('org_code', 'outside your scope');
    const before = existing.get(no);
    if (before && !covers(scope, currentPath.get(before.orgUnitId))) at('employee_no', 'this person is outside your scope');
    if (errors.length || !unit) continue;
    const values: PersonLine = {
      employeeNo: no,
      nameJa: v.name_ja!,
      nameEn: v.name_en!,
      email: v.email ? v.email.toLowerCase() : null,
      kind: v.kind as PersonLine['kind'],
      status: status as PersonLine['status'],
      orgUnitId: unit.id,
    };
    // A line that changes nothing is not staged (the result counts only what changed).
    if (before && JSON.stringify(personAuditView(before)) === JSON.stringify(personAuditView({ ...before, ...values }))) continue;
    lines.push(values);
  }
  refuseIfErrors(errors, 'file');
  const { created, updated } = await runStagedImport(ctx, peopleImport, lines);
  return { created, updated };
}
