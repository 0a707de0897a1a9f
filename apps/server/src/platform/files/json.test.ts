import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJsonText, parseJsonText } from './json';

const depthOf = (v: unknown): number =>
  typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0;

describe('checkJsonText', () => {
  it('measures the nesting of any JSON exactly, whatever its strings hold', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        const depth = depthOf(v);
        expect(() => checkJsonText(text, { maxDepth: depth, maxValues: 1e9 })).not.toThrow();
        if (depth > 0) expect(() => checkJsonText(text, { maxDepth: depth - 1, maxValues: 1e9 })).toThrow(/nested more than/);
      }),
    );
  });

  it('does not count brackets, commas or escaped quotes inside strings', () => {
    const text = JSON.stringify({ a: '[[[{{{,,,:::\\"]]]', b: ['"[', '\\'] });
    expect(() => checkJsonText(text, { maxDepth: 2, maxValues: 7 })).not.toThrow();
    expect(() => checkJsonText(text, { maxDepth: 2, maxValues: 6 })).toThrow(/more than 6 values/);
  });

  it('leaves syntax to JSON.parse, answered as a 400 without the text', () => {
    expect(() => parseJsonText('{"secret": ')).toThrow(
      expect.objectContaining({ status: 400, message: 'The body is not valid JSON.' }),
    );
  });
});
