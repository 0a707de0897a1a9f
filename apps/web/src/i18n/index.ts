import i18n, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../api/types';

export const LANGUAGES: readonly Language[] = ['ja', 'en'];

const STORED = 'mamori.language';

/** ja when the browser prefers Japanese, else en; the user's saved language overrides it once /me is known. */
export function browserLanguage(): Language {
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** The language last chosen in this browser (also before sign-in, on the public pages), else the browser's. */
function initialLanguage(): Language {
  try {
    const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORED) : null;
    if (stored === 'ja' || stored === 'en') return stored;
  } catch {
    // storage disabled: the browser's language
  }
  return browserLanguage();
}

/** Where the server's message texts (contracts messages/, rendered by messages.ts) sit in a loaded catalogue. */
export const SERVER_MESSAGES = '__serverMessages';

const withServerMessages = (shell: Promise<{ default: ResourceKey }>, server: Promise<{ default: unknown }>) =>
  Promise.all([shell, server]).then(([s, m]) => ({
    default: { ...(s.default as Record<string, unknown>), [SERVER_MESSAGES]: m.default } as ResourceKey,
  }));

/**
 * Each catalogue is its own chunk, fetched when its language is first used: a reader downloads only the catalogue
 * of the language they read (ja and en have the same keys, catalog.test.ts, so no fallback language is needed),
 * and with it the texts of the server's message codes in that language.
 */
const CATALOGUES: Record<Language, () => Promise<{ default: ResourceKey }>> = {
  ja: () => withServerMessages(import('./ja.json'), import('@mamori/contracts/messages/ja.json')),
  en: () => withServerMessages(import('./en.json'), import('@mamori/contracts/messages/en.json')),
};

const lazyCatalogues: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read: (lng, _ns, done) => {
    CATALOGUES[lng === 'ja' ? 'ja' : 'en']().then(
      (m) => done(null, m.default),
      (e: unknown) => done(e instanceof Error ? e : new Error(String(e)), false),
    );
  },
};

/** Resolves once the reader's catalogue is loaded: main.tsx renders after it, so no text flashes as a key. */
export const i18nReady = i18n
  .use(lazyCatalogues)
  .use(initReactI18next)
  .init({
    lng: initialLanguage(),
    supportedLngs: ['ja', 'en'],
    load: 'currentOnly',
    fallbackLng: false,
    interpolation: { escapeValue: false },
    // keys contain ':' (action names such as org:read), so no namespace separator
    nsSeparator: false,
    returnNull: false,
    // a domain's catalogue (modules.ts) arriving after its page rendered re-renders the page
    react: { bindI18nStore: 'added' },
  });

const setHtmlLang = (lng: string) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
};
setHtmlLang(i18n.language);
i18n.on('languageChanged', (lng) => {
  setHtmlLang(lng);
  try {
    localStorage.setItem(STORED, lng);
  } catch {
    // storage disabled: the choice lasts until the page is reloaded
  }
});

export function currentLanguage(): Language {
  return i18n.language === 'ja' ? 'ja' : 'en';
}

export default i18n;
