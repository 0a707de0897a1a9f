import { z } from 'zod';

export const Uuid = z.uuid();

/**
 * A NUL character (PostgreSQL refuses it in text) or a UTF-16 surrogate without its pair (it has no UTF-8
 * form): text that cannot be stored as typed. With the `u` flag, `\p{Cs}` matches only unpaired surrogates.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point of this pattern
export const ILL_FORMED_CHAR = /[\u0000\p{Cs}]/u;
export const ILL_FORMED_TEXT = 'must not contain a NUL character or an unpaired UTF-16 surrogate';
export const isWellFormedText = (s: string): boolean => !ILL_FORMED_CHAR.test(s);

/** The one string schema for input: any text that can be stored (the request pipeline checks the same rule). */
export const Str = () =>
  z.string().refine(isWellFormedText, { message: ILL_FORMED_TEXT, params: { code: 'validation.text_ill_formed' } });

/**
 * Dates and instants in input are bounded to years 1900–2200: far outside them is a typing slip or an attack,
 * and PostgreSQL cannot store some of them (year 0, years past 294276).
 */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2200-12-31';
export const DATE_RANGE = `must be between ${DATE_MIN} and ${DATE_MAX}`;
/** The refusal of a date outside the bounds, as a catalogue code the reader sees in their language. */
const dateRangeIssue = {
  message: DATE_RANGE,
  params: { code: 'validation.date_range', values: { min: DATE_MIN, max: DATE_MAX } },
};
/** True for a date or instant written with a year from 1900 to 2200 (the year as written, whatever the offset). */
export const isWithinDateBounds = (s: string): boolean => {
  const year = /^(\d{4})-/.exec(s)?.[1];
  return year !== undefined && year >= DATE_MIN.slice(0, 4) && year <= DATE_MAX.slice(0, 4);
};
/** An instant in input (ISO 8601 with `Z` or an offset), years 1900–2200. */
export const DateTimeInput = () => z.iso.datetime({ offset: true }).refine(isWithinDateBounds, dateRangeIssue);
/** A calendar day in input (YYYY-MM-DD), years 1900–2200. */
export const DayInput = () => z.iso.date().refine(isWithinDateBounds, dateRangeIssue);

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  /** the detail as a message code with its values (contracts/messages.ts): render it in the reader's language */
  detailCode: z.string().optional(),
  detailParams: z.record(z.string(), z.unknown()).optional(),
  errors: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        code: z.string().optional(),
        params: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
});
export type Problem = z.infer<typeof Problem>;

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: Str().max(500).optional(),
  q: Str().trim().max(200).optional(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().optional() });

export const IdParams = z.object({ id: z.uuid() }).strict();

export const Language = z.enum(['ja', 'en']);
export type Language = z.infer<typeof Language>;

export const Ok = z.object({ ok: z.literal(true) });

/**
 * The row version of a main record (partners, incidents, vulnerabilities, products, releases, org units, people,
 * improvement requests): also its ETag. Send it back as `If-Match: "<rowVersion>"` on PATCH; a stale one is 412.
 */
export const RowVersion = z.number().int().min(1).meta({ description: 'Row version; the ETag is "<rowVersion>"' });
