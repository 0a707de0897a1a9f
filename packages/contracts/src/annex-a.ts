/**
 * The identifiers of ISO/IEC 27001:2022 Annex A controls and their themes (facts, not the standard's text):
 * 5.1–5.37 organizational, 6.1–6.8 people, 7.1–7.14 physical, 8.1–8.34 technological. The titles and guidance,
 * in our own words in ja + en, are in catalogs/iso27001-2022/.
 */
export const ANNEX_A_THEMES = ['organizational', 'people', 'physical', 'technological'] as const;
export type AnnexATheme = (typeof ANNEX_A_THEMES)[number];

const counts: [number, AnnexATheme, number][] = [
  [5, 'organizational', 37],
  [6, 'people', 8],
  [7, 'physical', 14],
  [8, 'technological', 34],
];

export const ANNEX_A_CONTROLS: readonly { id: string; theme: AnnexATheme }[] = counts.flatMap(([clause, theme, n]) =>
  Array.from({ length: n }, (_, i) => ({ id: `${clause}.${i + 1}`, theme })),
);

const ids = new Set(ANNEX_A_CONTROLS.map((c) => c.id));
export const isAnnexAControlId = (id: string): boolean => ids.has(id);
