import { createHash } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors/app-error';
import type { ModuleDeps } from '../../platform/http/module';
import { publisherOf } from './advisories';
import { PUBLIC_READ_LIMIT } from './advisory-routes';
import { psirtKey } from './pgp';
import { buildCsaf, csafPath } from './csaf';
import { advisories } from './tables';

const DAY = 24 * 60 * 60 * 1000;

/** RFC 9116. Expires is a year ahead, recomputed on each request, so the file never goes stale. */
export function securityTxt(publicUrl: string, contact: string | undefined, now = new Date()): string {
  const base = publicUrl.replace(/\/$/, '');
  const lines = [
    ...(contact ? [`Contact: ${contact}`] : []),
    `Contact: ${base}/security/report`,
    `Expires: ${new Date(now.getTime() + 365 * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    `Encryption: ${base}/.well-known/psirt-pgp-key.asc`,
    `Policy: ${base}/security/report#policy`,
    'Preferred-Languages: ja, en',
    `Canonical: ${base}/.well-known/security.txt`,
    `CSAF: ${base}/.well-known/csaf/provider-metadata.json`,
  ];
  return `${lines.join('\n')}\n`;
}

const sha512 = (text: string) => createHash('sha512').update(text).digest('hex');

/**
 * The routes outside /api: security.txt and the CSAF provider (metadata, ROLIE feed, documents with their
 * SHA-512 files). Only published advisories exist here. Register at the root: `app.register(psirtPublicRoutes(deps))`.
 */
export const psirtPublicRoutes = ({ config, database }: ModuleDeps): FastifyPluginAsyncZod =>
  async function psirtPublic(app) {
    const db = database.db;
    const publisher = publisherOf(config);
    const base = config.publicUrl.replace(/\/$/, '');
    const csafBase = `${base}/.well-known/csaf`;
    const feedUrl = `${csafBase}/feed-tlp-white.json`;
    const publicRoute = { access: { auth: 'public' as const }, rateLimit: PUBLIC_READ_LIMIT };
    const schema = { hide: true };

    app.get('/.well-known/security.txt', { config: publicRoute, schema }, async (_req, reply) =>
      reply.type('text/plain; charset=utf-8').send(securityTxt(base, config.psirt.contact)),
    );

    app.get('/.well-known/psirt-pgp-key.asc', { config: publicRoute, schema }, async (_req, reply) =>
      reply.type('application/pgp-keys').send((await psirtKey(db, config)).publicArmored),
    );

    app.get('/.well-known/csaf/provider-metadata.json', { config: publicRoute, schema }, async () => {
      const [last] = await db
        .select({ at: advisories.currentReleaseAt })
        .from(advisories)
        .orderBy(desc(advisories.currentReleaseAt))
        .limit(1);
      return {
        canonical_url: `${csafBase}/provider-metadata.json`,
        distributions: [{ rolie: { feeds: [{ summary: 'TLP:WHITE advisories', tlp_label: 'WHITE', url: feedUrl }] } }],
        last_updated: (last?.at ?? new Date(0)).toISOString(),
        list_on_CSAF_aggregators: true,
        metadata_version: '2.0',
        mirror_on_CSAF_aggregators: true,
        publisher: { category: 'vendor', name: publisher.name, namespace: base },
        role: 'csaf_provider',
      };
    });

    app.get('/.well-known/csaf/feed-tlp-white.json', { config: publicRoute, schema }, async () => {
      const rows = await db.select({ document: advisories.document }).from(advisories).orderBy(desc(advisories.currentReleaseAt));
      return {
        feed: {
          id: 'mamori-csaf-feed-tlp-white',
          title: `${publisher.name} CSAF feed (TLP:WHITE)`,
          link: [{ rel: 'self', href: feedUrl }],
          category: [{ scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' }],
          updated: rows[0]?.document.currentReleaseDate ?? new Date(0).toISOString(),
          entry: rows.map(({ document: d }) => {
            const url = `${csafBase}/white/${csafPath(d)}`;
            return {
              id: d.trackingId,
              title: d.titleEn,
              link: [
                { rel: 'self', href: url },
                { rel: 'hash', href: `${url}.sha512` },
              ],
              published: d.initialReleaseDate,
              updated: d.currentReleaseDate,
              summary: { content: d.summaryEn },
              content: { type: 'application/json', src: url },
              format: { schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json', version: '2.0' },
            };
          }),
        },
      };
    });

    const DocParams = z
      .object({ year: z.string().regex(/^\d{4}$/), file: z.string().regex(/^[a-z0-9+_-]{1,80}\.json(\.sha512)?$/) })
      .strict();
    app.get(
      '/.well-known/csaf/white/:year/:file',
      { config: publicRoute, schema: { ...schema, params: DocParams } },
      async (req, reply) => {
        const { year, file } = req.params;
        const name = file.replace(/\.json(\.sha512)?$/, '');
        const [row] = await db
          .select({ document: advisories.document })
          .from(advisories)
          .where(sql`lower(${advisories.trackingId}) = ${name}`);
        if (!row || csafPath(row.document) !== `${year}/${name}.json`) throw notFound('The CSAF document');
        // The hash is of these exact bytes: the document is serialised once, here.
        const text = JSON.stringify(buildCsaf(row.document, publisher, 'csaf_security_advisory'));
        if (file.endsWith('.sha512')) return reply.type('text/plain; charset=utf-8').send(`${sha512(text)}  ${name}.json\n`);
        return reply.type('application/json; charset=utf-8').send(text);
      },
    );
  };
