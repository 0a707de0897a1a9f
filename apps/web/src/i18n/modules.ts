import type { ResourceKey } from 'i18next';
import i18n from './index';

/**
 * A domain's own texts live next to its pages, in `modules/<domain>/i18n/{ja,en}.json`, and are fetched with the
 * domain's pages (routes/base.ts `withTexts`): the shell's catalogue keeps only what every page needs (navigation,
 * enums, shared words), so the first download stays small as domains are added.
 * A module catalogue's keys are merged into the one translation namespace, so a key reads the same whether it sits
 * in the shell's catalogue or a domain's; catalog.test.ts checks that no key is in two catalogues.
 *
 * The merge is deep, and it is made again whenever i18next (re)loads a shell catalogue: i18next adds a loaded
 * catalogue with a shallow merge, so a shell object that shares its top-level key with a domain's (`soa.nav` beside
 * the SoA pages' `soa.*`) would otherwise replace the domain's texts when the shell arrives second (a page opened
 * by URL while the reader's language is still loading, or a change of language).
 */
const files = import.meta.glob<{ default: ResourceKey }>('../modules/*/i18n/*.json');

/** Loaded domain catalogues by language, kept to merge them again after the shell's catalogue (re)loads. */
const bundles = new Map<string, Map<string, ResourceKey>>();
const domainsInUse = new Set<string>();

const langOf = (lng: string) => (lng === 'ja' ? 'ja' : 'en');

function merge(lang: string, bundle: ResourceKey): void {
  i18n.addResourceBundle(lang, 'translation', bundle, true, true);
}

async function add(domain: string, lang: string): Promise<void> {
  const have = bundles.get(lang) ?? new Map<string, ResourceKey>();
  bundles.set(lang, have);
  if (have.has(domain)) return;
  const file = files[`../modules/${domain}/i18n/${lang}.json`];
  if (!file) throw new Error(`No ${lang} catalogue for module ${domain}`);
  const m = await file();
  have.set(domain, m.default);
  merge(lang, m.default);
}

/** Loads a domain's texts in the reader's language (and remembers the domain, for a later change of language). */
export async function loadCatalogues(domains: readonly string[]): Promise<void> {
  for (const d of domains) domainsInUse.add(d);
  await Promise.all(domains.map((d) => add(d, langOf(i18n.language))));
}

/** After a shell catalogue is (re)loaded, the domain texts of its language are merged into it again. */
function remerge(lang: string): void {
  for (const bundle of bundles.get(lang)?.values() ?? []) merge(lang, bundle);
}

i18n.on('loaded', (loaded: Record<string, unknown>) => {
  for (const lng of Object.keys(loaded)) remerge(langOf(lng));
});
// A change of language fetches the shell's catalogue first (i18next's backend), then the domains' in use here;
// react-i18next re-renders when they are added (bindI18nStore: 'added', index.ts).
i18n.on('languageChanged', (lng) => {
  const lang = langOf(lng);
  remerge(lang);
  void Promise.all([...domainsInUse].map((d) => add(d, lang)));
});

/** Every module catalogue, for the catalogue test. */
export const moduleCatalogueFiles = files;
