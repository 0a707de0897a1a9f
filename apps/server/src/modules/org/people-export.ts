import { localName, type PersonExportQuery } from '@mamori/contracts';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { recordRead } from '../../platform/audit/record';
import { exportLocale, listPages, sendListExport, type ListExportColumn } from '../../platform/files/list-export';
import type { Ctx } from '../../platform/tx';
import { listPeople } from './people-list';
import type { presentPerson } from './present';

type Row = ReturnType<typeof presentPerson>;
type Query = z.infer<typeof PersonExportQuery>;

const KINDS: Record<string, { ja: string; en: string }> = {
  employee: { ja: '社員', en: 'Employee' },
  contractor: { ja: '委託', en: 'Contractor' },
  temporary: { ja: '派遣・臨時', en: 'Temporary' },
};
const STATUSES: Record<string, { ja: string; en: string }> = {
  active: { ja: '在籍', en: 'Active' },
  left: { ja: '退職', en: 'Left' },
};

const COLUMNS: ListExportColumn<Row>[] = [
  { header: { ja: '社員番号', en: 'Employee no.' }, value: (p) => p.employeeNo, width: 14 },
  { header: { ja: '氏名', en: 'Name (Japanese)' }, value: (p) => p.nameJa },
  { header: { ja: '氏名（英字）', en: 'Name' }, value: (p) => p.nameEn },
  { header: { ja: 'メール', en: 'Email' }, value: (p) => p.email, width: 30 },
  {
    header: { ja: '組織', en: 'Org unit' },
    value: (p, lang) => localName({ nameJa: p.orgUnitNameJa, nameEn: p.orgUnitName }, lang),
    width: 28,
  },
  { header: { ja: '区分', en: 'Kind' }, value: (p, lang) => KINDS[p.kind]?.[lang] ?? p.kind, width: 12 },
  { header: { ja: '在籍状況', en: 'Status' }, value: (p, lang) => STATUSES[p.status]?.[lang] ?? p.status, width: 10 },
  { header: { ja: 'アカウント', en: 'Account' }, value: (p) => p.accountId !== null, width: 10 },
  { header: { ja: '更新日時', en: 'Updated' }, value: (p) => new Date(p.updatedAt), kind: 'datetime' },
];

/** `GET /api/people/export`: the people list the reader sees (scope, filters, sort), as CSV or XLSX. */
export async function exportPeople(ctx: Ctx, reply: FastifyReply, q: Query) {
  const { format, lang: _lang, tz: _tz, ...filters } = q;
  const locale = exportLocale(reply.request, q);
  // a unit outside the reader's scope is a 404 before anything is sent (listPeople checks it on the first page)
  const pages = await listPages((p) => listPeople(ctx, p), filters);
  await recordRead(ctx.db, ctx.actor, { action: 'person.export', targetType: 'person', detail: { format, filters } });
  return sendListExport(reply, format, 'people', {
    sheet: { ja: '人員', en: 'People' },
    columns: COLUMNS,
    pages,
    ...locale,
  });
}
