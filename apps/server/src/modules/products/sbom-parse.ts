import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError, msg } from '../../platform/errors/app-error';
import { checkXmlText } from '../../platform/files/xml';

export interface ParsedComponent {
  name: string;
  version: string | null;
  purl: string | null;
  type: string | null;
  licences: string[];
}

export interface ParsedSbom {
  format: 'cyclonedx-json' | 'cyclonedx-xml' | 'spdx-json';
  specVersion: string;
  components: ParsedComponent[];
  warnings: string[];
  /** what the document holds instead of components, when it lists none (for the refusal's message) */
  instead?: 'vulnerabilities' | 'services';
}

export const MAX_COMPONENTS = 100_000;
const MAX_NESTING = 32;
const MAX_FIELD = 1000;
/** Components nest as <components><component>: two elements a level, plus the BOM's own. */
const XML_DEPTH = 2 * MAX_NESTING + 8;
/** Elements and attributes: about 20 a component in real files (cyclonedx-npm). */
const XML_NODES = 1_000_000;
const CYCLONEDX_VERSIONS = ['1.4', '1.5', '1.6'];

const bad = (detail: string) => new AppError('bad-request', detail);
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
/** A text value from JSON or XML (fast-xml-parser gives numbers for "1.0" unless told not to; it is told). */
const str = (v: unknown): string | null => {
  if (isObj(v) && '#text' in v) v = v['#text'];
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const s = String(v).trim();
  return s ? s.slice(0, MAX_FIELD) : null;
};

/** The npm tools put a package's scope only in the purl: take `@scope/name` from there when the name lacks it. */
function fullName(name: string, group: string | null, purl: string | null): string {
  if (group) return group.startsWith('@') ? `${group}/${name}` : `${group}:${name}`;
  const m = purl ? /^pkg:npm\/(%40[^/]+)\/([^@?#]+)/.exec(purl) : null;
  return m ? `${decodeURIComponent(m[1]!)}/${decodeURIComponent(m[2]!)}` : name;
}

class Collector {
  readonly components: ParsedComponent[] = [];
  readonly warnings: string[] = [];
  private skipped = 0;
  add(c: ParsedComponent | null, where: string) {
    if (!c) {
      if (++this.skipped <= 20) this.warnings.push(`${where}: skipped, it has no name`);
      return;
    }
    if (this.components.length >= MAX_COMPONENTS)
      throw new AppError('payload-too-large', msg('products.sbom_too_many', { max: MAX_COMPONENTS }));
    this.components.push(c);
  }
  done(): { components: ParsedComponent[]; warnings: string[] } {
    if (this.skipped > 20) this.warnings.push(`… and ${this.skipped - 20} more components without a name`);
    return { components: this.components, warnings: this.warnings };
  }
}

/** CycloneDX licences: [{license:{id|name}} | {expression}] in JSON; <licenses><license><id>… in XML. */
function cdxLicences(v: unknown): string[] {
  const out: string[] = [];
  const container = isObj(v) && !Array.isArray(v) && ('license' in v || 'expression' in v) ? v : null;
  const entries = container
    ? [...asArray(container.license), ...asArray(container.expression).map((e) => ({ expression: e }))]
    : asArray(v);
  for (const e of entries) {
    if (!isObj(e)) continue;
    const lic = isObj(e.license) ? e.license : e;
    const value = str(lic.id) ?? str(lic.name) ?? str(e.expression);
    if (value) out.push(value);
  }
  return out;
}

/** A CycloneDX document's vulnerabilities (a VEX) or services, named when it has no components. */
function insteadOf(vulnerabilities: unknown, services: unknown): Pick<ParsedSbom, 'instead'> {
  const present = (v: unknown) => (Array.isArray(v) ? v.length > 0 : isObj(v));
  if (present(vulnerabilities)) return { instead: 'vulnerabilities' };
  if (present(services)) return { instead: 'services' };
  return {};
}

function walkCycloneDx(list: unknown, col: Collector, depth: number, where: string) {
  if (depth > MAX_NESTING) throw bad(`Components are nested more than ${MAX_NESTING} levels deep.`);
  asArray(list).forEach((c, i) => {
    const at = `${where}[${i}]`;
    if (!isObj(c)) return col.add(null, at);
    const name = str(c.name);
    const purl = str(c.purl);
    col.add(
      name
        ? {
            name: fullName(name, str(c.group), purl),
            version: str(c.version),
            purl,
            type: str(c.type) ?? str(c['@_type']),
            licences: cdxLicences(c.licenses),
          }
        : null,
      at,
    );
    const nested = isObj(c.components) && 'component' in c.components ? c.components.component : c.components;
    if (nested) walkCycloneDx(nested, col, depth + 1, `${at}.components`);
  });
}

export function parseCycloneDxJson(doc: unknown): ParsedSbom {
  if (!isObj(doc) || doc.bomFormat !== 'CycloneDX') throw bad('The JSON is not a CycloneDX BOM (bomFormat must be "CycloneDX").');
  const specVersion = str(doc.specVersion);
  if (!specVersion || !CYCLONEDX_VERSIONS.includes(specVersion))
    throw bad(`CycloneDX specVersion ${specVersion ?? '(missing)'} is not supported; send 1.4, 1.5 or 1.6.`);
  if (doc.components !== undefined && !Array.isArray(doc.components)) throw bad('components must be an array.');
  const col = new Collector();
  walkCycloneDx(doc.components, col, 0, 'components');
  return { format: 'cyclonedx-json', specVersion, ...col.done(), ...insteadOf(doc.vulnerabilities, doc.services) };
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  maxNestedTags: XML_DEPTH,
  isArray: (tag) => ['component', 'license', 'expression'].includes(tag),
});

export function parseCycloneDxXml(text: string): ParsedSbom {
  checkXmlText(text, { maxDepth: XML_DEPTH, maxNodes: XML_NODES });
  // No DTDs: CycloneDX needs none, and refusing them rules out entity expansion ("billion laughs") and XXE.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw bad('XML with a DOCTYPE or entity declarations is not accepted.');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw bad(`The XML is malformed: ${valid.err.msg} (line ${valid.err.line}).`);
  let doc: unknown;
  try {
    doc = xmlParser.parse(text);
  } catch (e) {
    throw bad(`The XML could not be read: ${(e as Error).message.slice(0, 200)}`);
  }
  const bom = isObj(doc) ? doc.bom : undefined;
  const ns = isObj(bom) ? str(bom['@_xmlns']) : null;
  const m = ns ? /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d\.\d)$/.exec(ns) : null;
  if (!isObj(bom) || !m)
    throw bad('The XML is not a CycloneDX BOM (root <bom> in the http://cyclonedx.org/schema/bom/1.x namespace).');
  if (!CYCLONEDX_VERSIONS.includes(m[1]!)) throw bad(`CycloneDX ${m[1]} is not supported; send 1.4, 1.5 or 1.6.`);
  const col = new Collector();
  const list = isObj(bom.components) ? bom.components.component : undefined;
  walkCycloneDx(list, col, 0, 'components');
  return { format: 'cyclonedx-xml', specVersion: m[1]!, ...col.done(), ...insteadOf(bom.vulnerabilities, bom.services) };
}

