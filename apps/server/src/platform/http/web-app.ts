import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error';
import { sendProblem } from '../errors/handler';

/** Vite names every file under assets/ by its content hash: a browser may keep it for a year without asking again. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, icons, robots.txt) is revalidated on each visit, so a new release shows at once. */
const REVALIDATE = 'no-cache';

interface Page {
  plain: Buffer;
  br: Buffer;
  gzip: Buffer;
}

const page = (html: string): Page => {
  const plain = Buffer.from(html);
  return { plain, br: brotliCompressSync(plain), gzip: gzipSync(plain, { level: 9 }) };
};

/** The encoding to answer with: brotli when the browser takes it, else gzip, else none (q=0 counts as refused). */
export function pickEncoding(header: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Set(
    (header ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^\s*q\s*=\s*0(\.0*)?\s*$/.test(q))
      .map(([name]) => name!.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

function sendPage(request: FastifyRequest, reply: FastifyReply, p: Page) {
  const encoding = pickEncoding(request.headers['accept-encoding']);
  reply.type('text/html; charset=utf-8').header('cache-control', REVALIDATE).header('vary', 'accept-encoding');
  if (encoding) reply.header('content-encoding', encoding);
  return reply.send(encoding ? p[encoding] : p.plain);
}

/**
 * Serves the built SPA. Files come precompressed from the build (`.br`, `.gz` beside each, see
 * apps/web/scripts/compress.mjs) and are sent in the best encoding the browser accepts; hashed assets are cached
 * for a year, the rest revalidated. Any GET outside /api that is not a file gets index.html (client-side routes).
 * Everything else that matches no route is a problem+json 404. The one not-found handler is set here.
 */
export async function serveWebApp(app: FastifyInstance, dist: string): Promise<void> {
  const index = `${dist}/index.html`;
  const html = existsSync(index) ? page(readFileSync(index, 'utf8')) : undefined;
  if (html)
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', /[\\/]assets[\\/]/.test(path.slice(dist.length)) ? IMMUTABLE : REVALIDATE);
      },
    });
  else app.log.warn({ dist }, 'web app not built: run `npm run build`');
  app.setNotFoundHandler((request, reply) => {
    if (html && request.method === 'GET' && !request.url.startsWith('/api/')) return sendPage(request, reply, html);
    return sendProblem(reply, new AppError('not-found', `No route for ${request.method} ${request.url.split('?')[0]}.`));
  });
}
