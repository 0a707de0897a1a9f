import { z } from 'zod';

export const Uuid = z.uuid();

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  q: z.string().trim().max(200).optional(),
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
