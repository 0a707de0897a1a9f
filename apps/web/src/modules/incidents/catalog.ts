/**
 * The incident catalogues (types, severities, causes, steps) and the EEA country set, read from the
 * repository's catalogues: the server offers no catalogue endpoint, and they only change with a release.
 * Imported by the incident pages only, so they stay out of the initial bundle.
 */
import rules from '../../../../../catalogs/incident-deadline-rules.json';
import types from '../../../../../catalogs/incident-types.json';

export interface Named {
  id: string;
  ja: string;
  en: string;
}

export const INCIDENT_TYPES: (Named & { defaultSeverity: string })[] = types.types;
export const SEVERITY_LEVELS: Named[] = types.severities;
export const CAUSES: Named[] = types.causes;
export const STEP_NAMES: (Named & { ref: string })[] = types.steps;
export const EEA_COUNTRIES: string[] = rules.sets.EEA;

/** Countries offered in the report form: Japan and its usual partners first, then the EEA (GDPR clocks). */
export const COUNTRIES: string[] = [
  ...new Set(['JP', 'US', 'CN', 'KR', 'TW', 'SG', 'TH', 'VN', 'IN', 'GB', 'CH', 'AU', 'CA', ...EEA_COUNTRIES]),
];

export function pick(list: Named[], id: string | null | undefined, lang: string): string {
  const item = list.find((x) => x.id === id);
  if (!item) return id ?? '';
  return lang === 'ja' ? item.ja : item.en;
}

export function options(list: Named[], lang: string) {
  return list.map((x) => ({ value: x.id, label: lang === 'ja' ? x.ja : x.en }));
}

/** A country's name in the UI language (Intl), with its code. */
export function countryLabel(code: string, lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'region' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}
