import type { CustomFields } from '@mamori/contracts';

/**
 * What the ledger's text search matches for one asset: its name, then the values of its text and list custom
 * fields (searchable like the built-in ones, issue #11). Kept in `assets.search_text` (trigram-indexed) by every
 * write path: create, update, import, demo.
 */
export function searchText(name: string, custom: Record<string, unknown>, fields: CustomFields): string {
  const parts = [name];
  for (const f of fields) {
    const v = custom[f.key];
    if ((f.type === 'text' || f.type === 'list') && typeof v === 'string' && v) parts.push(v);
  }
  return parts.join('\n');
}
