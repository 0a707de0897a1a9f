import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from './app-error';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

export function sendProblem(reply: FastifyReply, err: AppError): FastifyReply {
  const body: ProblemBody = {
    type: `/problems/${err.code}`,
    title: err.title,
    status: err.status,
    detail: err.message,
    instance: reply.request.url.split('?')[0],
  };
  if (err.errors?.length) body.errors = err.errors;
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
  if (code === '23505') return new AppError('conflict', 'A record with the same unique value already exists.');
  if (code === '23503') return new AppError('conflict', 'The record is referenced by, or refers to, another record.');
  if (typeof code === 'string' && code.startsWith('22'))
    return new AppError('bad-request', 'A value is out of range or not valid for its kind.');
  return undefined;
}

function toAppError(err: FastifyError | Error): AppError | undefined {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const ctx = (err as FastifyError).validationContext ?? 'body';
    const errors = err.validation.flatMap((v) => {
      const at = [ctx, ...v.instancePath.split('/').filter(Boolean)].join('.');
      const unknownKeys = v.keyword === 'unrecognized_keys' ? ((v.params as { keys?: string[] }).keys ?? []) : [];
      if (unknownKeys.length) return unknownKeys.map((k) => ({ path: `${at}.${k}`, message: 'unknown field' }));
      return [{ path: at, message: v.message ?? 'invalid' }];
    });
    return new AppError('validation', 'Some fields are invalid.', errors);
  }
  const f = err as FastifyError;
  switch (f.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload-too-large', 'The request body is larger than this endpoint accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported-media-type', 'This endpoint does not accept that content type.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('bad-request', 'The body is not valid JSON.');
  }
  if (f.statusCode === 429) return new AppError('rate-limited', 'Too many requests; wait a moment and try again.');
  if (f instanceof SyntaxError && f.statusCode === 400) return new AppError('bad-request', 'The body is not valid JSON.');
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
    return sendProblem(reply, new AppError('internal', 'Something went wrong on our side. The error has been logged.'));
  });
}
