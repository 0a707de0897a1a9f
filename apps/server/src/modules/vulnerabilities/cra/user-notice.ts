import type { UserNoticeBody } from '@mamori/contracts';
import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { regulatoryRule } from '../../../platform/deadlines/regulatory';
import { conflict, fieldError, invalid, msg } from '../../../platform/errors/app-error';
import { inTransaction, type Ctx } from '../../../platform/tx';
import { advisoryDraftOf, createAdvisoryDraft, type AdvisoryDraftTexts } from '../advisories/drafts';
import { advisories, vulnerabilities, vulnerabilityTasks } from '../tables';
import { caseCraProducts, type CaseCraProduct } from './clocks';
import { lockCase, requireMarked } from './lock';
import { vulnerabilityCraClocks } from './tables';

/**
 * CRA art. 14(8): after becoming aware of an actively exploited vulnerability or a severe incident, the manufacturer
 * informs the impacted users and, where needed, of the mitigations and corrective measures they can take. From a case
 * whose stage asks it (catalogue `informUsers`), the notice is drafted as the case's advisory, pre-filled in ja and en
 * with the products, the vulnerability or incident, the measures recorded and what users should do; the PSIRT edits
 * and publishes it through the normal advisory flow (CSAF validated), which links the draft to the advisory.
 */

type CaseRow = typeof vulnerabilities.$inferSelect;
type CraRow = NonNullable<Awaited<ReturnType<typeof lockCase>>>;

/** The case's stages (rule ids) that ask users to be informed, in the order of the catalogue's stages. */
export async function stagesAskingUsers(db: Db, id: string): Promise<string[]> {
  const clocks = await db.select().from(vulnerabilityCraClocks).where(eq(vulnerabilityCraClocks.vulnerabilityId, id));
  return [...new Set(clocks.map((c) => c.ruleId))].filter((r) => regulatoryRule(r)?.informUsers).sort();
}

