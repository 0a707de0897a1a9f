import { createHash } from 'node:crypto';
import type { MessageCode, MessageParams } from '@mamori/contracts';
import { fieldError, invalid, msg, type FieldError } from '../errors/app-error';
import { parseJsonText } from './json';
import { mb, tooLarge } from './too-large';

/**
 * A SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format) read into normalised findings: the test
 * tools of product security (fuzzers, scanners, static analysers) and of systems assessments (issue #23) all
 * write it. Only the parts a finding needs are checked: `version`, `runs[].tool.driver.name`, and per result the
 * rule (`ruleId`, `rule.id` or `ruleIndex`), `level`, `message` and `locations`. Anything else is ignored.
 */
export interface SarifLimits {
  /** the text's size in bytes (UTF-8) */
  maxBytes: number;
  /** nesting of arrays and objects: SARIF's own nesting is about 12 deep, property bags add some */
  maxDepth: number;
  /** JSON values of any kind (see checkJsonText) */
  maxValues: number;
  /** results over all runs */
  maxResults: number;
}

/** 32 MB holds some 60,000 results of a typical scanner (about 500 bytes each). */
export const SARIF_LIMITS: SarifLimits = { maxBytes: 32 * 1024 * 1024, maxDepth: 64, maxValues: 4_000_000, maxResults: 100_000 };

export const SARIF_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type SarifSeverity = (typeof SARIF_SEVERITIES)[number];
export const SARIF_LEVELS = ['none', 'note', 'warning', 'error'] as const;
export type SarifLevel = (typeof SARIF_LEVELS)[number];

export interface SarifFinding {
  tool: string;
  ruleId: string;
  level: SarifLevel;
  severity: SarifSeverity;
  message: string;
  uri: string | null;
  startLine: number | null;
  startColumn: number | null;
  /** stable across runs: the tool's (partial) fingerprints if it gives them, else rule + location; a SHA-256 hex */
  fingerprint: string;
}

export interface SarifReport {
  tools: string[];
  findings: SarifFinding[];
}

/** level → severity; a rule's `security-severity` (a CVSS-like score that GitHub-style tools set) takes precedence. */
const LEVEL_SEVERITY: Record<SarifLevel, SarifSeverity> = { error: 'high', warning: 'medium', note: 'low', none: 'low' };

export function severityOfScore(score: number): SarifSeverity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_ERRORS = 20;
const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

class Problems {
  readonly list: FieldError[] = [];
  add(path: string, code: MessageCode, params?: MessageParams): void {
    if (this.list.length < MAX_ERRORS) this.list.push(fieldError(path, code, params));
  }
}

interface Rule {
  id: string | null;
  level: SarifLevel | null;
  score: number | null;
  messages: Obj | null;
}

function readRules(driver: Obj): Rule[] {
  if (!Array.isArray(driver.rules)) return [];
  return driver.rules.map((r): Rule => {
    if (!isObj(r)) return { id: null, level: null, score: null, messages: null };
    const config = isObj(r.defaultConfiguration) ? r.defaultConfiguration : {};
    const props = isObj(r.properties) ? r.properties : {};
    const raw = props['security-severity'];
    const score = typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : NaN;
    return {
      id: typeof r.id === 'string' ? r.id : null,
      level: SARIF_LEVELS.includes(config.level as SarifLevel) ? (config.level as SarifLevel) : null,
      score: Number.isFinite(score) && score >= 0 && score <= 10 ? score : null,
      messages: isObj(r.messageStrings) ? r.messageStrings : null,
    };
  });
}

function messageText(m: unknown, rule: Rule | undefined): string | null {
  if (!isObj(m)) return null;
  if (typeof m.text === 'string' && m.text.trim()) return m.text;
  if (typeof m.markdown === 'string' && m.markdown.trim()) return m.markdown;
  if (typeof m.id === 'string' && rule?.messages) {
    const s = rule.messages[m.id];
    if (isObj(s) && typeof s.text === 'string') return s.text;
  }
  return null;
}

const posInt = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : null);

function locationOf(locations: unknown, path: string, problems: Problems) {
  if (locations === undefined) return { uri: null, startLine: null, startColumn: null };
  if (!Array.isArray(locations)) {
    problems.add(`${path}.locations`, 'sarif.not_array');
    return { uri: null, startLine: null, startColumn: null };
  }
  const first: unknown = locations[0];
  if (first === undefined) return { uri: null, startLine: null, startColumn: null };
  if (!isObj(first)) {
    problems.add(`${path}.locations[0]`, 'sarif.not_object');
    return { uri: null, startLine: null, startColumn: null };
  }
  const phys = isObj(first.physicalLocation) ? first.physicalLocation : null;
  const art = phys && isObj(phys.artifactLocation) ? phys.artifactLocation : null;
  const region = phys && isObj(phys.region) ? phys.region : null;
  const logical = Array.isArray(first.logicalLocations) && isObj(first.logicalLocations[0]) ? first.logicalLocations[0] : null;
  let uri: string | null = art && typeof art.uri === 'string' ? art.uri : null;
  if (!uri && logical) {
    const name = logical.fullyQualifiedName ?? logical.name;
    uri = typeof name === 'string' ? name : null;
  }
  return { uri: uri ? cut(uri, 1000) : null, startLine: posInt(region?.startLine), startColumn: posInt(region?.startColumn) };
}

