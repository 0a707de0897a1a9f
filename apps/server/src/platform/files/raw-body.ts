import { fieldError, invalid } from '../errors/app-error';

/**
 * The request body of a route whose body is the file itself (`parseAs: 'buffer'` for the types it consumes). A
 * request with no body, or one of another type that a parser of the app read as JSON or text, reaches the handler
 * with something else: a 400 naming the body, not a 500 when the service reads it as bytes.
 */
export function rawBody(body: unknown): Buffer {
  if (!Buffer.isBuffer(body)) throw invalid([fieldError('body', 'validation.required')]);
  return body;
}
