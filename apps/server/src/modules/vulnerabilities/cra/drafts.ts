import type { CRA_DRAFT_STAGES, CraDraft } from '@mamori/contracts';
import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Config } from '../../../config';
import { scopeOf } from '../../../platform/access/scope';
import { recordRead } from '../../../platform/audit/record';
import { conflict, fieldError, invalid, msg } from '../../../platform/errors/app-error';
import { facts, renderPdf, section } from '../../../platform/pdf/render';
import type { Ctx } from '../../../platform/tx';
import { loadCase } from '../cases/visibility';
import { vulnerabilityTasks } from '../tables';
import { caseCraProducts, stageTitle } from './clocks';
import { vulnerabilityCra, vulnerabilityCraClocks } from './tables';

/**
 * Report drafts for CRA art. 14 generated from the case (issue 17): the early warning, the notification and the
 * final report, with what ENISA's single reporting platform asks for at each stage. JSON for tools, PDF (ja/en)
 * for review. A draft is read-only: the PSIRT submits on the platform and records the submission on the case.
 */

type Stage = (typeof CRA_DRAFT_STAGES)[number];
type Draft = z.infer<typeof CraDraft>;
type Lang = 'ja' | 'en';

const RULES: Record<string, Record<Stage, string>> = {
  'cra-exploited-vulnerability': {
    early_warning: 'cra-vuln-early-warning',
    notification: 'cra-vuln-notification',
    final_report: 'cra-vuln-final',
  },
  'cra-severe-incident': {
    early_warning: 'cra-incident-early-warning',
    notification: 'cra-incident-notification',
    final_report: 'cra-incident-final',
  },
};

const TO_CHECK: Record<Stage, Record<Lang, string[]>> = {
  early_warning: {
    en: ['Confirm the member states where the product is made available.', 'State whether the exploitation is still ongoing.'],
    ja: ['製品を提供している加盟国を確認してください。', '悪用が継続しているかを記載してください。'],
  },
  notification: {
    en: [
      'Describe the nature of the exploit and of the vulnerability in general terms.',
      'List the corrective or mitigating measures taken and those users can take.',
      'Say how sensitive the information is (what may not be shared further).',
    ],
    ja: [
      '攻撃と脆弱性の性質を概説してください。',
      '講じた是正・緩和措置と、利用者が取れる措置を記載してください。',
      '情報の機微性(共有を控えるべき内容)を記載してください。',
    ],
  },
  final_report: {
    en: [
      'Describe the vulnerability, its severity and impact.',
      'Name the malicious actor if known (only what is confirmed).',
      'Describe the security update or other corrective measures made available.',
    ],
    ja: [
      '脆弱性の内容、深刻度、影響を記載してください。',
      '判明していれば悪用者の情報(確認済みのもののみ)を記載してください。',
      '提供したセキュリティアップデートその他の是正措置を記載してください。',
    ],
  },
};

const union = (lists: (string | null)[][]) => [...new Set(lists.flat().filter((x): x is string => !!x))].sort();

