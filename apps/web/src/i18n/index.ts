import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../api/types';
import en from './en.json';
import ja from './ja.json';

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

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  // keys contain ':' (action names such as org:read), so no namespace separator
  nsSeparator: false,
  returnNull: false,
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