/** The tool's own fingerprints (full first, then partial), in key order; null when it gives none. */
function toolFingerprint(r: Obj): string | null {
  for (const field of ['fingerprints', 'partialFingerprints'] as const) {
    const f = r[field];
    if (!isObj(f)) continue;
    const parts = Object.keys(f)
      .sort()
      .filter((k) => typeof f[k] === 'string')
      .map((k) => `${k}=${f[k] as string}`);
    if (parts.length) return `${field}:${parts.join('|')}`;
  }
  return null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function readRun(run: unknown, i: number, problems: Problems, out: SarifFinding[], limits: SarifLimits): string | null {
  const path = `runs[${i}]`;
  if (!isObj(run)) return (problems.add(path, 'sarif.not_object'), null);
  const driver = isObj(run.tool) && isObj(run.tool.driver) ? run.tool.driver : null;
  if (!driver || typeof driver.name !== 'string' || !driver.name.trim()) {
    problems.add(`${path}.tool.driver.name`, 'sarif.required');
    return null;
  }
  const tool = cut(driver.name.trim(), 200);
  if (run.results === undefined || run.results === null) return tool;
  if (!Array.isArray(run.results)) return (problems.add(`${path}.results`, 'sarif.not_array'), tool);
  if (out.length + run.results.length > limits.maxResults)
    throw tooLarge(`The SARIF log holds more than ${limits.maxResults} results.`, `${path}.results`);
  const rules = readRules(driver);
  const byId = new Map(rules.filter((r) => r.id).map((r) => [r.id!, r]));
  run.results.forEach((r: unknown, j: number) => {
    const at = `${path}.results[${j}]`;
    if (!isObj(r)) return problems.add(at, 'sarif.not_object');
    const ruleObj = isObj(r.rule) ? r.rule : null;
    const index = posInt(
      typeof r.ruleIndex === 'number' ? r.ruleIndex + 1 : ruleObj?.index !== undefined ? Number(ruleObj.index) + 1 : null,
    );
    const ruleId =
      typeof r.ruleId === 'string' && r.ruleId.trim()
        ? r.ruleId.trim()
        : ruleObj && typeof ruleObj.id === 'string' && ruleObj.id.trim()
          ? ruleObj.id.trim()
          : index
            ? rules[index - 1]?.id
            : null;
    if (!ruleId) return problems.add(`${at}.ruleId`, 'sarif.required');
    const rule = (index ? rules[index - 1] : undefined) ?? byId.get(ruleId);
    if (r.level !== undefined && !SARIF_LEVELS.includes(r.level as SarifLevel))
      return problems.add(`${at}.level`, 'sarif.level', { allowed: SARIF_LEVELS.join(', ') });
    // SARIF §3.27.10: a result without a level takes its rule's default configuration, else "warning"
    const level = (r.level as SarifLevel | undefined) ?? rule?.level ?? 'warning';
    const message = messageText(r.message, rule);
    if (!message) return problems.add(`${at}.message.text`, 'sarif.required');
    const loc = locationOf(r.locations, at, problems);
    const own = toolFingerprint(r);
    const key = own ?? `location:${loc.uri ?? ''}:${loc.startLine ?? ''}:${loc.startColumn ?? ''}`;
    out.push({
      tool,
      ruleId: cut(ruleId, 200),
      level,
      severity: rule?.score != null ? severityOfScore(rule.score) : LEVEL_SEVERITY[level],
      message: cut(message, 2000),
      ...loc,
      fingerprint: sha256(`${tool}\u0000${ruleId}\u0000${key}`),
    });
  });
  return tool;
}

/**
 * Reads a SARIF 2.1.0 log from its text: size, nesting and value count are checked before the parse
 * (`checkJsonText`), the result count before any result is read. A log that fails the parts of the schema it
 * relies on is refused whole (400 naming each failing JSON path, the first 20); nothing is half-read.
 */
export function readSarif(text: string, limits: SarifLimits = SARIF_LIMITS): SarifReport {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) throw tooLarge(`The SARIF log is larger than ${mb(limits.maxBytes)}.`);
  const doc = parseJsonText(text, { maxDepth: limits.maxDepth, maxValues: limits.maxValues });
  return readSarifDocument(doc, limits);
}

export function readSarifDocument(doc: unknown, limits: SarifLimits = SARIF_LIMITS): SarifReport {
  const problems = new Problems();
  if (!isObj(doc)) throw invalid([fieldError('body', 'sarif.not_object')], msg('sarif.invalid'));
  if (doc.version !== '2.1.0') problems.add('version', 'sarif.version', { version: String(doc.version ?? '').slice(0, 20) });
  if (!Array.isArray(doc.runs)) problems.add('runs', 'sarif.not_array');
  const findings: SarifFinding[] = [];
  const tools: string[] = [];
  if (Array.isArray(doc.runs))
    doc.runs.forEach((run: unknown, i: number) => {
      const tool = readRun(run, i, problems, findings, limits);
      if (tool && !tools.includes(tool)) tools.push(tool);
    });
  if (problems.list.length) throw invalid(problems.list, msg('sarif.invalid'));
  return { tools, findings };
}
