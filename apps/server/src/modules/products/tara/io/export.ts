import type { TaraAnalysis } from '@mamori/contracts';
import { recordRead } from '../../../../platform/audit/record';
import { XLSX_TYPE } from '../../../../platform/files/xlsx';
import type { Ctx } from '../../../../platform/tx';
import { getAnalysis } from '../analyses';
import { coverageOf } from '../r155/coverage';
import { toExchange } from './exchange';
import type { Lang } from './labels';
import { taraPdf } from './pdf';
import { taraXlsx } from './xlsx';

export type ExportFormat = 'json' | 'xlsx' | 'pdf';

/** A file name from the product code and the title: letters, digits, dot, dash and underscore only. */
const fileName = (ws: TaraAnalysis, ext: string) =>
  `tara-${`${ws.productCode}-${ws.title}`.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80)}.${ext}`;

/**
 * The analysis as JSON (`mamori-tara/1`), XLSX or PDF, in the reader's language. Each export is audited as a read
 * (who took the TARA out, when, in which format): a TARA tells where a product is weakest.
 */
export async function exportAnalysis(ctx: Ctx, id: string, format: ExportFormat, lang: Lang, now = new Date()) {
  const ws = await getAnalysis(ctx, id);
  const coverage = coverageOf(ws);
  const file =
    format === 'json'
      ? Buffer.from(JSON.stringify(toExchange(ws, now), null, 2))
      : format === 'xlsx'
        ? await taraXlsx(ws, coverage, lang, now)
        : await taraPdf(ws, coverage, lang, now);
  await recordRead(ctx.db, ctx.actor, {
    action: 'tara_analysis.export',
    targetType: 'tara_analysis',
    targetId: id,
    detail: { format, lang, threatScenarios: ws.threatScenarios.length },
  });
  const type = { json: 'application/json', xlsx: XLSX_TYPE, pdf: 'application/pdf' }[format];
  return { file, type, name: fileName(ws, format) };
}
