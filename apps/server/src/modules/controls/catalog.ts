import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Control } from '@mamori/contracts';
import { z } from 'zod';

/**
 * The Annex A catalogue (catalogs/iso27001-2022/controls.json): the 93 controls with titles and guidance in our
 * own words (ja + en), control types and C/I/A. Data, read and validated once.
 */
const file = fileURLToPath(new URL('../../../../../catalogs/iso27001-2022/controls.json', import.meta.url));

const Catalog = z.object({ version: z.literal(1), about: z.string(), controls: z.array(Control) });
export type ControlCatalog = z.infer<typeof Catalog>;

let catalog: ControlCatalog | undefined;
let byId: Map<string, Control> | undefined;

export function controlCatalog(): ControlCatalog {
  if (catalog) return catalog;
  const parsed = Catalog.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`catalogs/iso27001-2022/controls.json is invalid: ${z.prettifyError(parsed.error)}`);
  return (catalog = parsed.data);
}

export const catalogControl = (id: string): Control | undefined =>
  (byId ??= new Map(controlCatalog().controls.map((c) => [c.id, c]))).get(id);

export const controlTitle = (id: string, lang: 'ja' | 'en'): string => catalogControl(id)?.title[lang] ?? id;
