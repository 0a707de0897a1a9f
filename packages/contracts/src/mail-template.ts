import { z } from 'zod';

/**
 * The common frame of every outgoing mail (issue #22, `mail.template`, docs/group.md): the sender's display name, a
 * subject prefix, a greeting above the text and a signature below it, in ja and en. A company may set its own; the
 * recipient's company decides which applies. Templates are plain text: mails are sent as text only, and the web app
 * shows them as text.
 */

/** The placeholders a greeting or signature may use; any other `{{…}}` is refused at save, naming the field. */
export const MAIL_PLACEHOLDERS = ['company', 'recipientName'] as const;
export type MailPlaceholder = (typeof MAIL_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
/** Markup (a tag, a comment, an entity) has no place in a plain-text template. */
const MARKUP = /<[a-zA-Z/!?]|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const LINE_BREAK_OR_CONTROL = /[\u0000-\u001f\u007f]/;

const unknownPlaceholder = (s: string, allowed: readonly string[]) =>
  [...s.matchAll(PLACEHOLDER)].map((m) => m[1]!).find((p) => !allowed.includes(p)) ?? null;

function plainText(max: number, opts: { singleLine: boolean; placeholders: readonly string[] }) {
  return z
    .string()
    .max(max)
    .superRefine((s, ctx) => {
      if ((opts.singleLine ? LINE_BREAK_OR_CONTROL : CONTROL).test(s))
        ctx.addIssue({
          code: 'custom',
          message: 'control characters',
          params: { code: opts.singleLine ? 'mail.template_single_line' : 'mail.template_control' },
        });
      if (MARKUP.test(s)) ctx.addIssue({ code: 'custom', message: 'markup', params: { code: 'mail.template_markup' } });
      const unknown = unknownPlaceholder(s, opts.placeholders);
      // an opening `{{` without its closing pair is a placeholder typed wrong, too
      const stray = unknown !== null ? `{{${unknown}}}` : /\{\{/.test(s.replace(PLACEHOLDER, '')) ? '{{' : null;
      if (stray !== null)
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder ${stray}`,
          params: {
            code: 'mail.template_placeholder_unknown',
            values: {
              placeholder: stray,
              allowed: opts.placeholders.length ? opts.placeholders.map((p) => `{{${p}}}`).join(', ') : '—',
            },
          },
        });
    });
}

const Block = (max: number) => plainText(max, { singleLine: false, placeholders: MAIL_PLACEHOLDERS });
const Line = (max: number) => plainText(max, { singleLine: true, placeholders: [] });

export const MailTemplate = z
  .object({
    /** the display name of the sender (the address stays MAMORI_MAIL_FROM's); empty: MAMORI_MAIL_FROM as it is */
    senderName: Line(80),
    /** replaces the `[Mamori]` tag at the start of each subject; empty: no tag */
    subjectPrefix: Line(40),
    greeting: z.object({ ja: Block(500), en: Block(500) }).strict(),
    signature: z.object({ ja: Block(1000), en: Block(1000) }).strict(),
  })
  .strict();
export type MailTemplate = z.infer<typeof MailTemplate>;

/** Before anyone saves one: mails look as they always did (the `[Mamori]` tag, no greeting, no signature). */
export const DEFAULT_MAIL_TEMPLATE: MailTemplate = {
  senderName: '',
  subjectPrefix: '[Mamori]',
  greeting: { ja: '', en: '' },
  signature: { ja: '', en: '' },
};

export type MailLanguage = 'ja' | 'en';
export type MailPlaceholderValues = Record<MailPlaceholder, { ja: string; en: string }>;

/** Fills the placeholders of one language's text (a placeholder that the save refused cannot be here; left as is). */
export const fillPlaceholders = (text: string, values: MailPlaceholderValues, lang: MailLanguage): string =>
  text.replace(PLACEHOLDER, (whole, name: string) =>
    (MAIL_PLACEHOLDERS as readonly string[]).includes(name) ? values[name as MailPlaceholder][lang] : whole,
  );

/** The tag the mails' texts start their subjects with, replaced by the template's prefix. */
export const MAIL_SUBJECT_TAG = '[Mamori]';

/**
 * One mail in its frame: the subject with the template's prefix in place of the `[Mamori]` tag; the greetings
 * above the text and the signatures below it (after the usual `-- ` line), in the languages given (a mail carries
 * both, Japanese first; the settings page previews each alone).
 */
export function frameMail(
  template: MailTemplate,
  mail: { subject: string; body: string },
  values: MailPlaceholderValues,
  langs: readonly MailLanguage[] = ['ja', 'en'],
): { subject: string; body: string } {
  const bare = mail.subject.startsWith(MAIL_SUBJECT_TAG) ? mail.subject.slice(MAIL_SUBJECT_TAG.length).trimStart() : mail.subject;
  const subject = template.subjectPrefix ? `${template.subjectPrefix} ${bare}` : bare;
  const parts = (texts: { ja: string; en: string }) =>
    langs.map((l) => fillPlaceholders(texts[l], values, l).trim()).filter(Boolean);
  const greeting = parts(template.greeting);
  const signature = parts(template.signature);
  let body = mail.body;
  if (greeting.length) body = `${greeting.join('\n')}\n\n${body}`;
  if (signature.length) body = `${body.replace(/\n*$/, '')}\n\n-- \n${signature.join('\n\n')}\n`;
  return { subject, body };
}

/**
 * The group's own template (`GET/PUT /api/settings/mail-template`): the value of scope `group` (`scope: 'default'`
 * and version 0 while none was saved: the built-in frame), its version as the ETag. It applies to every company
 * whose chain up to the holding has none of its own (the holding's own value stands before it for the holding's
 * people and for addresses that are no person).
 */
export const GroupMailTemplateSetting = z.object({
  value: MailTemplate,
  scope: z.string(),
  version: z.number().int().min(0),
  updatedAt: z.date().nullable(),
});
export type GroupMailTemplateSetting = z.infer<typeof GroupMailTemplateSetting>;
export const MailTemplateHistoryEntry = z.object({
  version: z.number().int(),
  value: z.unknown(),
  changedBy: z.string().nullable(),
  changedAt: z.date(),
});
