import { and, asc, eq, like } from 'drizzle-orm';
import type { DemoContext, DemoLoader } from '../../../demo/types';
import { allCompanies } from '../../org/service';
import { orgUnits } from '../../org/tables';
import { syncClocks } from '../clocks';
import { addTemplateTasks, nextNumber, siteOf } from '../open-case';
import { incidentAuditView } from '../present';
import { tokyoMonth } from '../stats-window';
import { incidents } from '../tables';
import { addEntry } from '../timeline';

const HOUR = 3_600_000;

const CASES = [
  {
    typeId: 'ransomware',
    severity: 'critical' as const,
    status: 'investigation' as const,
    hoursAgo: 30,
    ja: '設計部門のファイルサーバがランサムウェアで暗号化',
    en: 'Design file server encrypted by ransomware',
    personal: false,
  },
  {
    typeId: 'unauthorized_access',
    severity: 'high' as const,
    status: 'initial_response' as const,
    hoursAgo: 20,
    ja: '海外拠点の顧客ポータルに不正ログイン、会員情報の閲覧を確認',
    en: 'Unauthorised sign-ins to the overseas customer portal; member records viewed',
    personal: true,
  },
];

/**
 * Two recent serious cases in the group's companies, so the holding CSIRT's board shows more than the demo
 * company's own: a ransomware case and an overseas account takeover touching personal data (GDPR and APPI clocks
 * running). They go to companies below the holding when the tree has some, each to a different one when it can.
 */
export async function loadGroupIncidentDemo(ctx: DemoContext): Promise<string[]> {
  const companies = await allCompanies(ctx.tx);
  const operating = companies.filter((c) => c.depth > 0);
  const targets = operating.length ? operating.slice(-CASES.length) : companies.slice(0, 1);
  const reporters = ctx.users.filter((u) => u.user.status === 'active');
  if (!targets.length || !reporters.length) return ['group incidents: skipped (no company or no accounts)'];
  const made: string[] = [];
  for (const [i, c] of CASES.entries()) {
    const company = targets[i % targets.length]!;
    const [unit] = await ctx.tx
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.kind, 'site'), like(orgUnits.path, `${company.path}%`)))
      .orderBy(asc(orgUnits.code))
      .limit(1);
    const place = unit ?? (await ctx.tx.select().from(orgUnits).where(eq(orgUnits.id, company.id)))[0]!;
    const reporter = reporters.find((r) => r.person.orgUnitId === place.id) ?? reporters[i % reporters.length]!;
    const reportedAt = new Date(ctx.now.getTime() - c.hoursAgo * HOUR);
    const lang = reporter.user.language ?? 'ja';
    const [row] = await ctx.tx
      .insert(incidents)
      .values({
        number: await nextNumber(ctx.tx, reportedAt),
        typeId: c.typeId,
        severity: c.severity,
        status: c.status,
        title: c[lang],
        description: lang === 'ja' ? `${c.ja}。影響範囲を調査中。` : `${c.en}. The extent is being investigated.`,
        information: c.personal ? (lang === 'ja' ? '会員の氏名・メールアドレス' : 'Member names and e-mail addresses') : '',
        language: lang,
        discoveredAt: reportedAt,
        awareAt: reportedAt,
        reportedAt,
        reportedMonth: tokyoMonth(reportedAt),
        orgUnitId: place.id,
        siteId: await siteOf(ctx.tx, place),
        reporterId: reporter.user.id,
        facts: {
          personalData: c.personal,
          personCount: c.personal ? 3200 : null,
          countries: c.personal ? ['DE', 'JP'] : [],
          dataKinds: c.personal ? ['ordinary'] : [],
          unlawfulPurpose: c.personal,
          highRisk: false,
          customers: [],
        },
        createdAt: reportedAt,
        updatedAt: reportedAt,
      })
      .returning();
    await addEntry(ctx.tx, row!.id, reporter.user.id, {
      kind: 'report',
      text: `${row!.number} reported: ${row!.title}`,
      at: reportedAt,
    });
    await addEntry(ctx.tx, row!.id, null, {
      kind: 'status',
      text: `reported → ${c.status}`,
      at: new Date(reportedAt.getTime() + HOUR),
    });
    await addTemplateTasks(ctx.tx, row!.id, c.typeId, reportedAt);
    await syncClocks(ctx.tx, row!, null);
    await ctx.audit({
      action: 'incident.report',
      targetType: 'incident',
      targetId: row!.id,
      orgPath: place.path,
      after: incidentAuditView(row!),
    });
    made.push(`${row!.number} (${company.nameEn})`);
  }
  return [`group incidents: ${made.join(', ')} shared with the holding`];
}

export const groupIncidentsDemoLoader: DemoLoader = { name: 'group-incidents', load: loadGroupIncidentDemo };