/** The draft of one stage, built from the case as it is now; the read is logged. 409 if the case is not marked. */
export async function craDraft(
  ctx: Ctx,
  config: Config,
  id: string,
  stage: Stage,
  lang: Lang,
  productId?: string,
): Promise<Draft> {
  const row = await loadCase(ctx.db, scopeOf(ctx.principal, 'vulnerabilities:read'), id);
  const [cra] = await ctx.db.select().from(vulnerabilityCra).where(eq(vulnerabilityCra.vulnerabilityId, id));
  if (!cra) throw conflict(msg('cra.not_marked'));
  await recordRead(ctx.db, ctx.actor, {
    action: 'vulnerability.cra.draft',
    targetType: 'vulnerability',
    targetId: id,
  });
  const ruleId = RULES[cra.regime]![stage];
  const clocks = (
    await ctx.db.select().from(vulnerabilityCraClocks).where(eq(vulnerabilityCraClocks.vulnerabilityId, id))
  ).filter((c) => c.ruleId === ruleId);
  const all = await caseCraProducts(ctx.db, id);
  const withClock = new Set(clocks.map((c) => c.productId));
  // The products the report is about: those with a clock of this stage (a case-wide clock: every affected product).
  // One product's draft (a saved draft for one product) names that product alone; it must have a clock of the stage.
  const reported = all
    .filter((p) => withClock.has(p.id) || (withClock.has(null) && p.status === 'affected'))
    .filter((p) => !productId || p.id === productId);
  if (productId && !reported.length) throw invalid([fieldError('body.productId', 'cra.product_not_in_case')]);
  const tasks = await ctx.db
    .select()
    .from(vulnerabilityTasks)
    .where(eq(vulnerabilityTasks.vulnerabilityId, id))
    .orderBy(asc(vulnerabilityTasks.createdAt));
  const open = clocks.filter((c) => !c.submittedAt && c.dueAt).map((c) => c.dueAt!.getTime());
  const memberStatesAffected = union(reported.map((p) => p.euMarkets));
  const cvss = row.cvss40Vector
    ? { version: '4.0', vector: row.cvss40Vector, score: row.cvss40Score!, severity: row.cvss40Severity! }
    : row.cvss31Vector
      ? { version: '3.1', vector: row.cvss31Vector, score: row.cvss31Score!, severity: row.cvss31Severity! }
      : null;
  const toCheck = [...TO_CHECK[stage][lang]];
  if (!memberStatesAffected.length)
    toCheck.unshift(
      lang === 'ja'
        ? '製品を提供している加盟国が製品に登録されていません。'
        : 'The products name no member state where they are made available.',
    );
  if (stage === 'final_report' && !cra.fixAvailableAt && cra.regime === 'cra-exploited-vulnerability')
    toCheck.unshift(
      lang === 'ja'
        ? '是正・緩和措置が提供された日時が未記録です(最終報告の期限はその14日後)。'
        : 'No corrective or mitigating measure is recorded yet (the final report is due 14 days after it).',
    );
  return {
    schema: 'mamori-cra-report-draft/1',
    generatedAt: new Date().toISOString(),
    regime: cra.regime,
    stage,
    ruleId,
    legalBasis: stageTitle(ruleId)[lang],
    dueAt: open.length ? new Date(Math.min(...open)).toISOString() : null,
    manufacturer: { name: config.psirt.name, contact: config.psirt.contact ?? null },
    coordinatingCsirtMemberStates: union(reported.map((p) => [p.mainEstablishment])),
    products: reported.map((p) => {
      const clock = clocks.find((c) => c.productId === p.id) ?? clocks.find((c) => c.productId === null);
      return {
        code: p.code,
        name: lang === 'ja' ? p.nameJa : p.nameEn,
        craCategory: p.craCategory,
        euMarketSince: p.euMarketSince,
        supportPeriodEnd: p.supportPeriodEnd,
        mainEstablishment: p.mainEstablishment,
        memberStatesMadeAvailable: p.euMarkets,
        affectedVersions: p.affectedVersions,
        fixedVersion: p.fixedVersion,
        dueAt: clock?.dueAt?.toISOString() ?? null,
        submitted: !!clock?.submittedAt,
      };
    }),
    vulnerability: {
      trackingId: `#${row.number}`,
      cve: row.cveId,
      title: row.title,
      description: row.description,
      cvss,
    },
    exploitation: {
      activelyExploited: cra.regime === 'cra-exploited-vulnerability',
      severeIncident: cra.regime === 'cra-severe-incident',
      awareAt: cra.awareAt.toISOString(),
      evidence: cra.evidence,
    },
    correctiveMeasures: {
      fixAvailableAt: cra.fixAvailableAt?.toISOString() ?? null,
      fixNote: cra.fixNote,
      measures: [
        ...reported.flatMap((p) => (p.remediation ? [`${p.code}: ${p.remediation}`] : [])),
        ...tasks.filter((t) => t.kind === 'fix' || t.kind === 'countermeasure').map((t) => t.title),
      ],
    },
    memberStatesAffected,
    sensitivity: row.embargoUntil
      ? lang === 'ja'
        ? `${row.embargoUntil.toISOString()} まで公開禁止(エンバーゴ)。調整CSIRTとENISA以外へ共有しないこと(TLP:AMBER)。`
        : `Embargoed until ${row.embargoUntil.toISOString()}: share with the coordinating CSIRT and ENISA only (TLP:AMBER).`
      : lang === 'ja'
        ? 'アドバイザリ公開までは TLP:AMBER として扱うこと。'
        : 'TLP:AMBER until the advisory is published.',
    toCheck,
  };
}

