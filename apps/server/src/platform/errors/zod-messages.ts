import { isMessageCode, type MessageCode, type MessageParams } from '@mamori/contracts';
import { fieldError, type FieldError } from './app-error';

type Issue = Record<string, unknown>;

const num = (v: unknown): number | string =>
  typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'bigint' ? String(v) : '';

/** The size message for a too_small / too_big issue: characters for text, items for lists, a value otherwise. */
function sizeMessage(keyword: 'too_small' | 'too_big', issue: Issue): [MessageCode, MessageParams] {
  const small = keyword === 'too_small';
  const bound: MessageParams = small ? { minimum: num(issue.minimum) } : { maximum: num(issue.maximum) };
  switch (issue.origin) {
    case 'string':
      if (small && Number(issue.minimum) === 1) return ['validation.required', {}];
      return [small ? 'validation.too_short' : 'validation.too_long', bound];
    case 'array':
    case 'set':
      return [small ? 'validation.too_few' : 'validation.too_many', bound];
    default:
      return [small ? 'validation.too_small' : 'validation.too_big', bound];
  }
}

const FORMATS: Record<string, MessageCode> = {
  email: 'validation.email',
  uuid: 'validation.uuid',
  guid: 'validation.uuid',
  url: 'validation.url',
  datetime: 'validation.datetime',
  date: 'validation.date',
  regex: 'validation.pattern',
};

/** The catalogue message for one zod issue (its code is the keyword, its fields the params). */
function issueMessage(keyword: string, issue: Issue, english: string | undefined): [MessageCode, MessageParams] {
  switch (keyword) {
    case 'invalid_type':
      if (/received undefined/.test(english ?? '')) return ['validation.required', {}];
      if (issue.expected === 'int') return ['validation.not_integer', {}];
      return ['validation.invalid_type', {}];
    case 'too_small':
    case 'too_big':
      return sizeMessage(keyword, issue);
    case 'not_multiple_of':
      return ['validation.not_multiple_of', { divisor: num(issue.divisor) }];
    case 'invalid_format':
      return [FORMATS[String(issue.format)] ?? 'validation.pattern', {}];
    case 'invalid_value':
    case 'invalid_union':
      return ['validation.choice', {}];
    case 'custom': {
      // .refine(fn, { message, params: { code: 'a.catalogue.code', values: {...} } }) names its own message
      const own = issue.params as { code?: unknown; values?: MessageParams } | undefined;
      if (typeof own?.code === 'string' && isMessageCode(own.code)) return [own.code, own.values ?? {}];
      return ['validation.invalid', {}];
    }
    default:
      return ['validation.invalid', {}];
  }
}

/** The field errors of one zod issue reported by Fastify's validation, each with a catalogue code. */
export function zodIssueError(path: string, keyword: string, issue: Issue, english: string | undefined): FieldError[] {
  if (keyword === 'unrecognized_keys') {
    const keys = Array.isArray(issue.keys) ? (issue.keys as string[]) : [];
    return keys.map((k) => fieldError(`${path}.${k}`, 'validation.unknown_field'));
  }
  const [code, params] = issueMessage(keyword, issue, english);
  return [fieldError(path, code, Object.keys(params).length ? params : undefined)];
}
