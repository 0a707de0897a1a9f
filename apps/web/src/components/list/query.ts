import { buildUrl } from '../../api/client';
import type { FilterValues } from './types';

/** The filter values as query parameters: empty texts and cleared selects are left out. */
export function filterQuery(values: FilterValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    const s = v?.trim();
    if (s) out[k] = s;
  }
  return out;
}

export type ExportFormat = 'csv' | 'xlsx';

/** The reader's time zone (the export writes its dates in it); Tokyo when the browser does not say. */
export function readerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Tokyo';
  } catch {
    return 'Asia/Tokyo';
  }
}

/**
 * The download link of a list's export: the same filters and sort as the rows on screen, the format, the reader's
 * language and time zone. A plain link: the session cookie authenticates it and the browser saves the file.
 */
export function exportUrl(
  path: string,
  query: Record<string, string | undefined>,
  format: ExportFormat,
  lang: string,
  tz = readerTimeZone(),
): string {
  return buildUrl(path, { ...query, format, lang: lang === 'ja' ? 'ja' : 'en', tz });
}
