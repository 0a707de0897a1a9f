import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, msg } from '../../../platform/errors/app-error';
import type { ModuleDeps } from '../../../platform/http/module';
import { PUBLIC_READ_LIMIT } from '../advisories/advisory-routes';
import { csafProviderRoutes } from '../advisories/csaf-provider-routes';
import { psirtKey } from './pgp';

const DAY = 24 * 60 * 60 * 1000;

/** RFC 9116 recommends an Expires less than a year ahead; recomputed on each request, so the file never goes stale. */
export const SECURITY_TXT_DAYS = 180;

/**
 * The security.txt of RFC 9116, or null when MAMORI_PUBLIC_URL is not https: the RFC wants the file served over
 * https and its web URLs (Contact, Encryption, Policy, Canonical, CSAF) https, so none is published rather than
 * one naming http URLs. The configured contact is a mailto: or https: URI (config.ts).
 */
export function securityTxt(publicUrl: string, contact: string | undefined, now = new Date()): string | null {
  const base = publicUrl.replace(/\/$/, '');
  if (!base.startsWith('https://')) return null;
  const lines = [
    ...(contact ? [`Contact: ${contact}`] : []),
    `Contact: ${base}/security/report`,
    `Expires: ${new Date(now.getTime() + SECURITY_TXT_DAYS * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    `Encryption: ${base}/.well-known/psirt-pgp-key.asc`,
    `Policy: ${base}/security/report#policy`,
    'Preferred-Languages: ja, en',
    `Canonical: ${base}/.well-known/security.txt`,
    `CSAF: ${base}/.well-known/csaf/provider-metadata.json`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The routes outside /api: security.txt, the PSIRT's OpenPGP key and the CSAF provider (csaf-provider-routes.ts).
 * Only published advisories exist here. Register at the root: `app.register(psirtPublicRoutes(deps))`.
 */
export const psirtPublicRoutes = (deps: ModuleDeps): FastifyPluginAsyncZod =>
  async function psirtPublic(app) {
    const { config, database } = deps;
    const base = config.publicUrl.replace(/\/$/, '');
    const publicRoute = { access: { auth: 'public' as const }, rateLimit: PUBLIC_READ_LIMIT };
    const schema = { hide: true };

    app.get('/.well-known/security.txt', { config: publicRoute, schema }, async (_req, reply) => {
      const txt = securityTxt(base, config.psirt.contact);
      if (!txt) throw new AppError('not-found', msg('psirt.security_txt_https'));
      return reply.type('text/plain; charset=utf-8').send(txt);
    });

    app.get('/.well-known/psirt-pgp-key.asc', { config: publicRoute, schema }, async (_req, reply) =>
      reply.type('application/pgp-keys').send((await psirtKey(database.db, config)).publicArmored),
    );

    await app.register(csafProviderRoutes(deps));
  };
