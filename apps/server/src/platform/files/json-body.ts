import type { FastifyInstance } from 'fastify';
import { checkJsonText, type JsonLimits, JSON_LIMITS } from './json';

/**
 * Replaces Fastify's JSON body parser with the same parser (prototype-poisoning checks included) behind
 * `checkJsonText`: every JSON body, of any route, is refused for depth or number of values before it is parsed.
 */
export function registerJsonBodyParser(app: FastifyInstance, limits: JsonLimits = JSON_LIMITS): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    try {
      checkJsonText(body as string, limits);
    } catch (err) {
      done(err as Error, undefined);
      return;
    }
    parse(req, body as string, done);
  });
}
