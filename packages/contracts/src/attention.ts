import { z } from 'zod';

/**
 * One thing that waits on the signed-in person ("needs my attention", issue #15): an approval, a task, an answer,
 * a clock. Each domain's service.ts answers its own items (`attentionFor(db, principal, limit)`); the dashboard
 * merges them, ordered by due date. `kind` names the label (`attention.kinds.<kind>` in the shell's catalogue);
 * `title` is the record's own title as its users wrote it; `href` is the web page that deals with it.
 */
export const AttentionItem = z.object({
  domain: z.string(),
  kind: z.string().regex(/^[a-z][a-zA-Z]*$/),
  id: z.string(),
  title: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  href: z.string().startsWith('/'),
});
export type AttentionItem = z.infer<typeof AttentionItem>;

export const AttentionList = z.object({ items: z.array(AttentionItem), more: z.boolean() });
export type AttentionList = z.infer<typeof AttentionList>;
