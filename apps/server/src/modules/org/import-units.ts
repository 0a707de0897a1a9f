import { ORG_KINDS } from '@mamori/contracts';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { covers, scopeOf } from '../../platform/access/scope';
import type { FieldError } from '../../platform/errors/app-error';
import { MAX_PROBLEMS, parseCsv, refuseIfErrors } from '../../platform/files/csv';
import type { AuditInput } from '../../platform/audit/record';
import { loadManyForUpdate, lockName } from '../../platform/records/lock';
import { inTransaction, type Ctx } from '../../platform/tx';
import { ORG_TREE_LOCK } from './units';
import { unitAuditView } from './present';
import { orgUnits } from './tables';

const COLUMNS = ['code', 'parent_code', 'kind', 'name_ja', 'name_en'] as const;
const lineOf = (e: FieldError) => Number(/^line (\d+)/.exec(e.path)?.[1] ?? 0);
const CODE = /^[A-Za-z0-9_.-]{1,40}$/;

interface UnitLine {
  line: number;
  code: string;
  parentCode: string;
  kind: (typeof ORG_KINDS)[number];
  nameJa: string;
  nameEn: string;
}

function validate(rows: ReturnType<typeof parseCsv>, errors: FieldError[]): UnitLine[] {
  const seen = new Set<string>();
  const out: UnitLine[] = [];
  for (const { line, values: v } of rows) {
    if (errors.length >= MAX_PROBLEMS) break; // enough to report: the file is refused anyway
    const at = (col: string, message: string) => errors.push({ path: `line ${line}.${col}`, message });
    if (!CODE.test(v.code!)) at('code', 'letters, digits, . _ - (1–40)');
    else if (seen.has(v.code!)) at('code', 'appears twice in the file');
    if (v.parent_code && !CODE.test(v.parent_code)) at('parent_code', 'letters, digits, . _ - (1–40)');
    if (!ORG_KINDS.includes(v.kind as UnitLine['kind'])) at('kind', `must be one of ${ORG_KINDS.join(', ')}`);
    if (!v.name_ja || v.name_ja.length > 200) at('name_ja', 'required, at most 200 characters');
    if (!v.name_en || v.name_en.length > 200) at('name_en', 'required, at most 200 characters');
    seen.add(v.code!);
    out.push({
      line,
      code: v.code!,
      parentCode: v.parent_code ?? '',
      kind: v.kind as UnitLine['kind'],
      nameJa: v.name_ja!,
      nameEn: v.name_en!,
    });
  }
  return out;
}

/** The units the file names, locked: the import updates what it reads (and writes their "before" in the audit). */
async function existingByCode(db: Db, codes: string[]) {
  const rows = await loadManyForUpdate(db, orgUnits, orgUnits.code, codes);
  return new Map(rows.map((r) => [r.code, r]));
}

/**
 * Imports org units from CSV (code, parent_code, kind, name_ja, name_en): new codes are created under their
 * parent (in the file or already in Mamori, in any order), known codes get their names and kind updated.
 * Every row is checked first; one bad row refuses the whole file, and the rest runs in one transaction.
 */
