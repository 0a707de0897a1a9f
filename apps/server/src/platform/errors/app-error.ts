import { renderMessage, type Message, type MessageCode, type MessageParams } from '@mamori/contracts';

/**
 * One failing field. `message` is English for API clients; `code` and `params` (contracts/messages.ts) let the
 * web app and the problem's `detail` say it in the reader's language. Build coded ones with `fieldError`.
 */
export interface FieldError {
  path: string;
  message: string;
  code?: MessageCode;
  params?: MessageParams;
}

/** A failing field whose message is a catalogue code (English text filled in for API clients). */
export const fieldError = (path: string, code: MessageCode, params?: MessageParams): FieldError => ({
  path,
  message: renderMessage('en', { code, params }),
  code,
  ...(params ? { params } : {}),
});

/** A message from the catalogue, for the `detail` of an AppError. */
export const msg = (code: MessageCode, params?: MessageParams): Message => (params ? { code, params } : { code });

/** Stable codes: the `type` of the problem document is `/problems/<code>`. */
export type ErrorCode =
  | 'bad-request'
  | 'validation'
  | 'unauthenticated'
  | 'mfa-required'
  | 'mfa-enrollment-required'
  | 'reauth-required'
  | 'csrf'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'precondition-failed'
  | 'unprocessable'
  | 'empty-sbom'
  | 'locked'
  | 'rate-limited'
  | 'not-ready'
  | 'setup-done'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  'bad-request': 400,
  validation: 400,
  unauthenticated: 401,
  'mfa-required': 401,
  'mfa-enrollment-required': 403,
  'reauth-required': 401,
  csrf: 403,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'setup-done': 409,
  'precondition-failed': 412,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  unprocessable: 422,
  'empty-sbom': 422,
  locked: 423,
  'rate-limited': 429,
  internal: 500,
  'not-ready': 503,
};

const TITLE: Record<ErrorCode, string> = {
  'bad-request': 'Bad request',
  validation: 'Invalid input',
  unauthenticated: 'Sign-in required',
  'mfa-required': 'Authentication code required',
  'mfa-enrollment-required': 'Two-factor authentication must be set up first',
  'reauth-required': 'Confirm it is you',
  csrf: 'Missing or invalid CSRF token',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  conflict: 'Conflict',
  'setup-done': 'Setup already done',
  'precondition-failed': 'Changed by someone else',
  'payload-too-large': 'Request too large',
  'unsupported-media-type': 'Unsupported media type',
  unprocessable: 'Cannot process this request',
  'empty-sbom': 'The document lists no components',
  locked: 'Account temporarily locked',
  'rate-limited': 'Too many requests',
  'not-ready': 'Not ready to serve',
  internal: 'Internal error',
};

/**
 * An expected failure, mapped to a problem document once, in the error handler. Its detail is a catalogue
 * message (`msg('problem.not_found')`), rendered in the reader's language; a plain string is English only and
 * is being replaced by codes (issue 18).
 */
export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  /** the detail as a catalogue message, when it has one */
  readonly detailMessage: Message | undefined;
  /** seconds the client should wait before trying again (sent as Retry-After), for 429 */
  retryAfterSeconds?: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string | Message,
    readonly errors?: FieldError[],
  ) {
    super(detail === undefined ? TITLE[code] : typeof detail === 'string' ? detail : renderMessage('en', detail));
    this.detailMessage = typeof detail === 'object' ? detail : undefined;
    this.status = STATUS[code];
    this.title = TITLE[code];
  }
}

/** 404 for a record that does not exist or is outside the reader's scope (the two are not told apart). */
export const notFound = (_what?: string) => new AppError('not-found', msg('problem.not_found'));
export const forbidden = (detail?: string | Message) => new AppError('forbidden', detail);
export const conflict = (detail: string | Message, errors?: FieldError[]) => new AppError('conflict', detail, errors);
export const invalid = (errors: FieldError[], detail: string | Message = msg('problem.invalid_fields')) =>
  new AppError('validation', detail, errors);
export const unprocessable = (detail: string | Message, errors?: FieldError[]) => new AppError('unprocessable', detail, errors);
export function rateLimited(retryAfterSeconds: number, detail: string | Message = msg('problem.rate_limited')): AppError {
  const err = new AppError('rate-limited', detail);
  err.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return err;
}
