import type { Language, PartnerExportQuery } from '@mamori/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { Ctx } from '../../../platform/tx';
import { partnerPages } from '../records/partners';
import { streamXlsx, type ExportColumn } from './xlsx-stream';

type Key =
  | 'id'
  | 'nameJa'
  | 'nameEn'
  | 'corporateNumber'
  | 'country'
  | 'tier'
  | 'latestScore'
  | 'latestScoredAt'
  | 'hasValidNda'
  | 'overdue'
  | 'status';
const COLUMNS: ExportColumn<Key>[] = [
  { key: 'id', width: 38, ja: 'ID', en: 'ID' },
  { key: 'nameJa', width: 30, ja: '名称', en: 'Name (ja)' },
  { key: 'nameEn', width: 30, ja: '名称（英語）', en: 'Name' },
  { key: 'corporateNumber', width: 16, ja: '法人番号', en: 'Corporate number' },
  { key: 'country', width: 8, ja: '国', en: 'Country' },
  { key: 'tier', width: 8, ja: '区分', en: 'Tier' },
  { key: 'latestScore', width: 8, ja: '点数', en: 'Score' },
  { key: 'latestScoredAt', width: 22, ja: '採点日時', en: 'Scored at' },
  { key: 'hasValidNda', width: 10, ja: '有効なNDA', en: 'Valid NDA' },
  { key: 'overdue', width: 10, ja: '期限超過', en: 'Overdue' },
  { key: 'status', width: 8, ja: '状態', en: 'Status' },
];

/**
 * The partner list (same filters and sort as GET /api/partners) as XLSX, streamed: rows are read a keyset
 * page at a time and committed to the zip stream as they come, so memory stays flat for 20,000 partners.
 */
export function exportPartners(
  ctx: Ctx,
  q: z.infer<typeof PartnerExportQuery>,
  lang: Language,
  log: FastifyBaseLogger,
): Readable {
  return streamXlsx('Partners', COLUMNS, lang, partnerPages(ctx, q), log);
}
