import { ILL_FORMED_CHAR, isWellFormedText } from '@mamori/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fieldError, invalid, msg, type FieldError } from '../errors/app-error';

/** Headers whose values the server stores or shows (a session's user agent, an uploaded file's type). */
const DATA_HEADERS = ['user-agent', 'content-type'] as const;
/** Enough to name every field of a real form; a body made of nothing but bad strings is told in part. */
const MAX_ERRORS = 100;

/** A field's name as told back: a path through a deeply nested body is cut, not echoed whole. */
const named = (path: string) => (path.length > 200 ? `${path.slice(0, 200)}…` : path);

/** Where in a text body (CSV, XML) the first bad character is: its line and column. */
function position(text: string): { line: number; column: number } {
  const at = text.search(ILL_FORMED_CHAR);
  const before = text.slice(0, Math.max(at, 0));
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

/**
 * Every string in the parsed input (keys included) that cannot be stored as text, as field errors named like
 * the validator names them (`querystring.q`, `body.contacts.0.name`). Walks with its own stack, not recursion,
 * so a deeply nested JSON body cannot overflow it.
 */
export function illFormedFields(input: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const stack: [string, unknown][] = Object.entries(input);
  while (stack.length && errors.length < MAX_ERRORS) {
    const [path, value] = stack.pop()!;
    if (typeof value === 'string') {
      if (!isWellFormedText(value))
        errors.push(
          path === 'body'
            ? fieldError(named(path), 'validation.text_ill_formed_at', position(value))
            : fieldError(named(path), 'validation.text_ill_formed'),
        );
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (!isWellFormedText(key)) errors.push(fieldError(named(`${path}.${key}`), 'validation.field_name_ill_formed'));
        else stack.push([`${path}.${key}`, child]);
      }
    }
  }
  return errors.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function check(request: FastifyRequest): void {
  const headers = Object.fromEntries(DATA_HEADERS.map((h) => [h, request.headers[h]]));
  const errors = illFormedFields({ params: request.params, querystring: request.query, body: request.body, headers });
  if (errors.length) throw invalid(errors, msg('problem.text_ill_formed'));
}

/**
 * The request pipeline's text guard, once for every route before validation: no string of the input — path
 * parameters, query, JSON or text body, file names, the headers kept as data — may hold a NUL character
 * (PostgreSQL refuses it in text and jsonb) or an unpaired UTF-16 surrogate (it has no UTF-8 form). One walk
 * here covers every schema, every content-type parser and every route to come; the contracts' `Str()` states
 * the same rule for the web app's forms.
 */
export function registerInputTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => check(request));
}
