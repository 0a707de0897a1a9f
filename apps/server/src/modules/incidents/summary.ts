import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { covers, scopeOf } from '../../platform/access/scope';
import { users } from '../../platform/auth/tables';
import { recordRead } from '../../platform/audit/record';
import { notFound } from '../../platform/errors/app-error';
import type { Ctx } from '../../platform/tx';
import { orgUnits, people } from '../org/tables';
import { causeLabel, typeLabel, typesCatalog } from './catalog';
import { incidentMembers, incidentTasks, incidents } from './tables';
import { selectCases } from './visibility';

/**
 * An anonymised case for all-employee education (4-2 f). The approach: build it from structured
 * fields (type, severity, month, site, cause category, template task titles) and let free text through
 * only after redaction: names of everyone linked to the case (reporter, members, task owners, in ja and
 * en), customer names from the facts, e-mail addresses, URLs, phone and card-like numbers, IP
 * addresses, and honorific name patterns (〇〇さん, Mr. X). The number of redactions is returned so the
 * office reviews the text before handing it over. Dates are reduced to the month; no case number.
 */
export const PATTERNS: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]'],
  [/https?:\/\/\S+/g, '[url]'],
  [/\b\d{1,3}(\.\d{1,3}){3}\b/g, '[ip]'],
  [/\+?\d[\d\s-]{7,}\d/g, '[number]'],
  [/[\p{Script=Han}\p{Script=Katakana}ー]{1,6}(さん|様|さま|氏|君|くん)/gu, '[氏名]'],
  [/\b(Mr|Ms|Mrs|Miss|Dr)\.?\s+[A-Z][\w'-]+(\s+[A-Z][\w'-]+)?/g, '[name]'],
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function redact(text: string, names: string[]): { text: string; count: number } {
  let count = 0;
  let out = text;
  const parts = names.flatMap((n) => [n, ...n.split(/[\s\u3000]+/)]).filter((n) => n.trim().length >= 2);
  const sorted = [...new Set(parts)].sort((a, b) => b.length - a.length);
  // Patterns first: a name inside an e-mail address must not break the address apart before it is matched.
  for (const [re, mark] of PATTERNS)
    out = out.replace(re, () => {
      count++;
      return mark;
    });
  for (const n of sorted)
    out = out.replace(new RegExp(escapeRe(n), 'giu'), () => {
      count++;
      return '[…]';
    });
  return { text: out, count };
}

async function namesOnCase(db: Db, incidentId: string, reporterId: string) {
  const memberRows = await db
    .select({ id: incidentMembers.userId })
    .from(incidentMembers)
    .where(eq(incidentMembers.incidentId, incidentId));
  const ownerRows = await db
    .select({ id: incidentTasks.ownerId })
    .from(incidentTasks)
    .where(and(eq(incidentTasks.incidentId, incidentId), isNotNull(incidentTasks.ownerId)));
  const ids = [...new Set([reporterId, ...memberRows.map((r) => r.id), ...ownerRows.map((r) => r.id!)])];
  const names: string[] = [];
  for (const id of ids) {
    const [u] = await db
      .select({ name: users.name, email: users.email, ja: people.nameJa, en: people.nameEn })
      .from(users)
      .leftJoin(people, eq(people.id, users.personId))
      .where(eq(users.id, id));
    if (u) names.push(u.name, u.email, ...(u.ja ? [u.ja] : []), ...(u.en ? [u.en] : []));
  }
  return names;
}

export async function incidentSummary(ctx: Ctx, id: string, lang: 'ja' | 'en') {
  const [row] = await selectCases(ctx.db).where(eq(incidents.id, id));
  if (!row || !covers(scopeOf(ctx.principal, 'incidents:analyse'), row.orgPath)) throw notFound('The incident');
  const i = row.incident;
  const names = [...(await namesOnCase(ctx.db, i.id, i.reporterId)), ...i.facts.customers.map((c) => c.name)];
  let redactions = 0;
  const clean = (t: string) => {
    const r = redact(t, names);
    redactions += r.count;
    return r.text;
  };
  const [site] = i.siteId ? await ctx.db.select().from(orgUnits).where(eq(orgUnits.id, i.siteId)) : [];
  const measures = await ctx.db
    .select({ ja: incidentTasks.titleJa, en: incidentTasks.titleEn })
    .from(incidentTasks)
    .where(and(eq(incidentTasks.incidentId, i.id), eq(incidentTasks.step, 'prevention'), isNotNull(incidentTasks.doneAt)))
    .orderBy(asc(incidentTasks.position));
  const L = lang === 'ja';
  const severity = typesCatalog().severities.find((s) => s.id === i.severity)?.[lang] ?? i.severity;
  const month = (i.occurredAt ?? i.discoveredAt).toISOString().slice(0, 7);
  const sections = [
    { heading: L ? '何が起きたか' : 'What happened', text: clean(i.description) },
    { heading: L ? '関係した情報' : 'Information involved', text: clean(i.information) || (L ? '(記載なし)' : '(not stated)') },
    {
      heading: L ? '原因' : 'Cause',
      text: clean(i.rootCause) || (causeLabel(i.causeCategory, lang) ?? (L ? '調査中' : 'under investigation')),
    },
    {
      heading: L ? '再発防止策' : 'Measures taken',
      text: measures.map((m) => `・${clean(m[lang])}`).join('\n') || (L ? '(未完了)' : '(not yet done)'),
    },
  ];
  await recordRead(ctx.db, ctx.actor, {
    action: 'incident.summary.read',
    targetType: 'incident',
    targetId: id,
    orgPath: row.orgPath,
  });
  return {
    reference: `${typeLabel(i.typeId, lang)} ${month}`,
    language: lang,
    type: typeLabel(i.typeId, lang),
    severity,
    nearMiss: i.nearMiss,
    period: month,
    site: site ? (L ? site.nameJa : site.nameEn) : '',
    cause: causeLabel(i.causeCategory, lang),
    sections,
    redactions,
  };
}
