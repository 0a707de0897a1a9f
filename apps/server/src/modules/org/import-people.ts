import { PERSON_KINDS, PERSON_STATUSES } from '@mamori/contracts';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { covers, scopeOf } from '../../platform/access/scope';
import type { AuditInput } from '../../platform/audit/record';
import type { FieldError } from '../../platform/errors/app-error';
import { MAX_PROBLEMS, parseCsv, refuseIfErrors } from '../../platform/files/csv';
import { loadManyForUpdate } from '../../platform/records/lock';
import { inTransaction, type Ctx } from '../../platform/tx';
import { personAuditView } from './present';
import { orgUnits, people } from './tables';

const COLUMNS = ['employee_no', 'name_ja', 'name_en', 'email', 'kind', 'org_code', 'status'] as const;
const REQUIRED = ['employee_no', 'name_ja', 'name_en', 'kind', 'org_code'] as const;
const Email = z.email();

async function inBatches<K, R>(keys: K[], fetch: (batch: K[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < keys.length; i += 5000) out.push(...(await fetch(keys.slice(i, i + 5000))));
  return out;
}

const unitsByCode = async (db: Db, codes: string[]) =>
  new Map((await inBatches(codes, (b) => db.select().from(orgUnits).where(inArray(orgUnits.code, b)))).map((u) => [u.code, u]));

/** The people the file names, locked: the import updates what it reads (and writes their "before" in the audit). */
const peopleByNo = async (db: Db, nos: string[]) =>
  new Map((await loadManyForUpdate(db, people, people.employeeNo, nos)).map((p) => [p.employeeNo, p]));

/**
 * Imports people from CSV, keyed by employee_no: new numbers are created, known ones updated (a change of
 * unit or a departure stamps changedAt for the ID review). All rows are checked first; any error refuses
 * the whole file; then everything is written in one transaction with its audit events.
 */
export async function importPeople(ctx: Ctx, csv: string) {
  const scope = scopeOf(ctx.principal, 'people:manage');
  const rows = parseCsv(csv, COLUMNS, REQUIRED);
  return inTransaction(ctx, async (tx, audit) => {
    const units = await unitsByCode(tx, [...new Set(rows.map((r) => r.values.org_code!))]);
    const existing = await peopleByNo(tx, [...new Set(rows.map((r) => r.values.employee_no!))]);
    const currentUnitIds = [...new Set([...existing.values()].map((p) => p.orgUnitId))];
    const currentPath = new Map(
      (
        await inBatches(currentUnitIds, (b) =>
          tx.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, b)),
        )
      ).map((u) => [u.id, u.path]),
    );
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const inserts: (typeof people.$inferInsert)[] = [];
    const updates: { before: typeof people.$inferSelect; after: typeof people.$inferSelect; path: string }[] = [];
    for (const { line, values: v } of rows) {
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
      const values = {
        employeeNo: no,
        nameJa: v.name_ja!,
        nameEn: v.name_en!,
        email: v.email ? v.email.toLowerCase() : null,
        kind: v.kind as (typeof PERSON_KINDS)[number],
        status: status as (typeof PERSON_STATUSES)[number],
        orgUnitId: unit.id,
      };
      if (!before) inserts.push({ id: crypto.randomUUID(), ...values });
      else {
        const moved = before.orgUnitId !== unit.id || before.status !== values.status;
        const after = {
          ...before,
          ...values,
          rowVersion: before.rowVersion + 1, // the trigger bumps it on the update below
          changedAt: moved ? new Date() : before.changedAt,
          updatedAt: new Date(),
        };
        const same =
          JSON.stringify(personAuditView(before)) ===
          JSON.stringify(personAuditView({ ...after, rowVersion: before.rowVersion }));
        if (!same) updates.push({ before, after, path: unit.path });
      }
    }
    refuseIfErrors(errors, 'file');
    const unitPath = new Map([...units.values()].map((u) => [u.id, u.path]));
    const events: AuditInput[] = [];
    for (let i = 0; i < inserts.length; i += 1000) {
      const created = await tx
        .insert(people)
        .values(inserts.slice(i, i + 1000))
        .returning();
      for (const p of created)
        events.push({
          action: 'person.create',
          targetType: 'person',
          targetId: p.id,
          orgPath: unitPath.get(p.orgUnitId),
          after: personAuditView(p),
        });
    }
    for (const u of updates) {
      const { id, ...set } = u.after;
      await tx
        .update(people)
        .set(set)
        .where(inArray(people.id, [id]));
      events.push({
        action: 'person.update',
        targetType: 'person',
        targetId: id,
        orgPath: u.path,
        before: personAuditView(u.before),
        after: personAuditView(u.after),
      });
    }
    await audit.many(events);
    return { created: inserts.length, updated: updates.length };
  });
}