export async function importUnits(ctx: Ctx, csv: string) {
  const scope = scopeOf(ctx.principal, 'org:manage');
  const errors: FieldError[] = [];
  const lines = validate(parseCsv(csv, COLUMNS), errors);
  return inTransaction(ctx, async (tx, audit) => {
    await lockName(tx, ORG_TREE_LOCK, 'shared');
    const codes = [...new Set(lines.flatMap((l) => [l.code, l.parentCode]).filter(Boolean))];
    const known = await existingByCode(tx, codes);
    const parentIds = [...new Set([...known.values()].map((u) => u.parentId).filter((x): x is string => !!x))];
    const parentCode = new Map<string, string>();
    for (let i = 0; i < parentIds.length; i += 5000) {
      const rows = await tx
        .select({ id: orgUnits.id, code: orgUnits.code })
        .from(orgUnits)
        .where(inArray(orgUnits.id, parentIds.slice(i, i + 5000)));
      for (const r of rows) parentCode.set(r.id, r.code);
    }
    const byCode = new Map(lines.map((l) => [l.code, l]));
    const placed = new Map<string, { id: string; path: string; depth: number }>();
    for (const [code, u] of known) placed.set(code, { id: u.id, path: u.path, depth: u.depth });
    const inserts: (typeof orgUnits.$inferInsert)[] = [];
    const events: AuditInput[] = [];
    let updated = 0;

    const place = (l: UnitLine, trail: Set<string>): { id: string; path: string; depth: number } | undefined => {
      const done = placed.get(l.code);
      if (done) return done;
      if (trail.has(l.code)) {
        errors.push({ path: `line ${l.line}.parent_code`, message: 'the parent chain loops back to this unit' });
        return undefined;
      }
      let parent: { id: string; path: string; depth: number } | undefined;
      if (l.parentCode) {
        const p = byCode.get(l.parentCode);
        parent = placed.get(l.parentCode) ?? (p ? place(p, new Set([...trail, l.code])) : undefined);
        if (!parent) {
          if (!p) errors.push({ path: `line ${l.line}.parent_code`, message: `unknown unit ${l.parentCode}` });
          return undefined;
        }
        if (!covers(scope, parent.path)) {
          errors.push({ path: `line ${l.line}.parent_code`, message: 'outside your scope' });
          return undefined;
        }
      } else if (scope.kind !== 'all') {
        errors.push({ path: `line ${l.line}.parent_code`, message: 'only group-wide administrators create top-level units' });
        return undefined;
      }
      const id = crypto.randomUUID();
      const spot = { id, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 };
      placed.set(l.code, spot);
      const row = {
        id,
        parentId: parent?.id ?? null,
        code: l.code,
        kind: l.kind,
        nameJa: l.nameJa,
        nameEn: l.nameEn,
        path: spot.path,
        depth: spot.depth,
      };
      inserts.push(row);
      events.push({
        action: 'org_unit.create',
        targetType: 'org_unit',
        targetId: id,
        orgPath: spot.path,
        after: unitAuditView(row as never),
      });
      return spot;
    };

    for (const l of lines) {
      const existing = known.get(l.code);
      if (!existing) {
        place(l, new Set());
        continue;
      }
      if (!covers(scope, existing.path)) {
        errors.push({ path: `line ${l.line}.code`, message: 'outside your scope' });
        continue;
      }
      if (l.parentCode !== (existing.parentId ? parentCode.get(existing.parentId) : '')) {
        errors.push({ path: `line ${l.line}.parent_code`, message: 'moving a unit is done in the org tree, not by import' });
        continue;
      }
      if (existing.kind === l.kind && existing.nameJa === l.nameJa && existing.nameEn === l.nameEn) continue;
      const after = { ...existing, rowVersion: existing.rowVersion + 1, kind: l.kind, nameJa: l.nameJa, nameEn: l.nameEn };
      await tx
        .update(orgUnits)
        .set({ kind: l.kind, nameJa: l.nameJa, nameEn: l.nameEn, updatedAt: new Date() })
        .where(eq(orgUnits.id, existing.id));
      events.push({
        action: 'org_unit.update',
        targetType: 'org_unit',
        targetId: existing.id,
        orgPath: existing.path,
        before: unitAuditView(existing),
        after: unitAuditView(after),
      });
      updated++;
    }
    errors.sort((a, b) => lineOf(a) - lineOf(b));
    refuseIfErrors(errors, 'file');
    inserts.sort((a, b) => a.depth! - b.depth!);
    for (let i = 0; i < inserts.length; i += 1000) await tx.insert(orgUnits).values(inserts.slice(i, i + 1000));
    await audit.many(events);
    return { created: inserts.length, updated };
  });
}
