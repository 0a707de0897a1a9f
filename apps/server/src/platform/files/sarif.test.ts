import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { readJunit } from './junit';
import { readSarif, SARIF_LIMITS } from './sarif';

const log = (results: unknown[], driver: Record<string, unknown> = { name: 'fuzzer' }) =>
  JSON.stringify({
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver }, results }],
  });

const at = (uri: string, line: number) => [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: line } } }];

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('SARIF reader', () => {
  it('normalises results: rule, level to severity, message, location and a fingerprint', () => {
    const { tools, findings } = readSarif(
      log([
        { ruleId: 'CAN-001', level: 'error', message: { text: 'Crash on DLC 15' }, locations: at('can/rx.c', 42) },
        { ruleId: 'UDS-7', level: 'note', message: { text: 'Session left open' } },
      ]),
    );
    expect(tools).toEqual(['fuzzer']);
    expect(findings.map((f) => [f.ruleId, f.severity, f.uri, f.startLine])).toEqual([
      ['CAN-001', 'high', 'can/rx.c', 42],
      ['UDS-7', 'low', null, null],
    ]);
    expect(findings[0]!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it("takes a rule's security-severity score, its default level and its message strings", () => {
    const driver = {
      name: 'scanner',
      rules: [
        { id: 'R1', properties: { 'security-severity': '9.1' }, messageStrings: { m: { text: 'Hard-coded key' } } },
        { id: 'R2', defaultConfiguration: { level: 'error' } },
      ],
    };
    const { findings } = readSarif(
      log(
        [
          { ruleIndex: 0, message: { id: 'm' } },
          { ruleId: 'R2', message: { text: 'x' } },
          { rule: { id: 'R3' }, message: { text: 'y' } },
        ],
        driver,
      ),
    );
    expect(findings.map((f) => [f.ruleId, f.level, f.severity, f.message])).toEqual([
      ['R1', 'warning', 'critical', 'Hard-coded key'],
      ['R2', 'error', 'high', 'x'],
      ['R3', 'warning', 'medium', 'y'],
    ]);
  });

  it('the same rule at the same place has the same fingerprint in another log; partialFingerprints win over the place', () => {
    const a = readSarif(log([{ ruleId: 'R', message: { text: 'a' }, locations: at('x.c', 1) }])).findings[0]!;
    const b = readSarif(log([{ ruleId: 'R', message: { text: 'changed text' }, locations: at('x.c', 1) }])).findings[0]!;
    const moved = readSarif(log([{ ruleId: 'R', message: { text: 'a' }, locations: at('x.c', 2) }])).findings[0]!;
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(moved.fingerprint).not.toBe(a.fingerprint);
    const pf = (line: number) =>
      readSarif(log([{ ruleId: 'R', message: { text: 'a' }, locations: at('x.c', line), partialFingerprints: { hash: 'abc' } }]))
        .findings[0]!.fingerprint;
    expect(pf(1)).toBe(pf(99));
  });

  it('refuses a log that fails the schema, naming every failing JSON path', () => {
    const bad = JSON.stringify({
      version: '2.0.0',
      runs: [
        { tool: { driver: {} }, results: [] },
        {
          tool: { driver: { name: 't' } },
          results: [{ level: 'fatal', message: { text: 'm' }, ruleId: 'R' }, { ruleId: 'R' }, {}],
        },
      ],
    });
    const e = refusal(() => readSarif(bad));
    expect(e.status).toBe(400);
    expect(e.errors!.map((x) => x.path)).toEqual([
      'version',
      'runs[0].tool.driver.name',
      'runs[1].results[0].level',
      'runs[1].results[1].message.text',
      'runs[1].results[2].ruleId',
    ]);
    expect(e.errors!.every((x) => x.code?.startsWith('sarif.'))).toBe(true);
  });

  it('refuses text that is not JSON, not an object or without runs', () => {
    expect(refusal(() => readSarif('{"version":')).status).toBe(400);
    expect(refusal(() => readSarif('[]')).status).toBe(400);
    expect(refusal(() => readSarif('{"version":"2.1.0"}')).errors!.map((x) => x.path)).toEqual(['runs']);
  });

  it('refuses more results than the limit with 413 before reading them', () => {
    const results = Array.from({ length: 11 }, (_, i) => ({ ruleId: `R${i}`, message: { text: 'm' } }));
    expect(refusal(() => readSarif(log(results), { ...SARIF_LIMITS, maxResults: 10 })).status).toBe(413);
    expect(refusal(() => readSarif(log(results), { ...SARIF_LIMITS, maxBytes: 100 })).status).toBe(413);
  });

  it('never throws anything but a problem on mutated logs', () => {
    const base = log([{ ruleId: 'R', level: 'error', message: { text: 'm' }, locations: at('a', 1) }]);
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const junk = ['null', '1', '"x"', '[]', '{}', 'true', '[[[', '"\\u0000"'];
    for (let i = 0; i < 400; i++) {
      const at = rnd(base.length);
      const text = base.slice(0, at) + junk[rnd(junk.length)] + base.slice(at + rnd(8));
      try {
        readSarif(text);
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).status).toBeLessThan(500);
      }
    }
  });
});

describe('JUnit XML reader', () => {
  it('reads test cases and their outcomes from <testsuites> and nested suites', () => {
    const xml = `<?xml version="1.0"?>
<testsuites><testsuite name="CAN fuzz">
  <testcase classname="can.rx" name="dlc overflow" time="1.5"><failure message="ECU reset &amp; no response"/></testcase>
  <testcase classname="can.rx" name="valid frames"/>
  <testsuite name="inner"><testcase name="uds seed"><skipped/></testcase><testcase name="e"><error>boom</error></testcase></testsuite>
</testsuite></testsuites>`;
    expect(readJunit(xml).map((c) => [c.suite, c.name, c.outcome, c.message, c.time])).toEqual([
      ['CAN fuzz', 'dlc overflow', 'failed', 'ECU reset & no response', 1.5],
      ['CAN fuzz', 'valid frames', 'passed', null, null],
      ['inner', 'uds seed', 'skipped', null, null],
      ['inner', 'e', 'error', 'boom', null],
    ]);
  });

  it('refuses entity declarations (billion laughs, XXE) before parsing', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><testsuite><testcase name="&b;"/></testsuite>`;
    const e = refusal(() => readJunit(bomb));
    expect(e.status).toBe(400);
    expect(e.errors![0]!.code).toBe('junit.doctype');
    const xxe = `<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><testsuite><testcase name="&x;"/></testsuite>`;
    expect(refusal(() => readJunit(xxe)).errors![0]!.code).toBe('junit.doctype');
  });

  it('refuses malformed XML, a foreign root and a nameless test case, naming the field', () => {
    expect(refusal(() => readJunit('<testsuite><testcase name="a"></testsuite>')).errors![0]!.code).toBe('junit.malformed');
    expect(refusal(() => readJunit('<report/>')).errors![0]!.code).toBe('junit.root');
    expect(refusal(() => readJunit('<testsuite><testcase/></testsuite>')).errors![0]!.path).toBe(
      'testsuite[0].testcase[0].@name',
    );
  });
});
