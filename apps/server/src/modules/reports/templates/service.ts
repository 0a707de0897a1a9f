import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ReportDefinition, type LocalText, type ReportTemplate } from '@mamori/contracts';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { fieldError, invalid, msg, notFound, AppError, type FieldError } from '../../../platform/errors/app-error';
import { loadForUpdate } from '../../../platform/records/lock';
import type { Precondition } from '../../../platform/records/version';
import { inTransaction, type Ctx } from '../../../platform/tx';
import '../sources';
import { getSource } from '../sources/registry';
import { reportTemplates } from '../tables';

/**
 * Report templates: the built-in ones are data files (catalogs/report-templates/<id>.json, ja + en); a copy lives in
 * report_templates and may be edited by reports:manage holders. A definition names sources and carries narrative
 * text; it is checked against the source registry on every save and before every run, and nothing in it is ever
 * evaluated: there is no expression, no template language and no HTML.
 */

const BuiltIn = z.object({ name: z.object({ ja: z.string(), en: z.string() }), definition: ReportDefinition }).strict();
const dir = fileURLToPath(new URL('../../../../../../catalogs/report-templates/', import.meta.url));

let builtIns: Map<string, ReportTemplate> | null = null;
export function builtInTemplates(): Map<string, ReportTemplate> {
  if (builtIns) return builtIns;
  const out = new Map<string, ReportTemplate>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const id = file.slice(0, -5);
    const parsed = BuiltIn.parse(JSON.parse(readFileSync(dir + file, 'utf8')));
    const problems = checkDefinition(parsed.definition, id);
    if (problems.length) throw new Error(`catalogs/report-templates/${file}: ${problems.map((p) => p.path).join(', ')}`);
    out.set(id, { id, builtIn: true, name: parsed.name, definition: parsed.definition, rowVersion: null, updatedAt: null });
  }
  builtIns = out;
  return out;
}

/** Markup is refused outright (a tag, an entity-encoded tag, a script URL): the narrative is plain text + a markdown subset. */
const MARKUP = /<\s*\/?\s*[a-zA-Z!?]|&lt;|javascript:/i;

/** Every problem of a definition, each with its path (every failing field named: RFC 9457 errors). */
export function checkDefinition(def: ReportDefinition, prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  if (def.sections.every((s) => s.hidden)) errors.push(fieldError(`${prefix}.sections`, 'reports.all_sections_off'));
  def.sections.forEach((s, i) => {
    for (const lang of ['ja', 'en'] as const)
      if (MARKUP.test(s.narrative[lang]))
        errors.push(fieldError(`${prefix}.sections.${i}.narrative.${lang}`, 'reports.narrative_markup'));
    s.blocks.forEach((b, j) => {
      if (!getSource(b.source))
        errors.push(fieldError(`${prefix}.sections.${i}.blocks.${j}.source`, 'reports.unknown_source', { source: b.source }));
    });
  });
  return errors;
}

type Row = typeof reportTemplates.$inferSelect;
const present = (r: Row): ReportTemplate => ({
  id: r.id,
  builtIn: false,
  name: { ja: r.nameJa, en: r.nameEn },
  definition: r.definition,
  rowVersion: r.rowVersion,
  updatedAt: r.updatedAt.toISOString(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listTemplates(db: Db): Promise<ReportTemplate[]> {
  const copies = await db.select().from(reportTemplates).orderBy(desc(reportTemplates.updatedAt)).limit(200);
  return [...builtInTemplates().values(), ...copies.map(present)];
}

export async function getTemplate(db: Db, id: string): Promise<ReportTemplate> {
  const b = builtInTemplates().get(id);
  if (b) return b;
  if (!UUID.test(id)) throw notFound();
  const [r] = await db.select().from(reportTemplates).where(eq(reportTemplates.id, id));
  if (!r) throw notFound();
  return present(r);
}

export async function copyTemplate(ctx: Ctx, id: string, name: LocalText | undefined): Promise<ReportTemplate> {
  const from = await getTemplate(ctx.db, id);
  const copyName = name ?? { ja: `${from.name.ja}（複製）`, en: `${from.name.en} (copy)` };
  return inTransaction(ctx, async (tx, audit) => {
    const [r] = await tx
      .insert(reportTemplates)
      .values({
        nameJa: copyName.ja,
        nameEn: copyName.en,
        copiedFrom: from.id,
        definition: from.definition,
        createdBy: ctx.actor.userId,
      })
      .returning();
    await audit({
      action: 'report_template.copy',
      targetType: 'report_template',
      targetId: r!.id,
      after: { from: from.id, name: copyName },
    });
    return present(r!);
  });
}

export async function saveTemplate(
  ctx: Ctx,
  id: string,
  body: { name: LocalText; definition: ReportDefinition },
  expected: Precondition,
): Promise<ReportTemplate> {
  if (builtInTemplates().has(id)) throw new AppError('conflict', msg('reports.builtin_readonly'));
  if (!UUID.test(id)) throw notFound();
  const errors = checkDefinition(body.definition, 'body.definition');
  if (errors.length) throw invalid(errors);
  return inTransaction(ctx, async (tx, audit) => {
    const before = await loadForUpdate(
      tx,
      reportTemplates,
      id,
      async () => (await tx.select().from(reportTemplates).where(eq(reportTemplates.id, id)))[0],
      expected,
    );
    if (!before) throw notFound();
    const [r] = await tx
      .update(reportTemplates)
      .set({ nameJa: body.name.ja, nameEn: body.name.en, definition: body.definition, updatedAt: new Date() })
      .where(eq(reportTemplates.id, id))
      .returning();
    await audit({
      action: 'report_template.update',
      targetType: 'report_template',
      targetId: id,
      before: { name: { ja: before.nameJa, en: before.nameEn }, sections: before.definition.sections.length },
      after: { name: body.name, sections: body.definition.sections.length },
    });
    return present(r!);
  });
}

export async function deleteTemplate(ctx: Ctx, id: string): Promise<void> {
  if (builtInTemplates().has(id)) throw new AppError('conflict', msg('reports.builtin_readonly'));
  if (!UUID.test(id)) throw notFound();
  await inTransaction(ctx, async (tx, audit) => {
    const [r] = await tx.delete(reportTemplates).where(eq(reportTemplates.id, id)).returning({ id: reportTemplates.id });
    if (!r) throw notFound();
    await audit({ action: 'report_template.delete', targetType: 'report_template', targetId: id });
  });
}
