import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, msg } from '../errors/app-error';
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
  // HEAD answers with GET's headers and no body (Fastify drops the body of a HEAD reply).
  return reply.send(encoding ? p[encoding] : p.plain);
}

/** The extensions of files (served, probed or missing), as opposed to the web app's pages. */
const FILE_EXTENSION =
  /\.(txt|json|asc|sig|sha\d*|md5|xml|html?|m?js|css|map|ico|png|jpe?g|gif|svg|webp|avif|woff2?|ttf|otf|pdf|zip|gz|tgz|bz2|xz|7z|rar|tar|env|ini|conf|cfg|bak|old|log|sql|db|php\d?|aspx?|jsp|cgi|pl|py|rb|sh|ya?ml|toml|webmanifest|csv|xlsx?|docx?|pptx?)$/i;
/**
 * Whether a request that matched no route is one of the web app's own pages (answered with index.html, for
 * client-side routing). Never: anything but GET/HEAD; the API; a dot-folder such as /.well-known (security.txt,
 * the CSAF provider — a crawler or CSAF aggregator must get a real 404, not HTML with 200); and any path whose
 * last segment names a file by a file extension (`/security.txt`, `/favicon.ico`, `….json.sha256`): a missing
 * file is a 404. Only known extensions count, so a page such as `/advisories/VDE-2023.001` (an imported
 * advisory's tracking id) stays a page.
 */
export function isWebAppPage(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const path = url.split(/[?#]/, 1)[0]!;
  if (path === '/api' || path.startsWith('/api/')) return false;
  if (/(^|\/)\./.test(path)) return false;
  return !FILE_EXTENSION.test(path.slice(path.lastIndexOf('/') + 1));
}

/**
 * Serves the built SPA. Files come precompressed from the build (`.br`, `.gz` beside each, see
 * apps/web/scripts/compress.mjs) and are sent in the best encoding the browser accepts; hashed assets are cached
 * for a year, the rest revalidated. The app's own pages (isWebAppPage) get index.html, to GET and HEAD alike.
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
    if (html && isWebAppPage(request.method, request.url)) return sendPage(request, reply, html);
    return sendProblem(reply, new AppError('not-found', msg('problem.no_route', { path: request.url.split('?')[0]! })));
  });
}
