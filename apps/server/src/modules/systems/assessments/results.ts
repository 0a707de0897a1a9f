import type { AssessmentFormat, CsvMapping, VulnSeverity } from '@mamori/contracts';
import { ASSESSMENT_CSV_REQUIRED, VULN_SEVERITIES } from '@mamori/contracts';
import { fieldError, invalid, msg, type FieldError } from '../../../platform/errors/app-error';
import { MAX_CSV_BYTES, MAX_PROBLEMS, parseMappedCsv } from '../../../platform/files/csv';
import { readOpenvas } from '../../../platform/files/openvas';
import { readSarif, severityOfScore } from '../../../platform/files/sarif';
import { tooLarge, mb } from '../../../platform/files/too-large';

/** One result of a run, whatever the format: the host (to find the system), the rule, the location, the rest. */
export interface RunResult {
  /** where in the file, for errors */
  at: string;
  hosts: string[];
  ruleId: string;
  title: string;
  severity: VulnSeverity;
  location: string;
  cves: string[];
  cwes: string[];
}

const CVE_G = /CVE-\d{4}-\d{4,}/gi;
const CWE_G = /CWE-\d{1,6}/gi;
const ids = (text: string, re: RegExp, max: number) =>
  [...new Set((text.match(re) ?? []).map((s) => s.toUpperCase()))].slice(0, max);
const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

const hostOfUri = (uri: string | null): string[] => {
  if (!uri) return [];
  try {
    const u = new URL(uri);
    return u.hostname ? [u.hostname] : [];
  } catch {
    return [];
  }
};

function fromSarif(text: string): RunResult[] {
  return readSarif(text).findings.map((f, i) => ({
    at: `results[${i}]`,
    hosts: hostOfUri(f.uri),
    ruleId: f.ruleId,
    title: f.message,
    severity: f.severity,
    location: cut([f.uri ?? '', f.startLine ?? ''].filter((x) => x !== '').join(':'), 1000),
    cves: ids(`${f.ruleId} ${f.message}`, CVE_G, 50),
    cwes: ids(`${f.ruleId} ${f.message}`, CWE_G, 20),
  }));
}

function fromOpenvas(text: string): RunResult[] {
  return readOpenvas(text).map((r, i) => ({
    at: `report.results.result[${i}]`,
    hosts: [r.host, ...(r.hostname ? [r.hostname] : [])],
    ruleId: r.oid,
    title: r.name,
    severity: r.severity,
    location: r.port,
    cves: r.cves,
    cwes: r.cwes,
  }));
}

/** A severity as exports write it: a word (ja or en) or a CVSS score. */
function severityOf(value: string): VulnSeverity | null {
  const v = value.trim().toLowerCase();
  if ((VULN_SEVERITIES as readonly string[]).includes(v)) return v as VulnSeverity;
  const words: Record<string, VulnSeverity> = {
    緊急: 'critical',
    重大: 'critical',
    高: 'high',
    中: 'medium',
    低: 'low',
    info: 'low',
  };
  if (words[v]) return words[v];
  const n = Number(v);
  return v !== '' && Number.isFinite(n) && n >= 0 && n <= 10 ? severityOfScore(n) : null;
}

async function fromCsv(text: string, mapping: CsvMapping | null): Promise<RunResult[]> {
  if (!mapping) throw invalid([fieldError('query.format', 'assessments.no_csv_mapping')], msg('assessments.no_csv_mapping'));
  if (Buffer.byteLength(text, 'utf8') > MAX_CSV_BYTES) throw tooLarge(`The file is larger than ${mb(MAX_CSV_BYTES)}.`);
  const rows = await parseMappedCsv(text, mapping, (field, column) =>
    fieldError('line 1', 'assessments.column_missing', { column, field }),
  );
  const errors: FieldError[] = [];
  const out: RunResult[] = [];
  for (const { line, values } of rows) {
    if (errors.length >= MAX_PROBLEMS) break;
    const at = `line ${line}`;
    const severity = severityOf(values.severity);
    for (const f of ASSESSMENT_CSV_REQUIRED)
      if (!values[f].trim()) errors.push(fieldError(at, 'assessments.cell_empty', { column: mapping[f] ?? f }));
    if (values.severity.trim() && !severity)
      errors.push(fieldError(at, 'assessments.severity_unknown', { value: values.severity.slice(0, 40) }));
    if (!severity || !values.system.trim() || !values.rule.trim()) continue;
    out.push({
      at,
      hosts: [values.system.trim()],
      ruleId: cut(values.rule.trim(), 200),
      title: cut(values.title.trim() || values.rule.trim(), 2000),
      severity,
      location: cut(values.location.trim(), 1000),
      cves: ids(`${values.cve} ${values.rule}`, CVE_G, 50),
      cwes: ids(values.cwe, CWE_G, 20),
    });
  }
  if (errors.length) throw invalid(errors, msg('assessments.rows_failed', { count: errors.length }));
  return out;
}

/** Reads a run's file in its format; a file that is not one is refused whole (400/413), before anything is written. */
export function readRun(format: AssessmentFormat, text: string, mapping: CsvMapping | null): Promise<RunResult[]> | RunResult[] {
  if (!text.trim()) throw invalid([fieldError('body', 'assessments.empty_file')], msg('assessments.empty_file'));
  if (format === 'sarif') return fromSarif(text);
  if (format === 'openvas') return fromOpenvas(text);
  return fromCsv(text, mapping);
}
