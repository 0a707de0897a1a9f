import type { TaraAnalysis, TaraR155Coverage } from '@mamori/contracts';
import { r155Catalog } from '../r155/catalog';
import { L, type Lang } from './labels';

/**
 * The rows of each work product, shared by the XLSX and the PDF: same refs (A1, D1, T1, N1) as the JSON export.
 */
export function exportRows(ws: TaraAnalysis, coverage: TaraR155Coverage, lang: Lang) {
  const t = L[lang];
  const ref = (prefix: string, list: { id: string }[]) => new Map(list.map((x, i) => [x.id, `${prefix}${i + 1}`]));
  const A = ref('A', ws.assets);
  const D = ref('D', ws.damageScenarios);
  const T = ref('T', ws.threatScenarios);
  const N = ref('N', ws.attackNodes);
  const imp = (v: string | null) => (v ? t.impacts[v as keyof typeof t.impacts] : '—');
  const fea = (v: string | null) => (v ? t.feasibilities[v as keyof typeof t.feasibilities] : '—');
  const num = (v: number | null) => (v === null ? '—' : String(v));
  const catalog = r155Catalog();
  const category = new Map(catalog.categories.map((c) => [c.code, c.title[lang]]));
  const threatTitle = new Map(catalog.threats.map((c) => [c.code, c.title[lang]]));
  return {
    assets: ws.assets.map((a) => [A.get(a.id)!, a.name, a.description ?? '', a.properties.join(', ')]),
    damages: ws.damageScenarios.map((d) => [
      D.get(d.id)!,
      d.title,
      d.description ?? '',
      Object.entries(d.impacts)
        .map(([k, v]) => `${k}: ${imp(v)}`)
        .join(', '),
      imp(d.impact),
    ]),
    threats: ws.threatScenarios.map((x) => [
      T.get(x.id)!,
      x.title,
      A.get(x.assetId) ?? '',
      x.property,
      x.cause ?? '',
      x.stride ?? '',
      x.damageIds.map((d) => D.get(d)).join(', '),
      x.r155Threats.join(', '),
      num(x.attackPotential),
      fea(x.feasibility),
    ]),
    nodes: ws.attackNodes.map((n) => [
      N.get(n.id)!,
      T.get(n.threatId) ?? '',
      n.parentId ? (N.get(n.parentId) ?? '') : '',
      t.kinds[n.kind],
      n.title,
      n.ratings
        ? Object.entries(n.ratings)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')
        : '',
      num(n.attackPotential),
      fea(n.feasibility),
    ]),
    risks: ws.risks.map((r) => [
      T.get(r.threatId)!,
      D.get(r.damageId)!,
      imp(r.impact),
      fea(r.feasibility),
      num(r.value),
      r.treatment ? t.treatments[r.treatment] : '',
      r.statement ?? '',
      num(r.cal),
      r.rationale ?? '',
      num(r.residualValue),
      r.signedBy ?? '',
    ]),
    r155: coverage.items.map((c) => [
      c.code,
      `${c.category} ${category.get(c.category) ?? ''}`,
      threatTitle.get(c.code) ?? '',
      t.statuses[c.status],
      c.threatIds.map((id) => T.get(id)).join(', '),
      c.reason ?? '',
    ]),
  };
}
