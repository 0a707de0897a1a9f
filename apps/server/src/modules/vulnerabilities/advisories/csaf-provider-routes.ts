import { desc } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../platform/errors/app-error';
import type { ModuleDeps } from '../../../platform/http/module';
import { publisherOf } from './advisories';
import { PUBLIC_READ_LIMIT } from './advisory-routes';
import { feedFiles, fileByPath } from './advisory-files';
import { fingerprintOf } from './csaf-files';
import { csafTexts } from './csaf-texts';
import { psirtKey } from '../reporting/pgp';
import { advisories } from '../tables';

/**
 * The file-name parameters are any short segment: a name this provider does not publish (`….json.sha256`,
 * `….md5`, a year that is not one) is a 404 like on any static web server, never a 400.
 */
const DocParams = z.object({ year: z.string().max(16), file: z.string().max(200) }).strict();
const KeyParams = z.object({ file: z.string().max(200) }).strict();
const DOC_FILE = /^([a-z0-9+_-]{1,80})\.json(\.sha512|\.asc)?$/;

/**
 * The CSAF 2.0 provider under /.well-known/csaf: provider-metadata.json (with the signing key), the ROLIE
 * feed, and per published document its bytes, `.sha512` and `.asc` (detached OpenPGP signature) — all three
 * from what publishing stored, so hash and signature are over the exact bytes served.
 */
export const csafProviderRoutes = ({ config, database }: ModuleDeps): FastifyPluginAsyncZod =>
  async function csafProvider(app) {
    const db = database.db;
    const publisher = publisherOf(config);
    const base = config.publicUrl.replace(/\/$/, '');
    const csafBase = `${base}/.well-known/csaf`;
    const feedUrl = `${csafBase}/feed-tlp-white.json`;
    const publicRoute = { access: { auth: 'public' as const }, rateLimit: PUBLIC_READ_LIMIT };
    const schema = { hide: true };

    app.get('/.well-known/csaf/provider-metadata.json', { config: publicRoute, schema }, async () => {
      const [last] = await db
        .select({ at: advisories.currentReleaseAt })
        .from(advisories)
        .orderBy(desc(advisories.currentReleaseAt))
        .limit(1);
      const fingerprint = fingerprintOf(await psirtKey(db, config));
      return {
        canonical_url: `${csafBase}/provider-metadata.json`,
        distributions: [{ rolie: { feeds: [{ summary: 'TLP:WHITE advisories', tlp_label: 'WHITE', url: feedUrl }] } }],
        last_updated: (last?.at ?? new Date(0)).toISOString(),
        list_on_CSAF_aggregators: true,
        metadata_version: '2.0',
        mirror_on_CSAF_aggregators: true,
        public_openpgp_keys: [{ fingerprint, url: `${csafBase}/openpgp/${fingerprint}.asc` }],
        publisher: { category: 'vendor', name: publisher.name, namespace: base },
        role: 'csaf_provider',
      };
    });

    app.get(
      '/.well-known/csaf/openpgp/:file',
      { config: publicRoute, schema: { ...schema, params: KeyParams } },
      async (req, reply) => {
        const key = await psirtKey(db, config);
        if (req.params.file !== `${fingerprintOf(key)}.asc`) throw notFound('The OpenPGP key');
        return reply.type('application/pgp-keys').send(key.publicArmored);
      },
    );

    app.get('/.well-known/csaf/feed-tlp-white.json', { config: publicRoute, schema }, async () => {
      const rows = await feedFiles(db);
      return {
        feed: {
          id: 'mamori-csaf-feed-tlp-white',
          title: `${publisher.name} CSAF feed (TLP:WHITE)`,
          link: [{ rel: 'self', href: feedUrl }],
          category: [{ scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' }],
          updated: rows[0]?.document.currentReleaseDate ?? new Date(0).toISOString(),
          entry: rows.map(({ lang, trackingId, path, document: d }) => {
            const url = `${csafBase}/white/${path}`;
            const t = csafTexts[lang];
            return {
              id: trackingId,
              title: t.title(d),
              link: [
                { rel: 'self', href: url },
                { rel: 'hash', href: `${url}.sha512` },
                { rel: 'signature', href: `${url}.asc` },
              ],
              published: d.initialReleaseDate,
              updated: d.currentReleaseDate,
              summary: { content: t.summary(d) },
              content: { type: 'application/json', src: url },
              format: { schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json', version: '2.0' },
            };
          }),
        },
      };
    });

    app.get(
      '/.well-known/csaf/white/:year/:file',
      { config: publicRoute, schema: { ...schema, params: DocParams } },
      async (req, reply) => {
        const { year, file } = req.params;
        const m = DOC_FILE.exec(file);
        if (!/^\d{4}$/.test(year) || !m) throw notFound('The CSAF document');
        const name = m[1]!;
        const row = await fileByPath(db, `${year}/${name}.json`);
        if (file.endsWith('.sha512')) return reply.type('text/plain; charset=utf-8').send(`${row.sha512}  ${name}.json\n`);
        if (file.endsWith('.asc')) return reply.type('application/pgp-signature').send(row.signature);
        return reply.type('application/json; charset=utf-8').send(row.content);
      },
    );
  };
