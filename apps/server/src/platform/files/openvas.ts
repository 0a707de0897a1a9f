import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fieldError, invalid, msg, type FieldError } from '../errors/app-error';
import { severityOfScore, type SarifSeverity } from './sarif';
import { checkXmlText, type XmlLimits } from './xml';
import { mb, tooLarge } from './too-large';

/**
 * An OpenVAS / Greenbone report XML (what `get_reports` answers and the web interface exports: `<report>` holding
 * `<report>` → `<results>` → `<result>`, each with its `<host>`, `<port>`, `<nvt oid>` with `<refs>` and a
 * `<severity>` score), read into normalised results. Results of threat Log, Debug or False Positive (severity ≤ 0)
 * are notes, not vulnerabilities, and are skipped. The text is checked for size, nesting and node count before it
 * is parsed, and a DOCTYPE or entity declaration is refused (no entity expansion, no external entity).
 */
export interface OpenvasLimits extends XmlLimits {
  maxBytes: number;
  maxResults: number;
}

export const OPENVAS_LIMITS: OpenvasLimits = {
  maxBytes: 48 * 1024 * 1024,
  maxDepth: 32,
  maxNodes: 2_000_000,
  maxResults: 100_000,
};

export interface OpenvasResult {
  host: string;
  hostname: string | null;
  /** `22/tcp`, `general/tcp`, … ('' when the report has none) */
  port: string;
  /** the NVT's OID (the scanner's rule) */
  oid: string;
  name: string;
  severity: SarifSeverity;
  score: number;
  cves: string[];
  cwes: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() || null;
  if (isObj(v) && typeof v['#text'] === 'string') return v['#text'].trim() || null;
  return null;
};
const attr = (o: Obj, name: string) => (typeof o[`@_${name}`] === 'string' ? (o[`@_${name}`] as string) : null);
const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  maxNestedTags: OPENVAS_LIMITS.maxDepth,
  isArray: (tag) => ['result', 'ref', 'report'].includes(tag),
});

const CVE = /^CVE-\d{4}-\d{4,}$/i;
const CWE = /^CWE-\d{1,6}$/i;

function refsOf(nvt: Obj): { cves: string[]; cwes: string[] } {
  const cves = new Set<string>();
  const cwes = new Set<string>();
  const refs = isObj(nvt.refs) ? list(nvt.refs.ref) : [];
  for (const r of refs) {
    if (!isObj(r)) continue;
    const type = attr(r, 'type')?.toLowerCase();
    const id = attr(r, 'id')?.trim() ?? '';
    if (type === 'cve' && CVE.test(id)) cves.add(id.toUpperCase());
    if (type === 'cwe' && CWE.test(id)) cwes.add(id.toUpperCase());
  }
  // older reports list CVEs in <cve>CVE-…, CVE-…</cve> (NOCVE when none)
  for (const c of (text(nvt.cve) ?? '').split(/[\s,]+/)) if (CVE.test(c)) cves.add(c.toUpperCase());
  return { cves: [...cves].slice(0, 50), cwes: [...cwes].slice(0, 20) };
}

/** The `<results>` of the report: `<report><report><results>` (export) or `<report><results>` (inner report). */
function resultsOf(doc: Obj): unknown[] | null {
  const outer = isObj(doc.get_reports_response) ? list(doc.get_reports_response.report) : list(doc.report);
  for (const r of outer) {
    if (!isObj(r)) continue;
    if (isObj(r.results)) return list(r.results.result);
    for (const inner of list(r.report)) if (isObj(inner) && isObj(inner.results)) return list(inner.results.result);
    if (r.results !== undefined || list(r.report).length) return [];
  }
  return null;
}

function readResult(r: unknown, at: string, errors: FieldError[]): OpenvasResult | null {
  if (!isObj(r)) return null;
  const hostNode = r.host;
  const host = text(hostNode);
  const hostname = isObj(hostNode) ? text(hostNode.hostname) : null;
  const nvt = isObj(r.nvt) ? r.nvt : null;
  const oid = nvt ? attr(nvt, 'oid')?.trim() : null;
  const score = Number(text(r.severity) ?? (nvt ? text(nvt.cvss_base) : null) ?? NaN);
  const threat = text(r.threat)?.toLowerCase() ?? '';
  const push = (path: string) => errors.length < 20 && errors.push(fieldError(`${at}.${path}`, 'openvas.required'));
  if (!host) push('host');
  if (!oid) push('nvt.@oid');
  if (!Number.isFinite(score)) push('severity');
  if (!host || !oid || !Number.isFinite(score)) return null;
  if (score <= 0 || ['log', 'debug', 'false positive'].includes(threat)) return null;
  const name = text(r.name) ?? (nvt ? text(nvt.name) : null) ?? oid;
  return {
    host: cut(host, 255),
    hostname: hostname ? cut(hostname, 255) : null,
    port: cut(text(r.port) ?? '', 100),
    oid: cut(oid, 200),
    name: cut(name, 500),
    severity: severityOfScore(score),
    score,
    ...refsOf(nvt!),
  };
}

/** The vulnerability results of an OpenVAS/Greenbone report XML; a text that is not one is refused (400). */
export function readOpenvas(xml: string, limits: OpenvasLimits = OPENVAS_LIMITS): OpenvasResult[] {
  if (Buffer.byteLength(xml, 'utf8') > limits.maxBytes)
    throw tooLarge(`The scanner report is larger than ${mb(limits.maxBytes)}.`);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw invalid([fieldError('body', 'openvas.doctype')], msg('openvas.invalid'));
  checkXmlText(xml, limits);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw invalid([fieldError('body', 'openvas.malformed', { line: valid.err.line })], msg('openvas.invalid'));
  const doc = parser.parse(xml) as unknown;
  const results = isObj(doc) ? resultsOf(doc) : null;
  if (!results) throw invalid([fieldError('body', 'openvas.root')], msg('openvas.invalid'));
  if (results.length > limits.maxResults)
    throw tooLarge(`The scanner report holds more than ${limits.maxResults} results.`, 'report.results');
  const errors: FieldError[] = [];
  const out: OpenvasResult[] = [];
  results.forEach((r, i) => {
    const read = readResult(r, `report.results.result[${i}]`, errors);
    if (read) out.push(read);
  });
  if (errors.length) throw invalid(errors, msg('openvas.invalid'));
  return out;
}