/** The user notice of the case, as the case's advisory draft: what the CRA panel shows. */
export async function userNoticeOf(db: Db, id: string) {
  const askedBy = await stagesAskingUsers(db, id);
  const draft = await advisoryDraftOf(db, id);
  if (!draft) return { askedBy, draft: null };
  const [advisory] = draft.advisoryId
    ? await db.select({ trackingId: advisories.trackingId }).from(advisories).where(eq(advisories.id, draft.advisoryId))
    : [];
  return {
    askedBy,
    draft: {
      craRuleId: draft.craRuleId,
      createdAt: draft.createdAt.toISOString(),
      advisoryTrackingId: advisory?.trackingId ?? null,
    },
  };
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const day = (d: Date) => d.toISOString().slice(0, 10);

/** The notice's texts in ja and en, from the case as it is now (the PSIRT edits them before publishing). */
export function noticeTexts(
  row: CaseRow,
  cra: CraRow,
  products: CaseCraProduct[],
  measures: string[],
  contact: string | undefined,
): AdvisoryDraftTexts {
  const exploited = cra.regime === 'cra-exploited-vulnerability';
  const ref = row.cveId ? ` (${row.cveId})` : '';
  const names = (lang: 'ja' | 'en') => products.map((p) => `${p.code} ${lang === 'ja' ? p.nameJa : p.nameEn}`);
  const fix = cra.fixAvailableAt
    ? {
        en: [
          `A corrective or mitigating measure is available since ${day(cra.fixAvailableAt)}${cra.fixNote ? `: ${cra.fixNote}` : '.'}`,
        ],
        ja: [`${day(cra.fixAvailableAt)}から是正・緩和措置を提供しています${cra.fixNote ? `: ${cra.fixNote}` : '。'}`],
      }
    : { en: [], ja: [] };
  const remediation = products.flatMap((p) => (p.remediation ? [`${p.code}: ${p.remediation}`] : []));
  const updates = products.filter((p) => p.fixedVersion);
  const doEn = [
    ...updates.map((p) => `Update ${p.code} to version ${p.fixedVersion} or later as soon as possible.`),
    updates.length
      ? 'Until you can update, apply the mitigations above.'
      : 'Apply the mitigations above; this notice will name the fixed versions when they are available.',
    `If you see signs of exploitation, contact ${contact ?? 'our PSIRT'}.`,
  ];
  const doJa = [
    ...updates.map((p) => `${p.code} をバージョン ${p.fixedVersion} 以降にできるだけ早く更新してください。`),
    updates.length
      ? '更新できるまでの間は、上記の緩和策を適用してください。'
      : '上記の緩和策を適用してください。修正版の提供時に本通知で案内します。',
    `悪用の兆候を確認した場合は ${contact ?? '当社PSIRT'} までご連絡ください。`,
  ];
  const list = (xs: string[]) => xs.map((x) => `- ${x}`).join('\n');
  const affected = (lang: 'ja' | 'en') =>
    products.map((p) => {
      const name = `${p.code} ${lang === 'ja' ? p.nameJa : p.nameEn}`;
      const v = p.affectedVersions ?? (lang === 'ja' ? '(確認中)' : '(being confirmed)');
      const fixed = p.fixedVersion ?? (lang === 'ja' ? '未提供' : 'not yet available');
      return lang === 'ja'
        ? `${name}: 影響を受けるバージョン ${v}、修正版 ${fixed}`
        : `${name}: affected versions ${v}; fixed in ${fixed}`;
    });
  const none = { en: 'None recorded yet.', ja: 'まだ記録されていません。' };
  const allMeasures = (lang: 'ja' | 'en') => [...fix[lang], ...remediation, ...measures];
  const description = clip(row.description, 4000);
  return {
    titleEn: clip(`Security notice: ${row.title}${ref}`, 300),
    titleJa: clip(`セキュリティに関するお知らせ: ${row.title}${ref}`, 300),
    summaryEn: [
      `${exploited ? 'An actively exploited vulnerability affects' : 'A severe incident affects the security of'} ${names('en').join(', ')}${ref}: ${row.title}.`,
      description,
      `Affected products:\n${list(affected('en'))}`,
      `Corrective and mitigating measures:\n${allMeasures('en').length ? list(allMeasures('en')) : none.en}`,
      `What users should do:\n${list(doEn)}`,
    ].join('\n\n'),
    summaryJa: [
      `${names('ja').join('、')}に${exploited ? '、実際に悪用されている脆弱性' : 'セキュリティに影響する重大なインシデント'}があります${ref}: ${row.title}`,
      description,
      `影響を受ける製品:\n${list(affected('ja'))}`,
      `是正・緩和措置:\n${allMeasures('ja').length ? list(allMeasures('ja')) : none.ja}`,
      `利用者の皆さまへのお願い:\n${list(doJa)}`,
    ].join('\n\n'),
  };
}

/**
 * Drafts the user notice as the case's advisory (`vulnerabilities:report`): 409 when the case is not marked, when
 * no stage asks users to be informed (`cra.no_user_notice`) or the case already has an advisory draft
 * (`cra.user_notice_exists`); 400 for a `ruleId` that is not such a stage of the case.
 */
export function createUserNotice(ctx: Ctx, config: Config, id: string, body: z.infer<typeof UserNoticeBody>) {
  return inTransaction(ctx, async (tx, audit) => {
    const cra = requireMarked(await lockCase(tx, ctx, id));
    const asked = await stagesAskingUsers(tx, id);
    if (!asked.length) throw conflict(msg('cra.no_user_notice'));
    if (body.ruleId && !asked.includes(body.ruleId)) throw invalid([fieldError('body.ruleId', 'cra.stage_unknown')]);
    if (await advisoryDraftOf(tx, id)) throw conflict(msg('cra.user_notice_exists'));
    const [row] = await tx.select().from(vulnerabilities).where(eq(vulnerabilities.id, id));
    const products = (await caseCraProducts(tx, id)).filter((p) => !p.noClockReason);
    const tasks = await tx
      .select()
      .from(vulnerabilityTasks)
      .where(eq(vulnerabilityTasks.vulnerabilityId, id))
      .orderBy(asc(vulnerabilityTasks.createdAt));
    const measures = tasks.filter((t) => t.kind === 'fix' || t.kind === 'countermeasure').map((t) => t.title);
    const texts = noticeTexts(row!, cra, products, measures, config.psirt.contact);
    const ruleId = body.ruleId ?? asked[0]!;
    await createAdvisoryDraft(tx, id, texts, ruleId, ctx.principal!.userId);
    await audit({
      action: 'vulnerability.cra.user_notice',
      targetType: 'vulnerability',
      targetId: id,
      after: { ruleId, titleEn: texts.titleEn, titleJa: texts.titleJa },
    });
    return userNoticeOf(tx, id);
  });
}
