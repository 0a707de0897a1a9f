import type { VulnerabilityExportQuery } from '@mamori/contracts';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { recordRead } from '../../../platform/audit/record';
import { exportLocale, listPages, sendListExport, type ListExportColumn } from '../../../platform/files/list-export';
import type { Ctx } from '../../../platform/tx';
import { listCases } from './case-list';
import type { presentVulnerability } from './present';

type Row = ReturnType<typeof presentVulnerability>;
type Names = Record<string, { ja: string; en: string }>;

const STATUSES: Names = {
  new: { ja: '新規', en: 'New' },
  triage: { ja: 'トリアージ中', en: 'Triage' },
  investigating: { ja: '調査中', en: 'Investigating' },
  remediating: { ja: '対策中', en: 'Remediating' },
  disclosed: { ja: '公表済み', en: 'Disclosed' },
  closed: { ja: '完了', en: 'Closed' },
  rejected: { ja: '対象外', en: 'Rejected' },
  duplicate: { ja: '重複', en: 'Duplicate' },
};
const SEVERITIES: Names = {
  none: { ja: 'なし', en: 'None' },
  low: { ja: '低', en: 'Low' },
  medium: { ja: '中', en: 'Medium' },
  high: { ja: '高', en: 'High' },
  critical: { ja: '緊急', en: 'Critical' },
};
const SOURCES: Names = {
  report: { ja: '公開届出フォーム', en: 'Public report form' },
  internal: { ja: 'PSIRT 起票', en: 'Opened by the PSIRT' },
  import: { ja: '既存アドバイザリの取込み', en: 'Imported advisory' },
};
const name = (names: Names, key: string | null | undefined, lang: 'ja' | 'en') => (key ? (names[key]?.[lang] ?? key) : null);
const at = (iso: string | null) => (iso ? new Date(iso) : null);

const COLUMNS: ListExportColumn<Row>[] = [
  { header: { ja: '案件', en: 'Case' }, value: (v) => v.number, kind: 'number', width: 8 },
  { header: { ja: '件名', en: 'Title' }, value: (v) => v.title, width: 48 },
  { header: { ja: '状態', en: 'Status' }, value: (v, lang) => name(STATUSES, v.status, lang), width: 14 },
  {
    header: { ja: '深刻度', en: 'Severity' },
    value: (v, lang) => name(SEVERITIES, (v.cvss40 ?? v.cvss31)?.severity, lang),
    width: 10,
  },
  { header: { ja: 'CVSS 4.0', en: 'CVSS 4.0' }, value: (v) => v.cvss40?.score, kind: 'number', width: 9 },
  { header: { ja: 'CVSS 3.1', en: 'CVSS 3.1' }, value: (v) => v.cvss31?.score, kind: 'number', width: 9 },
  { header: { ja: 'CVE 番号', en: 'CVE id' }, value: (v) => v.cveId, width: 16 },
  { header: { ja: '受付経路', en: 'Source' }, value: (v, lang) => name(SOURCES, v.source, lang), width: 18 },
  { header: { ja: '公開禁止期限', en: 'Embargo until' }, value: (v) => at(v.embargoUntil), kind: 'datetime' },
  { header: { ja: '受付日時', en: 'Received' }, value: (v) => at(v.createdAt), kind: 'datetime' },
  { header: { ja: '更新日時', en: 'Updated' }, value: (v) => at(v.updatedAt), kind: 'datetime' },
];

/**
 * `GET /api/vulnerabilities/export`: the cases of the reader's need-to-know scope with the list's filters and sort,
 * as CSV or XLSX. The export is logged as a read of the cases (with its filters).
 */
export async function exportCases(ctx: Ctx, reply: FastifyReply, q: z.infer<typeof VulnerabilityExportQuery>) {
  const { format, lang: _lang, tz: _tz, ...filters } = q;
  const pages = await listPages((p) => listCases(ctx, p), filters);
  await recordRead(ctx.db, ctx.actor, {
    action: 'vulnerability.export',
    targetType: 'vulnerability',
    detail: { format, filters },
  });
  return sendListExport(reply, format, 'vulnerabilities', {
    sheet: { ja: '脆弱性案件', en: 'Vulnerability cases' },
    columns: COLUMNS,
    pages,
    ...exportLocale(reply.request, q),
  });
}
