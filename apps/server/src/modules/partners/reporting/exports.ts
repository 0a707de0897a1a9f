import {
  localName,
  type AssessmentExportQuery,
  type ImprovementRequestExportQuery,
  type Language,
  type SubcontractorExportQuery,
} from '@mamori/contracts';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { Ctx } from '../../../platform/tx';
import { partnerScope, partnerScopeSql } from '../access';
import { listAssessments } from '../assessments/assessments';
import { listImprovements } from '../records/improvements';
import { partners, partnerSubcontractors } from '../tables';
import { streamXlsx, type ExportColumn } from './xlsx-stream';

/**
 * The lists behind the dashboard's figures as XLSX, streamed a keyset page at a time like the partner list:
 * check sheets (overdue ones with `overdue=true`), improvement requests with their age (open ones by age with
 * `open=true`), sub-contractors (those without prior notice with `status=pending_notice`). Partners without a
 * valid NDA are the partner export with `noValidNda=true`.
 */
const PAGE = 1000;
const DAY = 86_400_000;
const daysSince = (day: string) => Math.floor((Date.parse(new Date().toISOString().slice(0, 10)) - Date.parse(day)) / DAY);
/** The dashboard's age buckets of open improvement requests. */
export const ageBucket = (days: number) => (days <= 30 ? '0-30' : days <= 90 ? '31-90' : days <= 180 ? '91-180' : '181+');

