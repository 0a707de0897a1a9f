import { describe, expect, it } from 'vitest';
import { memoryGrowth } from '../../test/memory';
import { AppError } from '../errors/app-error';
import { readJunit } from './junit';
import { readSarif, SARIF_LIMITS } from './sarif';

/** Runs the reader; the status of its refusal, or 200. */
const status = (fn: () => unknown) =>
  memoryGrowth(async () => {
    try {
      fn();
      return 200;
    } catch (e) {
      if (e instanceof AppError) return e.status;
      throw e;
    }
  });

const result = (i: number) => ({
  ruleId: `FUZZ-${i % 50}`,
  level: 'warning',
  message: { text: `Unexpected reset after frame ${i} on the diagnostic interface` },
  locations: [{ physicalLocation: { artifactLocation: { uri: `src/can/handler${i % 300}.c` }, region: { startLine: i } } }],
  partialFingerprints: { primaryLocationLineHash: `${i.toString(16)}:1` },
});

describe('SARIF and JUnit readers: nesting, size and expansion are refused before memory fills', () => {
  it('refuses a log nested 2 million deep with a 400 within 100 MB', async () => {
    const deep = '{"version":"2.1.0","runs":' + '['.repeat(2_000_000) + ']'.repeat(2_000_000) + '}';
    const { result: code, growthMb } = await status(() => readSarif(deep));
    expect(code).toBe(400);
    expect(growthMb).toBeLessThan(100);
  });

  it('refuses millions of tiny values with a 413 within 100 MB', async () => {
    const bomb = '{"version":"2.1.0","runs":[' + '{},'.repeat(6_000_000) + '{}]}';
    const { result: code, growthMb } = await status(() => readSarif(bomb));
    expect(code).toBe(413);
    expect(growthMb).toBeLessThan(100);
  });

  it('refuses a text over the size cap with a 413 without parsing it', async () => {
    const big = ' '.repeat(SARIF_LIMITS.maxBytes + 1);
    const { result: code, growthMb } = await status(() => readSarif(big));
    expect(code).toBe(413);
    expect(growthMb).toBeLessThan(100);
  });

  it('reads an honest log of 20,000 results (about 6 MB) within 200 MB', async () => {
    const results = Array.from({ length: 20_000 }, (_, i) => result(i));
    const text = JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'can-fuzzer' } }, results }] });
    const { result: report, growthMb } = await memoryGrowth(async () => readSarif(text));
    expect(report.findings).toHaveLength(20_000);
    expect(growthMb).toBeLessThan(200);
  });

  it('refuses JUnit XML of millions of tiny elements (413) and nesting past the limit (400) within 100 MB', async () => {
    const many = `<testsuite>${'<a/>'.repeat(2_000_000)}</testsuite>`;
    expect((await status(() => readJunit(many))).result).toBe(413);
    const deep = `<testsuite>${'<a>'.repeat(500_000)}${'</a>'.repeat(500_000)}</testsuite>`;
    const { result: code, growthMb } = await status(() => readJunit(deep));
    expect(code).toBe(400);
    expect(growthMb).toBeLessThan(100);
  });

  it('refuses a billion-laughs JUnit report without expanding it', async () => {
    const defs = ['<!ENTITY a0 "lol">'];
    for (let i = 1; i < 10; i++) defs.push(`<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`);
    const xml = `<?xml version="1.0"?><!DOCTYPE t [${defs.join('')}]><testsuite><testcase name="&a9;"/></testsuite>`;
    const { result: code, growthMb } = await status(() => readJunit(xml));
    expect(code).toBe(400);
    expect(growthMb).toBeLessThan(50);
  });
});
