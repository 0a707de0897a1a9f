import { conflict, msg } from '../../../platform/errors/app-error';
import { facts, renderPdf } from '../../../platform/pdf/render';
import type { Ctx } from '../../../platform/tx';
import { loadAssignment, presentAssignment } from './read';

const fmt = (iso: string, lang: 'ja' | 'en') =>
  new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(new Date(iso));

/** The completion certificate of a passed course, in Japanese or English (its person, or a reader in scope). */
export async function certificatePdf(ctx: Ctx, id: string, lang: 'ja' | 'en'): Promise<{ pdf: Buffer; name: string }> {
  const { row } = await loadAssignment(ctx, id);
  const a = presentAssignment(row);
  if (a.status !== 'passed' || !a.passedAt) throw conflict(msg('training.not_passed'));
  const ja = lang === 'ja';
  const rows: [string, string][] = ja
    ? [
        ['氏名', `${a.person.name.ja}(${a.person.employeeNo})`],
        ['所属', a.unit.name.ja],
        ['講座', `${a.course.title.ja}(${a.course.code})`],
        ['修了日', fmt(a.passedAt, 'ja')],
        ['テスト得点', a.score === null ? '—' : `${a.score} 点`],
        ['有効期限', a.expiresOn ?? '期限なし'],
      ]
    : [
        ['Name', `${a.person.name.en} (${a.person.employeeNo})`],
        ['Unit', a.unit.name.en],
        ['Course', `${a.course.title.en} (${a.course.code})`],
        ['Completed on', fmt(a.passedAt, 'en')],
        ['Quiz score', a.score === null ? '—' : `${a.score} / 100`],
        ['Valid until', a.expiresOn ?? 'No expiry'],
      ];
  const pdf = await renderPdf(
    {
      title: ja ? '修了証' : 'Certificate of completion',
      subtitle: ja ? '情報セキュリティ教育' : 'Information security training',
      lang,
      footer: ja ? 'Mamori 情報セキュリティ事務局' : 'Mamori — Information Security Office',
      createdAt: new Date(a.passedAt),
    },
    [
      {
        text: ja
          ? `${a.person.name.ja} さんは、下記の講座を修了したことを証します。`
          : `This certifies that ${a.person.name.en} has completed the course below.`,
        margin: [0, 8, 0, 12],
      },
      facts(rows),
    ],
  );
  return { pdf, name: `certificate-${a.course.code}-${a.person.employeeNo}-${lang}.pdf` };
}
