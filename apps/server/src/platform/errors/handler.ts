import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { renderMessage, type MessageLanguage } from '@mamori/contracts';
import { AppError, msg, type FieldError } from './app-error';
import { zodIssueError } from './zod-messages';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  detailCode?: string;
  detailParams?: Record<string, unknown>;
  errors?: FieldError[];
}

/** The reader's language: the signed-in user's choice, else the first of Accept-Language we speak, else English. */
export function requestLanguage(request: FastifyRequest): MessageLanguage {
  const chosen = request.principal?.language;
  if (chosen) return chosen;
  for (const part of (request.headers['accept-language'] ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'ja' || tag === 'en') return tag;
  }
  return 'en';
}

export function sendProblem(reply: FastifyReply, err: AppError): FastifyReply {
  const lang = requestLanguage(reply.request);
  const body: ProblemBody = {
    type: `/problems/${err.code}`,
    title: err.title,
    status: err.status,
    detail: err.detailMessage ? renderMessage(lang, err.detailMessage) : err.message,
    instance: reply.request.url.split('?')[0],
  };
  if (err.detailMessage) {
    body.detailCode = err.detailMessage.code;
    if (err.detailMessage.params) body.detailParams = err.detailMessage.params;
  }
  if (err.errors?.length)
    body.errors = err.errors.map((e) =>
      e.code ? { ...e, message: renderMessage(lang, { code: e.code, params: e.params }) } : e,
    );
  if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
  return reply.code(err.status).type('application/problem+json').send(body);
}

/** The SQLSTATE of a PostgreSQL error (pg and PGlite set `code`; drizzle wraps it as `cause`). */
const sqlState = (err: unknown): unknown =>
  ((err as { cause?: unknown }).cause as { code?: unknown } | undefined)?.code ?? (err as { code?: unknown }).code;

/**
 * PostgreSQL errors that are the client's fault, told without SQL text. Class 22 (data exception: a value out
 * of range, not valid for its type, not encodable) comes from a value the request carried: input validation
 * should have refused it first, so it is logged, but it is a 400, not a 500.
 */
function fromDatabase(err: unknown): AppError | undefined {
  const code = sqlState(err);
  if (code === '23505') return new AppError('conflict', msg('problem.duplicate'));
  if (code === '23503') return new AppError('conflict', msg('problem.referenced'));
  if (typeof code === 'string' && code.startsWith('22')) return new AppError('bad-request', msg('problem.value_invalid'));
  return undefined;
}

function toAppError(err: FastifyError | Error): AppError | undefined {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const ctx = (err as FastifyError).validationContext ?? 'body';
    const errors = err.validation.flatMap((v) => {
      const at = [ctx, ...v.instancePath.split('/').filter(Boolean)].join('.');
      return zodIssueError(at, v.keyword, v.params as Record<string, unknown>, v.message);
    });
    return new AppError('validation', msg('problem.invalid_fields'), errors);
  }
  const f = err as FastifyError;
  switch (f.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload-too-large', msg('problem.body_too_large'));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported-media-type', msg('problem.media_type'));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('bad-request', msg('problem.bad_json'));
  }
  if (f.statusCode === 429) return new AppError('rate-limited', msg('problem.rate_limited'));
  if (f instanceof SyntaxError && f.statusCode === 400) return new AppError('bad-request', msg('problem.bad_json'));
  if (f.statusCode && f.statusCode >= 400 && f.statusCode < 500) return new AppError('bad-request', f.message);
  return fromDatabase(err);
}

/** The one place errors become HTTP: problem+json, no stack, no SQL. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(err);
    if (appError) {
      if (appError.status >= 500) request.log.error({ err }, 'request failed');
      else if (!(err instanceof AppError) && sqlState(err) !== undefined)
        request.log.warn({ err }, 'input refused by the database');
      return sendProblem(reply, appError);
    }
    if (isResponseSerializationError(err)) request.log.error({ err: err.cause }, 'response did not match its schema');
    else request.log.error({ err }, 'request failed');
    return sendProblem(reply, new AppError('internal', msg('problem.internal')));
  });
}
