import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fieldError, invalid, msg } from '../errors/app-error';
import { checkXmlText, type XmlLimits } from './xml';
import { mb, tooLarge } from './too-large';

/**
 * JUnit XML (the report most test runners and fuzzing harnesses write: `<testsuites>` or `<testsuite>` holding
 * `<testcase>` elements with `<failure>`, `<error>` or `<skipped>`), read into test-case results. The text is
 * checked for size, nesting and node count before it is parsed, and a DOCTYPE or entity declaration is refused:
 * JUnit needs none, and refusing them rules out entity expansion and external entities.
 */
export interface JunitLimits extends XmlLimits {
  maxBytes: number;
  maxCases: number;
}

export const JUNIT_LIMITS: JunitLimits = { maxBytes: 16 * 1024 * 1024, maxDepth: 32, maxNodes: 1_000_000, maxCases: 50_000 };

export const JUNIT_OUTCOMES = ['passed', 'failed', 'error', 'skipped'] as const;
export type JunitOutcome = (typeof JUNIT_OUTCOMES)[number];

export interface JunitCase {
  suite: string | null;
  className: string | null;
  name: string;
  outcome: JunitOutcome;
  /** seconds, when the runner says */
  time: number | null;
  message: string | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const attr = (o: Obj, name: string) => (typeof o[`@_${name}`] === 'string' ? (o[`@_${name}`] as string) : null);
const cut = (s: string | null, n: number) => (s && s.length > n ? s.slice(0, n - 1) + '…' : s);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  maxNestedTags: JUNIT_LIMITS.maxDepth,
  isArray: (tag) => ['testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(tag),
});

function detail(v: unknown): string | null {
  const first = list(v)[0];
  if (typeof first === 'string') return first.trim() || null;
  if (!isObj(first)) return null;
  const m = attr(first, 'message') ?? (typeof first['#text'] === 'string' ? first['#text'].trim() : null);
  return cut(m || null, 2000);
}

function outcomeOf(c: Obj): { outcome: JunitOutcome; message: string | null } {
  if (c.failure !== undefined) return { outcome: 'failed', message: detail(c.failure) };
  if (c.error !== undefined) return { outcome: 'error', message: detail(c.error) };
  if (c.skipped !== undefined) return { outcome: 'skipped', message: detail(c.skipped) };
  return { outcome: 'passed', message: null };
}

function walkSuites(
  suites: unknown[],
  path: string,
  out: JunitCase[],
  limits: JunitLimits,
  errors: ReturnType<typeof fieldError>[],
) {
  suites.forEach((s, i) => {
    const at = `${path}[${i}]`;
    if (!isObj(s)) return; // an empty <testsuite/>
    const suite = cut(attr(s, 'name'), 300);
    list(s.testcase).forEach((item, j) => {
      const c = isObj(item) ? item : {}; // <testcase/> parses as ''
      const name = attr(c, 'name')?.trim();
      if (!name) {
        if (errors.length < 20) errors.push(fieldError(`${at}.testcase[${j}].@name`, 'junit.required'));
        return;
      }
      if (out.length >= limits.maxCases) throw tooLarge(`The JUnit report holds more than ${limits.maxCases} test cases.`);
      const time = Number(attr(c, 'time') ?? NaN);
      out.push({
        suite,
        className: cut(attr(c, 'classname'), 300),
        name: cut(name, 500)!,
        time: Number.isFinite(time) && time >= 0 ? time : null,
        ...outcomeOf(c),
      });
    });
    walkSuites(list(s.testsuite), `${at}.testsuite`, out, limits, errors);
  });
}

/** The test cases of a JUnit XML report; a text that is not one is refused (400) naming what is wrong. */
export function readJunit(text: string, limits: JunitLimits = JUNIT_LIMITS): JunitCase[] {
  if (Buffer.byteLength(text, 'utf8') > limits.maxBytes)
    throw tooLarge(`The JUnit report is larger than ${mb(limits.maxBytes)}.`);
  checkXmlText(text, limits);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw invalid([fieldError('body', 'junit.doctype')], msg('junit.invalid'));
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw invalid([fieldError('body', 'junit.malformed', { line: valid.err.line })], msg('junit.invalid'));
  const doc = parser.parse(text) as unknown;
  const root = isObj(doc) ? doc : {};
  const suites = isObj(root.testsuites)
    ? list(root.testsuites.testsuite)
    : root.testsuite !== undefined
      ? list(root.testsuite)
      : null;
  if (!suites) throw invalid([fieldError('body', 'junit.root')], msg('junit.invalid'));
  const out: JunitCase[] = [];
  const errors: ReturnType<typeof fieldError>[] = [];
  walkSuites(suites, isObj(root.testsuites) ? 'testsuites.testsuite' : 'testsuite', out, limits, errors);
  if (errors.length) throw invalid(errors, msg('junit.invalid'));
  return out;
}