const LABELS = {
  en: {
    title: 'CRA report draft',
    subtitle: 'Draft generated from the vulnerability case — review it before submitting on ENISA’s single reporting platform.',
    footer: 'Confidential — PSIRT',
    stage: { early_warning: 'Early warning', notification: 'Vulnerability notification', final_report: 'Final report' },
    legalBasis: 'Stage',
    due: 'Due',
    manufacturer: 'Manufacturer',
    coordinator: 'Coordinating CSIRT (member state)',
    products: 'Products',
    category: 'CRA category',
    market: 'On the EU market since',
    support: 'Support period ends',
    availableIn: 'Made available in',
    versions: 'Affected versions / fixed in',
    vulnerability: 'Vulnerability',
    cvss: 'CVSS',
    exploitation: 'Exploitation',
    aware: 'Aware since',
    evidence: 'Evidence',
    measures: 'Corrective or mitigating measures',
    fixAt: 'Measure available since',
    statesAffected: 'Member states affected',
    sensitivity: 'Sensitivity',
    toCheck: 'To check before submitting',
    none: '—',
    regime: { 'cra-exploited-vulnerability': 'Actively exploited vulnerability', 'cra-severe-incident': 'Severe incident' },
  },
  ja: {
    title: 'CRA報告 下書き',
    subtitle: '脆弱性案件から生成した下書きです。ENISA単一報告プラットフォームで提出する前に内容を確認してください。',
    footer: '社外秘 — PSIRT',
    stage: { early_warning: '早期警告', notification: '脆弱性通知', final_report: '最終報告' },
    legalBasis: '段階',
    due: '期限',
    manufacturer: '製造者',
    coordinator: '調整CSIRT(加盟国)',
    products: '製品',
    category: 'CRA区分',
    market: 'EU上市日',
    support: 'サポート期間終了',
    availableIn: '提供している加盟国',
    versions: '影響を受けるバージョン / 修正版',
    vulnerability: '脆弱性',
    cvss: 'CVSS',
    exploitation: '悪用',
    aware: '認知日時',
    evidence: '根拠',
    measures: '是正・緩和措置',
    fixAt: '措置の提供日時',
    statesAffected: '影響を受ける加盟国',
    sensitivity: '機微性',
    toCheck: '提出前の確認事項',
    none: '—',
    regime: { 'cra-exploited-vulnerability': '悪用されている脆弱性', 'cra-severe-incident': '重大インシデント' },
  },
} as const;

const CATEGORY = {
  en: {
    default: 'Default',
    important_class_1: 'Important, class I',
    important_class_2: 'Important, class II',
    critical: 'Critical',
  },
  ja: { default: 'デフォルト', important_class_1: '重要(クラスI)', important_class_2: '重要(クラスII)', critical: '重大' },
} as const;

const at = (iso: string | null, lang: Lang) =>
  iso
    ? new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'UTC',
      }).format(new Date(iso)) + ' UTC'
    : '—';

/** The draft as a PDF in its language (ja or en), for review and the case file. */
export function craDraftPdf(d: Draft, lang: Lang): Promise<Buffer> {
  const L = LABELS[lang];
  const cat = (c: string) => CATEGORY[lang][c as keyof (typeof CATEGORY)['en']] ?? c;
  return renderPdf(
    {
      title: `${L.title}: ${L.stage[d.stage]} — ${d.vulnerability.trackingId}`,
      subtitle: L.subtitle,
      footer: L.footer,
      lang,
      createdAt: new Date(d.generatedAt),
    },
    [
      facts([
        [L.legalBasis, `${d.legalBasis} (${L.regime[d.regime]})`],
        [L.due, at(d.dueAt, lang)],
        [L.manufacturer, [d.manufacturer.name, d.manufacturer.contact].filter(Boolean).join(' — ')],
        [L.coordinator, d.coordinatingCsirtMemberStates.join(', ')],
        [L.statesAffected, d.memberStatesAffected.join(', ')],
      ]),
      ...section(
        L.products,
        d.products.length
          ? {
              stack: d.products.map((p) =>
                facts([
                  [p.code, p.name],
                  [L.category, cat(p.craCategory)],
                  [L.market, p.euMarketSince ?? L.none],
                  [L.support, p.supportPeriodEnd ?? L.none],
                  [L.availableIn, p.memberStatesMadeAvailable.join(', ')],
                  [L.versions, `${p.affectedVersions ?? L.none} / ${p.fixedVersion ?? L.none}`],
                  [L.due, at(p.dueAt, lang)],
                ]),
              ),
            }
          : L.none,
      ),
      ...section(
        L.vulnerability,
        facts([
          [d.vulnerability.trackingId, d.vulnerability.title],
          ['CVE', d.vulnerability.cve ?? L.none],
          [L.cvss, d.vulnerability.cvss ? `${d.vulnerability.cvss.score} ${d.vulnerability.cvss.vector}` : L.none],
          [L.vulnerability, d.vulnerability.description],
        ]),
      ),
      ...section(
        L.exploitation,
        facts([
          [L.aware, at(d.exploitation.awareAt, lang)],
          [L.evidence, d.exploitation.evidence],
        ]),
      ),
      ...section(
        L.measures,
        facts([
          [
            L.fixAt,
            at(d.correctiveMeasures.fixAvailableAt, lang) +
              (d.correctiveMeasures.fixNote ? ` — ${d.correctiveMeasures.fixNote}` : ''),
          ],
          ...d.correctiveMeasures.measures.map((m, i): [string, string] => [String(i + 1), m]),
        ]),
      ),
      ...section(L.sensitivity, d.sensitivity),
      ...section(L.toCheck, { ul: d.toCheck }),
    ],
  );
}
