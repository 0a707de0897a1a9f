import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config';
import type { Database } from '../../../db/client';
import { appendAudit } from '../../../platform/audit/record';
import { AppError } from '../../../platform/errors/app-error';
import { checkJsonText, JSON_LIMITS } from '../../../platform/files/json';
import type { Ctx } from '../../../platform/tx';
import { isObject, type Doc } from './document';
import { errorDocument, ScimError } from './errors';
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup } from './groups';
import { ifMatchVersions, listParams } from './resources';
import { RESOURCE_TYPES, SCHEMAS, SERVICE_PROVIDER_CONFIG } from './schema';
import { resolveToken } from './tokens';
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from './users';

export const SCIM_PREFIX = '/scim/v2';
const SCIM_TYPE = 'application/scim+json; charset=utf-8';

declare module 'fastify' {
  interface FastifyRequest {
    scimCtx: Ctx;
  }
}

/** Fastify and platform failures told as SCIM errors (RFC 7644 §3.12). */
function toScimError(err: FastifyError | Error): ScimError | undefined {
  if (err instanceof ScimError) return err;
  if (err instanceof AppError) {
    const detail = [err.message, ...(err.errors ?? []).map((e) => `${e.path}: ${e.message}`)].join(' ');
    return new ScimError(err.status, detail, err.status === 400 ? 'invalidValue' : undefined);
  }
  const f = err as FastifyError;
  if (f.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new ScimError(413, 'The request body is too large');
  if (f.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new ScimError(415, 'Send application/scim+json');
  if (f.statusCode === 429) return new ScimError(429, 'Too many requests');
  if (f.code?.startsWith('FST_ERR_CTP') || f instanceof SyntaxError || f.statusCode === 400)
    return new ScimError(400, 'The body is not valid JSON', 'invalidSyntax');
  return undefined;
}

function sendResource(reply: FastifyReply, status: number, doc: Doc) {
  const version = (doc.meta as { version?: string; location?: string } | undefined)?.version;
  if (version) reply.header('etag', version);
  if (status === 201) reply.header('location', (doc.meta as { location: string }).location);
  return reply.code(status).type(SCIM_TYPE).send(doc);
}

const body = (req: FastifyRequest): Doc => {
  if (!isObject(req.body)) throw new ScimError(400, 'The body must be a JSON object', 'invalidSyntax');
  return req.body;
};

/**
 * The SCIM 2.0 service provider (RFC 7643 / 7644) at /scim/v2: identity providers (Entra ID, Okta…) create,
 * update and deactivate accounts and groups. Authenticated by a SCIM token (Settings → Identity → SCIM), counted
 * by the shared rate limit, every change audited with the token's name as actor.
 */
export const scimRoutes = (config: Config, database: Database) =>
  async function scim(app: FastifyInstance) {
    const db = database.db;
    const parse = app.getDefaultJsonParser('error', 'error');
    app.addContentTypeParser('application/scim+json', { parseAs: 'string' }, (req, text, done) => {
      try {
        checkJsonText(text as string, JSON_LIMITS);
      } catch (err) {
        done(err as Error, undefined);
        return;
      }
      parse(req, text as string, done);
    });
    app.decorateRequest('scimCtx', null as never);

    app.setErrorHandler(async (err: FastifyError | Error, request, reply) => {
      const scimError = toScimError(err);
      if (!scimError) request.log.error({ err }, 'SCIM request failed');
      else if (scimError.status >= 500) request.log.error({ err }, 'SCIM request failed');
      const e = scimError ?? new ScimError(500, 'Internal error');
      if (e.status === 429) reply.header('retry-after', '60');
      // a refused request of a known client (bad filter, unknown attribute, conflict, stale version) is audited
      if (request.scimCtx && [400, 409, 412].includes(e.status))
        await appendAudit(db, request.scimCtx.actor, {
          action: 'scim.request-refused',
          targetType: 'scim_request',
          targetId: null,
          after: {
            method: request.method,
            url: request.url.slice(0, 500),
            status: e.status,
            scimType: e.scimType ?? null,
            detail: e.message.slice(0, 500),
          },
        }).catch((auditErr: unknown) => request.log.error({ err: auditErr }, 'could not audit a refused SCIM request'));
      return reply.code(e.status).type(SCIM_TYPE).send(errorDocument(e));
    });
    app.setNotFoundHandler((_req, reply) =>
      reply
        .code(404)
        .type(SCIM_TYPE)
        .send(errorDocument(new ScimError(404, 'No such endpoint'))),
    );

    app.addHook('onRequest', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      const token = match ? await resolveToken(db, match[1]!) : null;
      if (!token) {
        reply.header('www-authenticate', 'Bearer realm="mamori-scim"');
        throw new ScimError(401, 'A valid SCIM bearer token is required');
      }
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (['POST', 'PUT', 'PATCH'].includes(request.method) && type !== 'application/scim+json' && type !== 'application/json')
        throw new ScimError(415, 'Send the body as application/scim+json');
      request.scimCtx = {
        db,
        principal: null,
        actor: { userId: null, label: `scim:${token.name}`, requestId: request.id, ip: request.ip },
      };
    });

    // SCIM documents its own resources (/Schemas, /ResourceTypes): these routes stay out of the OpenAPI of /api
    const limited = { config: { rateLimit: { max: config.scimRateLimit, timeWindow: '1 minute' } }, schema: { hide: true } };
    const query = (req: FastifyRequest) => (req.query ?? {}) as Record<string, unknown>;

    app.get('/ServiceProviderConfig', limited, (_req, reply) => reply.type(SCIM_TYPE).send(SERVICE_PROVIDER_CONFIG));
    app.get('/ResourceTypes', limited, (_req, reply) =>
      reply.type(SCIM_TYPE).send({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: RESOURCE_TYPES.length,
        Resources: RESOURCE_TYPES,
      }),
    );
    app.get('/ResourceTypes/:id', limited, (req, reply) => {
      const found = RESOURCE_TYPES.find((r) => r.id === (req.params as { id: string }).id);
      if (!found) throw new ScimError(404, 'No such resource type');
      return reply.type(SCIM_TYPE).send(found);
    });
    app.get('/Schemas', limited, (_req, reply) =>
      reply.type(SCIM_TYPE).send({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: SCHEMAS.length,
        Resources: SCHEMAS,
      }),
    );
    app.get('/Schemas/:id', limited, (req, reply) => {
      const found = SCHEMAS.find((s) => s.id === (req.params as { id: string }).id);
      if (!found) throw new ScimError(404, 'No such schema');
      return reply.type(SCIM_TYPE).send(found);
    });

    const resources = [
      {
        path: '/Users',
        list: listUsers,
        get: getUser,
        create: createUser,
        replace: replaceUser,
        patch: patchUser,
        remove: deleteUser,
      },
      {
        path: '/Groups',
        list: listGroups,
        get: getGroup,
        create: createGroup,
        replace: replaceGroup,
        patch: patchGroup,
        remove: deleteGroup,
      },
    ];
    for (const r of resources) {
      const id = (req: FastifyRequest) => (req.params as { id: string }).id;
      app.get(r.path, limited, async (req, reply) => reply.type(SCIM_TYPE).send(await r.list(db, listParams(query(req)))));
      app.post(r.path, limited, async (req, reply) => sendResource(reply, 201, await r.create(req.scimCtx, body(req))));
      app.get(`${r.path}/:id`, limited, async (req, reply) => {
        const doc = await r.get(db, id(req), listParams(query(req)));
        const none = req.headers['if-none-match'];
        if (none && none === (doc.meta as { version: string }).version) return reply.code(304).send();
        return sendResource(reply, 200, doc);
      });
      app.put(`${r.path}/:id`, limited, async (req, reply) =>
        sendResource(reply, 200, await r.replace(req.scimCtx, id(req), body(req), ifMatchVersions(req.headers['if-match']))),
      );
      app.patch(`${r.path}/:id`, limited, async (req, reply) =>
        sendResource(reply, 200, await r.patch(req.scimCtx, id(req), req.body, ifMatchVersions(req.headers['if-match']))),
      );
      app.delete(`${r.path}/:id`, limited, async (req, reply) => {
        await r.remove(req.scimCtx, id(req), ifMatchVersions(req.headers['if-match']));
        return reply.code(204).send();
      });
    }
  };
