import { describe, expect, it } from 'vitest';
import { illFormedFields } from './input-text';

describe('the text guard walk', () => {
  it('names every bad string and key, like the validator names fields', () => {
    const input = {
      params: { id: 'ok' },
      querystring: { q: 'a\u0000' },
      body: { list: [{ name: 'x\ud800' }, { name: 'fine 💥' }], ['k\u0000']: 1 },
    };
    expect(illFormedFields(input).map((e) => e.path)).toEqual(['body.k\u0000', 'body.list.0.name', 'querystring.q']);
  });

  it('tells where in a text body (CSV, XML) the first bad character is', () => {
    const [error] = illFormedFields({ body: 'a,b\nc,d\ne,\u0000f\n' });
    expect(error).toMatchObject({ path: 'body', code: 'validation.text_ill_formed_at', params: { line: 3, column: 3 } });
    expect(error?.message).toContain('line 3, column 3');
  });

  it('walks a body nested a million deep without overflowing the stack', () => {
    let body: unknown = ['\u0000'];
    for (let i = 0; i < 1_000_000; i++) body = [body];
    const errors = illFormedFields({ body });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path.length).toBeLessThanOrEqual(201); // the path is cut, not echoed 2 MB long
  });

  it('leaves Buffers (binary uploads) alone', () => {
    expect(illFormedFields({ body: Buffer.from([0, 0xed, 0xa0, 0x80]) })).toEqual([]);
  });
});