async function* pages<T>(next: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>) {
  let cursor: string | undefined;
  for (;;) {
    const page = await next(cursor);
    yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

type SheetKey =
  'partnerName' | 'campaignName' | 'dueOn' | 'daysOverdue' | 'status' | 'submittedAt' | 'score' | 'threshold' | 'passed';
const SHEET_COLUMNS: ExportColumn<SheetKey>[] = [
  { key: 'partnerName', width: 30, ja: '取引先', en: 'Partner' },
  { key: 'campaignName', width: 30, ja: '依頼', en: 'Campaign' },
  { key: 'dueOn', width: 12, ja: '期限', en: 'Due' },
  { key: 'daysOverdue', width: 10, ja: '超過日数', en: 'Days overdue' },
  { key: 'status', width: 12, ja: '状態', en: 'Status' },
  { key: 'submittedAt', width: 22, ja: '提出日時', en: 'Submitted at' },
  { key: 'score', width: 8, ja: '点数', en: 'Score' },
  { key: 'threshold', width: 8, ja: '基準点', en: 'Threshold' },
  { key: 'passed', width: 8, ja: '合否', en: 'Passed' },
];

export function exportAssessments(ctx: Ctx, q: z.infer<typeof AssessmentExportQuery>, lang: Language, log: FastifyBaseLogger) {
  const rows = async function* () {
    for await (const items of pages((cursor) => listAssessments(ctx, { ...q, limit: PAGE, cursor })))
      yield items.map((a) => ({
        ...a,
        partnerName: localName({ nameJa: a.partnerNameJa, nameEn: a.partnerName }, lang),
        daysOverdue: a.status === 'draft' || a.status === 'reopened' ? Math.max(0, daysSince(a.dueOn)) : 0,
      }));
  };
  return streamXlsx('Check sheets', SHEET_COLUMNS, lang, rows(), log);
}

type IrKey =
  | 'partnerName'
  | 'requirementId'
  | 'requirement'
  | 'reason'
  | 'status'
  | 'ownerName'
  | 'createdAt'
  | 'ageDays'
  | 'ageBucket'
  | 'dueOn'
  | 'overdue';
const IR_COLUMNS: ExportColumn<IrKey>[] = [
  { key: 'partnerName', width: 30, ja: '取引先', en: 'Partner' },
  { key: 'requirementId', width: 10, ja: '項目', en: 'Requirement' },
  { key: 'requirement', width: 60, ja: '要求事項', en: 'Text' },
  { key: 'reason', width: 16, ja: '理由', en: 'Reason' },
  { key: 'status', width: 10, ja: '状態', en: 'Status' },
  { key: 'ownerName', width: 20, ja: '担当者', en: 'Owner' },
  { key: 'createdAt', width: 22, ja: '要請日時', en: 'Requested at' },
  { key: 'ageDays', width: 8, ja: '経過日数', en: 'Age (days)' },
  { key: 'ageBucket', width: 10, ja: '経過区分', en: 'Age bucket' },
  { key: 'dueOn', width: 12, ja: '期限', en: 'Due' },
  { key: 'overdue', width: 8, ja: '期限超過', en: 'Overdue' },
];

export function exportImprovements(
  ctx: Ctx,
  q: z.infer<typeof ImprovementRequestExportQuery>,
  lang: Language,
  log: FastifyBaseLogger,
) {
  const rows = async function* () {
    for await (const items of pages((cursor) => listImprovements(ctx, { ...q, limit: PAGE, cursor })))
      yield items.map((r) => {
        const ageDays = daysSince(r.createdAt.slice(0, 10));
        const partnerName = localName({ nameJa: r.partnerNameJa, nameEn: r.partnerName }, lang);
        return { ...r, partnerName, requirement: r.requirementText[lang], ageDays, ageBucket: ageBucket(ageDays) };
      });
  };
  return streamXlsx('Improvement requests', IR_COLUMNS, lang, rows(), log);
}

type SubKey = 'partnerName' | 'name' | 'country' | 'work' | 'depth' | 'status' | 'priorNoticeReceivedOn' | 'createdAt';
const SUB_COLUMNS: ExportColumn<SubKey>[] = [
  { key: 'partnerName', width: 30, ja: '取引先', en: 'Partner' },
  { key: 'name', width: 30, ja: '再委託先', en: 'Sub-contractor' },
  { key: 'country', width: 8, ja: '国', en: 'Country' },
  { key: 'work', width: 30, ja: '委託業務', en: 'Work' },
  { key: 'depth', width: 8, ja: '階層', en: 'Level' },
  { key: 'status', width: 14, ja: '状態', en: 'Status' },
  { key: 'priorNoticeReceivedOn', width: 14, ja: '事前通知受領日', en: 'Prior notice received' },
  { key: 'createdAt', width: 22, ja: '登録日時', en: 'Added at' },
];

/** Sub-contractors of the partners in scope, by partner name; keyset on (partner name, id). */
async function* subcontractorPages(ctx: Ctx, q: z.infer<typeof SubcontractorExportQuery>, lang: Language) {
  const base: (SQL | undefined)[] = [partnerScopeSql(partnerScope(ctx, 'partners:read'), partnerSubcontractors.partnerId)];
  if (q.status) base.push(eq(partnerSubcontractors.status, q.status));
  if (q.partnerId) base.push(eq(partnerSubcontractors.partnerId, q.partnerId));
  let after: [string, string] | undefined;
  for (;;) {
    const where = after ? [...base, sql`(${partners.nameEn}, ${partnerSubcontractors.id}) > (${after[0]}, ${after[1]})`] : base;
    const rows = await ctx.db
      .select({ s: partnerSubcontractors, partnerName: partners.nameEn, partnerNameJa: partners.nameJa })
      .from(partnerSubcontractors)
      .innerJoin(partners, eq(partners.id, partnerSubcontractors.partnerId))
      .where(and(...where))
      .orderBy(partners.nameEn, partnerSubcontractors.id)
      .limit(PAGE);
    yield rows.map(({ s, partnerName, partnerNameJa }) => ({
      ...s,
      depth: s.depth + 1,
      partnerName: localName({ nameJa: partnerNameJa, nameEn: partnerName }, lang),
      createdAt: s.createdAt.toISOString(),
    }));
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = [last.partnerName, last.s.id];
  }
}

export function exportSubcontractors(
  ctx: Ctx,
  q: z.infer<typeof SubcontractorExportQuery>,
  lang: Language,
  log: FastifyBaseLogger,
): Readable {
  return streamXlsx('Sub-contractors', SUB_COLUMNS, lang, subcontractorPages(ctx, q, lang), log);
}
