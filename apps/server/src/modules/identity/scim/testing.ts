import type { FastifyInstance } from 'fastify';

/** A SCIM client over real HTTP (fetch) against the app listening on a port, as an identity provider calls it. */
export async function scimClient(app: FastifyInstance, token: string) {
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${address}/scim/v2${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/scim+json',
        ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: (text ? JSON.parse(text) : null) as Record<string, unknown> & { Resources?: Record<string, unknown>[] },
    };
  };
  return {
    address,
    get: (path: string, headers?: Record<string, string>) => send('GET', path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => send('POST', path, body, headers),
    put: (path: string, body: unknown, headers?: Record<string, string>) => send('PUT', path, body, headers),
    patch: (path: string, body: unknown, headers?: Record<string, string>) => send('PATCH', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => send('DELETE', path, undefined, headers),
    withToken: (other: string) => scimClientAt(address, other),
  };
}

/** Another client on the same address (another token). */
function scimClientAt(address: string, token: string) {
  return {
    get: async (path: string) => {
      const res = await fetch(`${address}/scim/v2${path}`, { headers: { authorization: `Bearer ${token}` } });
      return {
        status: res.status,
        contentType: res.headers.get('content-type'),
        body: (await res.json()) as Record<string, unknown>,
      };
    },
  };
}

export const patchOp = (...Operations: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });
