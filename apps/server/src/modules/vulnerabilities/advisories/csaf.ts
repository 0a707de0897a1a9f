import type { AdvisoryDocument } from '@mamori/contracts';
import type { DocumentTest, ValidationResult } from '@secvisogram/csaf-validator-lib/lib/validate.js';
import { includesFix, sortVersions } from '../../../platform/versions/compare';
import { VERSION } from '../../../version';
import { type CsafLang, csafTexts, type CsafTexts } from './csaf-texts';

export interface Publisher {
  name: string;
  /** the publisher's namespace (MAMORI_PUBLIC_URL) */
  namespace: string;
}

type Ids = string[];
interface Status {
  known_affected: Ids;
  known_not_affected: Ids;
  fixed: Ids;
  under_investigation: Ids;
}

/**
 * The tracking id of the document in a language. A translation gets its own (CSAF 2.0 conformance clause 9,
 * CSAF translator: never the original's id; the original's id with the language added is allowed).
 */
export const csafTrackingId = (doc: AdvisoryDocument, lang: CsafLang = 'en') =>
  lang === 'en' ? doc.trackingId : `${doc.trackingId}-${lang.toUpperCase()}`;
/** CSAF 5.1: the file name is the tracking id, lower-cased, anything but + - a-z 0-9 as '_'. */
export const csafFileName = (trackingId: string) => `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_')}.json`;
/** `<year of the initial release>/<file name>`: the path under /.well-known/csaf/white/ (CSAF 7.1.11, one folder per year). */
export const csafPath = (doc: AdvisoryDocument, lang: CsafLang = 'en') =>
  `${doc.initialReleaseDate.slice(0, 4)}/${csafFileName(csafTrackingId(doc, lang))}`;

/**
 * A product's own release versions follow no package ecosystem: the generic rules of platform/versions
 * (SemVer-like, `2.0.0-rc1` < `2.0.0` < `2.0.1`, `1.9` < `1.10`).
 */
const PRODUCT_VERSIONS = 'generic';

/** Product tree and per-id status: one product_version leaf per known release (and the fixed version). */
function productsOf(doc: AdvisoryDocument, vendor: string, t: CsafTexts) {
  const status: Status = { known_affected: [], known_not_affected: [], fixed: [], under_investigation: [] };
  const remediations: Record<string, unknown>[] = [];
  const flags: Record<string, unknown>[] = [];
  const branches = doc.products.map((p) => {
    const versions = sortVersions(
      PRODUCT_VERSIONS,
      new Set([...p.versions, ...(p.status === 'affected' && p.fixedVersion ? [p.fixedVersion] : [])]),
    );
    const name = t.productName(p);
    const leaf = (v: string | null) => ({ name: v ? `${name} ${v}` : name, product_id: v ? `${p.code}:${v}` : p.code });
    const ids = versions.length ? versions.map((v) => leaf(v).product_id) : [leaf(null).product_id];
    const affected: string[] = [];
    if (p.status === 'affected') {
      versions.forEach((v, i) =>
        (p.fixedVersion && includesFix(PRODUCT_VERSIONS, v, p.fixedVersion) ? status.fixed : affected).push(ids[i]!),
      );
      if (!versions.length) affected.push(...ids);
      status.known_affected.push(...affected);
      if (affected.length)
        remediations.push(
          p.fixedVersion
            ? {
                category: 'vendor_fix',
                details: p.remediation ?? t.updateTo(p.fixedVersion),
                product_ids: affected,
              }
            : p.remediation
              ? { category: 'mitigation', details: p.remediation, product_ids: affected }
              : { category: 'none_available', details: t.noFix, product_ids: affected },
        );
    } else if (p.status === 'not_affected') {
      status.known_not_affected.push(...ids);
      if (p.justification) flags.push({ label: p.justification, product_ids: ids });
    } else status[p.status === 'fixed' ? 'fixed' : 'under_investigation'].push(...ids);
    const product = versions.length
      ? { branches: versions.map((v) => ({ category: 'product_version', name: v, product: leaf(v) })) }
      : { product: leaf(null) };
    return { category: 'product_name', name, ...product };
  });
  return { tree: { branches: [{ category: 'vendor', name: vendor, branches }] }, status, remediations, flags };
}

const nonEmpty = (s: Status) => Object.fromEntries(Object.entries(s).filter(([, ids]) => (ids as Ids).length));

export type CsafProfile = 'csaf_security_advisory' | 'csaf_vex';

