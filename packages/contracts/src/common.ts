import { z } from 'zod';

export const Uuid = z.uuid();

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        /** the rule that failed, for errors the web app words itself (password rules: `password-…`) */
        code: z.string().optional(),
        params: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
      }),
    )
    .optional(),
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
