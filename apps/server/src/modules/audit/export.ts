import type { AuditEvent, AuditExportQuery } from '@mamori/contracts';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { recordRead } from '../../platform/audit/record';
import { exportLocale, listPages, sendListExport, type ListExportColumn } from '../../platform/files/list-export';
import type { Ctx } from '../../platform/tx';
import { listAuditEvents } from './service';

const SYSTEM = { ja: 'システム', en: 'System' };

/**
 * The columns of the audit log's export. Actions and target types are written as their codes (`person.update`):
 * they are the log's stable identifiers, which a reviewer filters and counts by; the web app names them.
 */
const COLUMNS: ListExportColumn<AuditEvent>[] = [
  { header: { ja: '番号', en: 'Seq.' }, value: (e) => Number(e.seq), kind: 'number', width: 10 },
  { header: { ja: '日時', en: 'At' }, value: (e) => new Date(e.at), kind: 'datetime' },
  {
    header: { ja: '実行者', en: 'Actor' },
    value: (e, lang) => (e.actorId === null && !e.actorLabel ? SYSTEM[lang] : e.actorLabel),
    width: 28,
  },
  { header: { ja: '実行者 ID', en: 'Actor id' }, value: (e) => e.actorId, width: 38 },
  { header: { ja: '操作', en: 'Action' }, value: (e) => e.action, width: 28 },
  { header: { ja: '対象の種類', en: 'Target type' }, value: (e) => e.targetType, width: 18 },
  { header: { ja: '対象 ID', en: 'Target id' }, value: (e) => e.targetId, width: 38 },
  { header: { ja: 'IP アドレス', en: 'IP address' }, value: (e) => e.ip, width: 16 },
  { header: { ja: 'リクエスト ID', en: 'Request id' }, value: (e) => e.requestId, width: 24 },
];

/**
 * `GET /api/audit-events/export`: the events the reader's audit:read scope shows, with the list's filters and order,
 * as CSV or XLSX. The before/after records are not exported (they are opened one by one, on screen).
 */
export async function exportAuditEvents(ctx: Ctx, reply: FastifyReply, q: z.infer<typeof AuditExportQuery>) {
  const { format, lang: _lang, tz: _tz, ...filters } = q;
  const pages = await listPages((p) => listAuditEvents(ctx, p), filters);
  await recordRead(ctx.db, ctx.actor, { action: 'audit.export', targetType: 'audit_log', detail: { format, filters } });
  return sendListExport(reply, format, 'audit-log', {
    sheet: { ja: '監査ログ', en: 'Audit log' },
    columns: COLUMNS,
    pages,
    ...exportLocale(reply.request, q),
  });
}
