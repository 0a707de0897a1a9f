import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Precondition } from '../records/version';

/**
 * ETag / If-Match on the main records (docs/security.md#integrity). The ETag is the row version, a strong tag
 * `"<version>"`: GET and PATCH of a route with `config.etag` answer it, and a PATCH that sends `If-Match` with a
 * stale tag answers 412 and changes nothing (the service checks it under the row lock, `loadForUpdate`).
 */

const TAG = String.raw`(?:W\/)?"[\x21\x23-\x7e]*"`;
const IF_MATCH = new RegExp(String.raw`^\s*(?:\*|${TAG}(?:\s*,\s*${TAG})*)\s*$`);

/** The request headers of a PATCH with a precondition: declared in its schema (validated, and in the OpenAPI). */
export const IfMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .max(1000)
    .regex(IF_MATCH, 'an entity tag as given in the ETag header ("3"), a list of them, or *')
    .optional()
    .meta({
      description:
        'The ETag the record had when you read it. If the record changed since, the change is refused with 412 ' +
        '(precondition-failed) and nothing is written. Without it the change applies to the current version.',
    }),
});

export const etagOf = (version: number) => `"${version}"`;

/** The versions the request's If-Match accepts; undefined when absent or `*`. Weak tags never match (RFC 9110 §13.1.1). */
export function ifMatch(request: FastifyRequest): Precondition {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const tags = header.match(new RegExp(TAG, 'g')) ?? [];
  return tags.filter((t) => /^"\d{1,10}"$/.test(t)).map((t) => Number(t.slice(1, -1)));
}

/**
 * Sets `ETag` from the answered record's `rowVersion` on every route that declares `config.etag` (or from its
 * `version` with `etag: 'version'`: a scoped setting, whose version counts its saves).
 */
export function registerETags(app: FastifyInstance): void {
  app.addHook('preSerialization', async (request, reply, payload: unknown) => {
    if (!request.routeOptions.config.etag || reply.statusCode >= 300) return payload;
    const field = request.routeOptions.config.etag === 'version' ? 'version' : 'rowVersion';
    const version = (payload as Record<string, unknown> | null)?.[field];
    if (typeof version === 'number') reply.header('etag', etagOf(version));
    return payload;
  });
}

const ETAG_HEADER = {
  etag: { type: 'string', description: 'The version of the record; send it back in If-Match to change it safely.' },
};

/** The OpenAPI transform: zod → JSON schema, plus the ETag response header on routes with `config.etag`. */
export const openApiTransform: typeof jsonSchemaTransform = (input) => {
  const out = jsonSchemaTransform(input);
  const config = (input.route as { config?: { etag?: boolean | 'version' } }).config;
  const response = (out.schema as { response?: Record<string, Record<string, unknown>> }).response;
  if (config?.etag && response)
    for (const code of ['200', '201']) if (response[code]) response[code] = { ...response[code], headers: ETAG_HEADER };
  return out;
};
