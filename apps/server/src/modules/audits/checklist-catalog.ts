import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The group's checklist items for internal audits (catalogs/internal-audit-checklist.json, ja + en, our own words):
 * the rules every audited unit is checked against, with the ISO/IEC 27001 clause each one serves.
 */
const file = fileURLToPath(new URL('../../../../../catalogs/internal-audit-checklist.json', import.meta.url));

const Rule = z.object({ code: z.string().regex(/^R\d{2}$/), clause: z.string(), ja: z.string().min(1), en: z.string().min(1) });
const Catalog = z.object({ version: z.literal(1), about: z.string(), items: z.array(Rule).min(1) });
export type ChecklistRule = z.infer<typeof Rule>;

let rules: ChecklistRule[] | undefined;

export function checklistRules(): ChecklistRule[] {
  if (rules) return rules;
  const parsed = Catalog.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`catalogs/internal-audit-checklist.json is invalid: ${z.prettifyError(parsed.error)}`);
  return (rules = parsed.data.items);
}

/** ISO/IEC 27001:2022 clauses a finding may name (4.1 … 10.2), besides Annex A controls. */
export const isClause = (s: string) =>
  /^(4\.[1-4]|5\.[1-3]|6\.(1(\.[1-3])?|2|3)|7\.[1-5](\.[1-3])?|8\.[1-3]|9\.[1-3](\.[1-3])?|10\.[12])$/.test(s);
