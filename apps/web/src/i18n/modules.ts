import type { ResourceKey } from 'i18next';
import i18n from './index';

/**
 * A domain's own texts live next to its pages, in `modules/<domain>/i18n/{ja,en}.json`, and are fetched with the
 * domain's first page (router.tsx `page(..., ['<domain>'])`): the shell's catalogue keeps only what every page
 * needs (navigation, enums, shared words), so the first download stays small as domains are added.
 * A module catalogue's keys are merged into the one translation namespace, so a key reads the same
 * whether the key sits in the shell's catalogue or a module's; catalog.test.ts checks they never overlap.
 */
const files = import.meta.glob<{ default: ResourceKey }>('../modules/*/i18n/*.json');

const loaded = new Set<string>();

const keyOf = (domain: string, lang: string) => `../modules/${domain}/i18n/${lang}.json`;

async function add(domain: string, lang: string): Promise<void> {
  const id = `${domain}/${lang}`;
  if (loaded.has(id)) return;
  const file = files[keyOf(domain, lang)];
  if (!file) throw new Error(`No ${lang} catalogue for module ${domain}`);
  const m = await file();
  i18n.addResourceBundle(lang, 'translation', m.default, true, false);
  loaded.add(id);
}

const domainsInUse = new Set<string>();

/** Loads a domain's texts in the reader's language (and remembers the domain, for a later change of language). */
export async function loadCatalogues(domains: readonly string[]): Promise<void> {
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  for (const d of domains) domainsInUse.add(d);
  await Promise.all(domains.map((d) => add(d, lang)));
}

/** The domains whose texts are there, so that a change of language fetches theirs in the new language first. */
export function loadedDomainsFor(lang: string): Promise<void> {
  return Promise.all([...domainsInUse].map((d) => add(d, lang === 'ja' ? 'ja' : 'en'))).then(() => undefined);
}

// A change of language fetches the shell's catalogue first (i18next's backend), then the domains' in use here;
// react-i18next re-renders when they are added (bindI18nStore: 'added', index.ts).
i18n.on('languageChanged', (lng) => void loadedDomainsFor(lng));

/** Every module catalogue, for the catalogue test. */
export const moduleCatalogueFiles = files;
