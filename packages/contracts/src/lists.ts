import { z } from 'zod';
import { Language } from './common';

/** A zone the runtime knows (IANA name): the export writes its dates in it. */
const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/**
 * What every list export takes beside its list's filters and sort: the file format, the language of its headers and
 * texts (default: the reader's), the time zone of its dates (default Asia/Tokyo).
 */
export const ListExportParams = z.object({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  lang: Language.optional(),
  tz: z.string().max(64).refine(isTimeZone, 'an IANA time zone, e.g. Asia/Tokyo').optional(),
});
export type ListExportParams = z.infer<typeof ListExportParams>;
