export interface FieldError {
  path: string;
  message: string;
}

/** Stable codes: the `type` of the problem document is `/problems/<code>`. */
export type ErrorCode =
  | 'bad-request'
  | 'validation'
  | 'unauthenticated'
  | 'mfa-required'
  | 'mfa-enrollment-required'
  | 'csrf'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'precondition-failed'
  | 'unprocessable'
  | 'locked'
  | 'rate-limited'
  | 'setup-done'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  'bad-request': 400,
  validation: 400,
  unauthenticated: 401,
  'mfa-required': 401,
  'mfa-enrollment-required': 403,
  csrf: 403,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'setup-done': 409,
  'precondition-failed': 412,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  unprocessable: 422,
  locked: 423,
  'rate-limited': 429,
  internal: 500,
};

const TITLE: Record<ErrorCode, string> = {
  'bad-request': 'Bad request',
  validation: 'Invalid input',
  unauthenticated: 'Sign-in required',
  'mfa-required': 'Authentication code required',
  'mfa-enrollment-required': 'Two-factor authentication must be set up first',
  csrf: 'Missing or invalid CSRF token',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  conflict: 'Conflict',
  'setup-done': 'Setup already done',
  'precondition-failed': 'Changed by someone else',
  'payload-too-large': 'Request too large',
  'unsupported-media-type': 'Unsupported media type',
  unprocessable: 'Cannot process this request',
  locked: 'Account temporarily locked',
  'rate-limited': 'Too many requests',
  internal: 'Internal error',
};

/** An expected failure, mapped to a problem document once, in the error handler. */
export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? TITLE[code]);
    this.status = STATUS[code];
    this.title = TITLE[code];
  }
}

export const notFound = (what = 'The record') => new AppError('not-found', `${what} does not exist or is not yours to see.`);
export const forbidden = (detail?: string) => new AppError('forbidden', detail);
export const conflict = (detail: string, errors?: FieldError[]) => new AppError('conflict', detail, errors);
export const invalid = (errors: FieldError[], detail = 'Some fields are invalid.') => new AppError('validation', detail, errors);
export const unprocessable = (detail: string, errors?: FieldError[]) => new AppError('unprocessable', detail, errors);
