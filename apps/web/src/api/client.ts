import type { Problem } from '@mamori/contracts';
import { messageText } from '../i18n/messages';

type ProblemFieldError = NonNullable<Problem['errors']>[number];

/** A failed API call, carrying the RFC 9457 problem document the server sent (or one made up for network/parse failures). */
export class ApiError extends Error {
  readonly status: number;
  /** the problem code, e.g. `mfa-required` for `/problems/mfa-required` */
  readonly code: string;
  readonly type: string;
  private readonly problem: Problem;
  readonly errors: ProblemFieldError[];

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status;
    this.type = problem.type;
    this.code = problem.type.replace(/^.*\/problems\//, '');
    this.errors = problem.errors ?? [];
  }

  /** The detail in the reader's language when the server sent it as a catalogue code, else the server's text. */
  get detail(): string | undefined {
    return messageText(this.problem.detailCode, this.problem.detailParams) ?? this.problem.detail;
  }

  /** One field error's message in the reader's language (its code rendered), else the server's text. */
  static errorText(e: ProblemFieldError): string {
    return messageText(e.code, e.params) ?? e.message;
  }

  /** Field errors keyed by the field name, with the `body.` / `query.` prefix removed (`body.email` → `email`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) {
      const key = e.path.replace(/^(body|query|params)\.?/, '');
      out[key] ??= ApiError.errorText(e);
    }
    return out;
  }
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.type === 'string' && typeof v.title === 'string' && typeof v.status === 'number';
}

/** Turns a non-2xx response into an ApiError; tolerant of bodies that are not problem documents. */
export async function problemFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: fall through to a generic problem
  }
  if (isProblem(body)) {
    const errors = Array.isArray(body.errors)
      ? body.errors.filter(
          (e) =>
            typeof e?.path === 'string' &&
            typeof e?.message === 'string' &&
            (e.code === undefined || typeof e.code === 'string') &&
            (e.params === undefined || (typeof e.params === 'object' && e.params !== null)),
        )
      : undefined;
    const coded =
      typeof body.detailCode === 'string' && (body.detailParams === undefined || typeof body.detailParams === 'object');
    const detailCode = coded ? body.detailCode : undefined;
    return new ApiError({ ...body, status: body.status || response.status, errors, detailCode });
  }
  return new ApiError({
    type: `/problems/http-${response.status}`,
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
  });
}

let csrfToken = '';
/** Set from GET /api/me (and every response that returns Me); sent on every non-GET request. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | null | undefined>;
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  /** sent as JSON */
  json?: unknown;
  /** sent as-is with this content type (CSV imports; a file's bytes for XLSX imports) */
  text?: { body: string | Blob; contentType: string };
  /**
   * The record's `rowVersion` as the form loaded it: sent as `If-Match`, so a change made meanwhile by someone else
   * is refused (412 `precondition-failed`) instead of silently overwritten.
   */
  ifMatch?: number | undefined;
  signal?: AbortSignal;
  /** internal: the request is a retry after re-authentication (asked once per request) */
  reauthenticated?: boolean;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

type Listener = (error: ApiError) => void;
const listeners = new Set<Listener>();
/** Called for every ApiError (the app uses it for 401 → sign-in and MFA-enrolment redirects). */
export function onApiError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Step-up: a sensitive action answered 401 `reauth-required` asks the person to confirm who they are (the app
 * registers a dialog, loaded when first needed) and is sent once more when they did. Requests refused together share
 * one dialog.
 */
let reauthHandler: (() => Promise<boolean>) | undefined;
let reauthPending: Promise<boolean> | undefined;
export function setReauthHandler(handler: () => Promise<boolean>): void {
  reauthHandler = handler;
}
function askReauth(): Promise<boolean> {
  reauthPending ??= reauthHandler!()
    .catch(() => false)
    .finally(() => (reauthPending = undefined));
  return reauthPending;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | Blob | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.text) {
    headers['content-type'] = options.text.contentType;
    body = options.text.body;
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ type: '/problems/network', title: 'Network error', status: 0 });
  }
  if (!response.ok) {
    const error = await problemFrom(response);
    if (error.code === 'reauth-required' && reauthHandler && !options.reauthenticated && (await askReauth()))
      return api<T>(path, { ...options, reauthenticated: true });
    for (const l of listeners) l(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}
