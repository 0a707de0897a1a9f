import { SOA_FIELDS, type SoaDiff, type SoaEntry } from '@mamori/contracts';
import type { Ctx } from '../../platform/tx';
import { loadSoa, versionByNumber } from './soa-access';
import { entriesOf } from './soa-read';

const value = (e: SoaEntry | undefined, field: (typeof SOA_FIELDS)[number]): unknown =>
  !e ? null : field === 'evidence' ? e.evidence.map((f) => f.name).sort() : e[field];

/** Two versions' entries compared control by control: each field whose value differs, with both values. */
export function diffEntries(from: SoaEntry[], to: SoaEntry[]): SoaDiff['changes'] {
  const before = new Map(from.map((e) => [e.controlId, e]));
  return to.flatMap((e) => {
    const old = before.get(e.controlId);
    const fields = SOA_FIELDS.flatMap((field) => {
      const a = value(old, field);
      const b = value(e, field);
      return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ field, from: a, to: b }];
    });
    return fields.length ? [{ controlId: e.controlId, fields }] : [];
  });
}

export async function diffVersions(ctx: Ctx, id: string, from: number, to: number): Promise<SoaDiff> {
  await loadSoa(ctx.db, ctx, id);
  const [a, b] = [await versionByNumber(ctx.db, id, from), await versionByNumber(ctx.db, id, to)];
  return { from, to, changes: diffEntries(await entriesOf(ctx.db, a.id), await entriesOf(ctx.db, b.id)) };
}