const SPDX_NONE = new Set(['NOASSERTION', 'NONE']);

export function parseSpdxJson(doc: unknown): ParsedSbom {
  if (!isObj(doc) || typeof doc.spdxVersion !== 'string') throw bad('The JSON is not an SPDX document (spdxVersion missing).');
  if (doc.spdxVersion !== 'SPDX-2.3') throw bad(`${doc.spdxVersion.slice(0, 40)} is not supported; send SPDX-2.3 JSON.`);
  if (doc.packages !== undefined && !Array.isArray(doc.packages)) throw bad('packages must be an array.');
  const described = new Set(asArray(doc.documentDescribes).map(str));
  const col = new Collector();
  asArray(doc.packages).forEach((p, i) => {
    if (!isObj(p)) return col.add(null, `packages[${i}]`);
    if (described.has(str(p.SPDXID))) return; // the product itself, not one of its components
    const name = str(p.name);
    const purl = asArray(p.externalRefs)
      .filter(isObj)
      .find((r) => r.referenceType === 'purl');
    const lic = [str(p.licenseConcluded), str(p.licenseDeclared)].find((l) => l && !SPDX_NONE.has(l));
    col.add(
      name
        ? {
            name,
            version: str(p.versionInfo),
            purl: purl ? str(purl.referenceLocator) : null,
            type: str(p.primaryPackagePurpose)?.toLowerCase() ?? null,
            licences: lic ? [lic] : [],
          }
        : null,
      `packages[${i}]`,
    );
  });
  return { format: 'spdx-json', specVersion: '2.3', ...col.done() };
}

/** JSON bodies: CycloneDX or SPDX, told apart by their own marker fields. */
export function parseSbomJson(doc: unknown): ParsedSbom {
  if (isObj(doc) && 'spdxVersion' in doc) return parseSpdxJson(doc);
  if (isObj(doc) && 'bomFormat' in doc) return parseCycloneDxJson(doc);
  throw bad('The JSON is neither a CycloneDX BOM (bomFormat) nor an SPDX 2.3 document (spdxVersion).');
}
