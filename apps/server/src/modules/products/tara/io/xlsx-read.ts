import { fieldError, invalid } from '../../../../platform/errors/app-error';
import { textAt, type XlsxSheet } from '../../../../platform/files/xlsx';
import { L, type Lang } from './labels';

/**
 * Reads back the workbook the XLSX export writes (either language) as a `mamori-tara/1` document, and tells for
 * each JSON pointer the sheet and cell it came from, so a refusal names `Threat scenarios!C5`, not a pointer.
 * Derived columns (potential, feasibility, risk value, signature) are ignored: Mamori derives them again.
 */

/** Column letters of each list's fields, as the export writes them (io/tables.ts). */
const COLUMNS: Record<string, Record<string, string>> = {
  assets: { ref: 'A', name: 'B', description: 'C', properties: 'D' },
  damageScenarios: { ref: 'A', title: 'B', description: 'C', impacts: 'D' },
  threatScenarios: { ref: 'A', title: 'B', asset: 'C', property: 'D', cause: 'E', stride: 'F', damages: 'G', r155Threats: 'H' },
  attackNodes: { ref: 'A', threat: 'B', parent: 'C', kind: 'D', title: 'E', ratings: 'F' },
  risks: { threat: 'A', damage: 'B', treatment: 'F', statement: 'G', cal: 'H', rationale: 'I', residualValue: 'J' },
  r155NotApplicable: { code: 'A', reason: 'F' },
};
const ITEM_FIELDS = ['boundary', 'functions', 'environment', 'assumptions'] as const;

/** label → code, over both languages (a workbook exported in Japanese reads the same as one in English). */
function reverse<K extends string>(pick: (l: (typeof L)[Lang]) => Record<K, string>) {
  const m = new Map<string, string>();
  for (const lang of ['ja', 'en'] as const)
    for (const [code, label] of Object.entries(pick(L[lang]))) m.set(label as string, code);
  return (label: string) => m.get(label) ?? label;
}
const kindOf = reverse((l) => l.kinds);
const impactOf = reverse((l) => l.impacts);
const treatmentOf = reverse((l) => l.treatments);

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const orNull = (s: string) => (s === '' ? null : s);
/** '—' and '' are null; a number is a number; anything else stays text so the schema names it. */
const numberOrText = (s: string) => (s === '' || s === '—' ? null : /^-?\d+$/.test(s) ? Number(s) : s);
const pairs = (s: string, sep: string) =>
  Object.fromEntries(
    list(s).map((p) => {
      const i = p.indexOf(sep);
      return i < 0 ? [p, ''] : [p.slice(0, i).trim(), p.slice(i + sep.length).trim()];
    }),
  );

export function exchangeFromXlsx(sheets: XlsxSheet[]) {
  const lang = (['en', 'ja'] as const).find((l) => sheets.some((s) => s.name === L[l].sheets.threats));
  if (!lang) throw invalid([fieldError('body.file', 'tara.xlsx_not_export')]);
  const t = L[lang];
  const sheet = (name: string) => sheets.find((s) => s.name === name.slice(0, 31))?.rows ?? new Map<number, string[]>();
  /** the data rows of a sheet (header skipped, empty rows left out), with their row numbers */
  const body = (name: string) =>
    [...sheet(name).entries()].filter(([n, r]) => n > 1 && r.some((c) => c && c !== '')).sort((a, b) => a[0] - b[0]);
  const where = new Map<string, { sheet: string; rows: number[] }>();
  const read = <T>(key: string, name: string, make: (r: string[]) => T | null) => {
    const out: T[] = [];
    const rows: number[] = [];
    for (const [n, r] of body(name)) {
      const x = make(r);
      if (x === null) continue;
      out.push(x);
      rows.push(n);
    }
    where.set(key, { sheet: name.slice(0, 31), rows });
    return out;
  };
  const c = (r: string[], col: string) => textAt(r, col.charCodeAt(0) - 64);

  const itemRows = new Map([...sheet(t.sheets.item).entries()].map(([n, r]) => [textAt(r, 1), { n, v: textAt(r, 2) }]));
  const item = (label: string) => itemRows.get(label)?.v ?? '';
  const doc = {
    format: 'mamori-tara/1',
    analysis: {
      title: item(t.title),
      ...Object.fromEntries(ITEM_FIELDS.map((f) => [f, orNull(item(t.item[f]))])),
    },
    assets: read('assets', t.sheets.assets, (r) => ({
      ref: c(r, 'A'),
      name: c(r, 'B'),
      description: orNull(c(r, 'C')),
      properties: list(c(r, 'D')),
    })),
    damageScenarios: read('damageScenarios', t.sheets.damages, (r) => ({
      ref: c(r, 'A'),
      title: c(r, 'B'),
      description: orNull(c(r, 'C')),
      impacts: Object.fromEntries(Object.entries(pairs(c(r, 'D'), ':')).map(([k, v]) => [k, impactOf(v)])),
    })),
    threatScenarios: read('threatScenarios', t.sheets.threats, (r) => ({
      ref: c(r, 'A'),
      title: c(r, 'B'),
      asset: c(r, 'C'),
      property: c(r, 'D'),
      cause: orNull(c(r, 'E')),
      stride: orNull(c(r, 'F')),
      damages: list(c(r, 'G')),
      r155Threats: list(c(r, 'H')),
    })),
    attackNodes: read('attackNodes', t.sheets.nodes, (r) => ({
      ref: c(r, 'A'),
      threat: c(r, 'B'),
      parent: orNull(c(r, 'C')),
      kind: kindOf(c(r, 'D')),
      title: c(r, 'E'),
      ratings: c(r, 'F') ? pairs(c(r, 'F'), '=') : null,
    })),
    risks: read('risks', t.sheets.risks, (r) =>
      c(r, 'F') === ''
        ? null
        : {
            threat: c(r, 'A'),
            damage: c(r, 'B'),
            treatment: treatmentOf(c(r, 'F')),
            statement: c(r, 'G'),
            cal: numberOrText(c(r, 'H')),
            rationale: orNull(c(r, 'I')),
            residualValue: numberOrText(c(r, 'J')),
          },
    ),
    r155NotApplicable: read('r155NotApplicable', t.sheets.r155, (r) =>
      c(r, 'D') === t.statuses.not_applicable ? { code: c(r, 'A'), reason: c(r, 'F') } : null,
    ),
  };

  /** `/document/threatScenarios/3/asset` → `Threat scenarios!C6` (the sheet's own name, in its language). */
  const locate = (pointer: string) => {
    const [, , key, index, field] = pointer.split('/');
    if (key === 'analysis') {
      const label = field === 'title' ? t.title : (t.item as Record<string, string>)[field ?? ''];
      const row = label ? itemRows.get(label)?.n : undefined;
      return row ? `${t.sheets.item}!B${row}` : `${t.sheets.item}`;
    }
    const w = key ? where.get(key) : undefined;
    const row = w?.rows[Number(index)];
    if (!w || row === undefined) return w ? w.sheet : pointer;
    const col = COLUMNS[key!]?.[field ?? ''];
    return col ? `${w.sheet}!${col}${row}` : `${w.sheet}!${row}:${row}`;
  };
  return { doc, locate };
}