/** The references: the original names itself and its translation; the translation names the original first (clause 9). */
function referencesOf(doc: AdvisoryDocument, base: string, lang: CsafLang) {
  const t = csafTexts[lang];
  const url = (l: CsafLang) => `${base}/.well-known/csaf/white/${csafPath(doc, l)}`;
  const web = { category: 'self', summary: t.webPage, url: `${base}/advisories/${doc.trackingId}` };
  return lang === 'en'
    ? [
        { category: 'self', summary: t.selfCsaf, url: url('en') },
        web,
        { category: 'external', summary: t.translation, url: url('ja') },
      ]
    : [
        { category: 'external', summary: t.original, url: url('en') },
        { category: 'self', summary: t.selfCsaf, url: url(lang) },
        web,
      ];
}

/**
 * The advisory as a CSAF 2.0 document: profile `csaf_security_advisory`, or `csaf_vex` (the same facts
 * as a VEX statement: not-affected products carry their justification flag, affected ones an action).
 * `lang: 'ja'` is the Japanese translation of the English original: its own tracking id, `source_lang: en`,
 * publisher category `translator`, the original as its first reference; product ids and scores unchanged.
 */
export function buildCsaf(doc: AdvisoryDocument, publisher: Publisher, profile: CsafProfile, lang: CsafLang = 'en') {
  const t = csafTexts[lang];
  const { tree, status, remediations, flags } = productsOf(doc, publisher.name, t);
  const base = publisher.namespace.replace(/\/$/, '');
  const vulnerability: Record<string, unknown> = {
    ...(doc.cveId ? { cve: doc.cveId } : { ids: [{ system_name: publisher.name, text: doc.trackingId }] }),
    ...(doc.cwe ? { cwe: doc.cwe } : {}),
    title: t.title(doc),
    notes: [{ category: 'description', title: t.descriptionNote, text: t.summary(doc) }],
    product_status: nonEmpty(status),
    ...(doc.cvss31 && status.known_affected.length
      ? {
          scores: [
            {
              products: status.known_affected,
              cvss_v3: {
                version: '3.1',
                vectorString: doc.cvss31.vector,
                baseScore: doc.cvss31.score,
                baseSeverity: doc.cvss31.severity.toUpperCase(),
              },
            },
          ],
        }
      : {}),
    ...(remediations.length ? { remediations } : {}),
    ...(flags.length ? { flags } : {}),
  };
  return {
    document: {
      category: profile,
      csaf_version: '2.0',
      lang,
      ...(lang === 'en' ? {} : { source_lang: 'en' }),
      title: t.title(doc),
      publisher: { category: lang === 'en' ? 'vendor' : 'translator', name: publisher.name, namespace: base },
      distribution: { tlp: { label: 'WHITE', url: 'https://www.first.org/tlp/' } },
      notes: [{ category: 'summary', title: t.summaryNote, text: t.summary(doc) }],
      references: referencesOf(doc, base, lang),
      tracking: {
        id: csafTrackingId(doc, lang),
        status: 'final',
        version: String(doc.revision),
        initial_release_date: doc.initialReleaseDate,
        current_release_date: doc.currentReleaseDate,
        revision_history: doc.revisions.map((r) => ({ date: r.date, number: String(r.number), summary: t.revision(r) })),
        generator: { engine: { name: 'Mamori', version: VERSION } },
      },
    },
    product_tree: tree,
    vulnerabilities: [vulnerability],
  };
}

/**
 * The validator takes seconds to load (its tests compile JSON schemas with Ajv as they are imported): loaded on first
 * use, not at start. Only what Mamori runs is imported: the library's runner (lib/validate.js, which its
 * validateStrict.js wraps with a check that each test is one of its own) with the strict schema and the mandatory
 * tests. validateStrict.js imports the optional and informative tests too, to check against them: that tripled the
 * load (about 22 s instead of 6.5 on a busy 2-core machine), paid by every process that publishes, and twice by the
 * test suite's demo.
 */
let validator: Promise<(doc: unknown) => Promise<ValidationResult>> | undefined;
function loadValidator() {
  validator ??= (async () => {
    const [{ default: validate }, mandatory, { csaf_2_0_strict }] = await Promise.all([
      import('@secvisogram/csaf-validator-lib/lib/validate.js'),
      import('@secvisogram/csaf-validator-lib/mandatoryTests.js'),
      import('@secvisogram/csaf-validator-lib/schemaTests.js'),
    ]);
    const all: unknown[] = Object.values(mandatory);
    const tests = [csaf_2_0_strict, ...all.filter((t): t is DocumentTest => typeof t === 'function')];
    return (doc: unknown) => validate(tests, doc);
  })();
  return validator;
}

/** The strict CSAF 2.0 schema and every mandatory test (6.1.x) of the BSI validator. */
export async function validateCsaf(csaf: unknown) {
  const result = await (await loadValidator())(csaf);
  const errors = result.tests.flatMap((t) => t.errors.map((e) => ({ test: t.name, path: e.instancePath, message: e.message })));
  return { isValid: result.isValid, errors, testsRun: result.tests.map((t) => t.name) };
}
