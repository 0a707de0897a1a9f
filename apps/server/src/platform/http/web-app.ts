import { existsSync, readFileSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error';
import { sendProblem } from '../errors/handler';

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
 * Serves the built SPA: its files, and index.html for the app's own pages (GET and HEAD alike, HEAD without a
 * body). Everything else that matches no route is a problem+json 404. The one not-found handler is set here.
 */
export async function serveWebApp(app: FastifyInstance, dist: string): Promise<void> {
  const index = `${dist}/index.html`;
  const html = existsSync(index) ? readFileSync(index, 'utf8') : undefined;
  if (html) await app.register(fastifyStatic, { root: dist, wildcard: false, index: false });
  else app.log.warn({ dist }, 'web app not built: run `npm run build`');
  app.setNotFoundHandler((request, reply) => {
    if (html && isWebAppPage(request.method, request.url)) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    }
    return sendProblem(reply, new AppError('not-found', `No route for ${request.method} ${request.url.split('?')[0]}.`));
  });
}
