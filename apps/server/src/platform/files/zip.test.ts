import { describe, expect, it } from 'vitest';
import { craftZip } from '../../test/zip';
import { readZip, writeStoredZip } from './zip';

describe('readZip', () => {
  it('reads what it wrote, and what a deflating writer wrote', () => {
    const entries = [
      { name: 'a.xml', data: Buffer.from('<a/>') },
      { name: 'b/ü.txt', data: Buffer.alloc(5000, 0x41) },
    ];
    for (const zip of [writeStoredZip(entries), craftZip(entries)])
      expect(readZip(zip, { maxEntries: 2, maxInflated: 5004 }).map((e) => [e.name, e.data.length])).toEqual([
        ['a.xml', 4],
        ['b/ü.txt', 5000],
      ]);
  });

  it('counts the inflated bytes, not the declared ones, and the entries', () => {
    const bomb = craftZip([{ name: 'x', data: Buffer.alloc(10_000_000), declaredSize: 10 }]);
    expect(() => readZip(bomb, { maxEntries: 10, maxInflated: 1_000_000 })).toThrow(expect.objectContaining({ status: 413 }));
    const many = craftZip(Array.from({ length: 11 }, (_, i) => ({ name: `${i}`, data: Buffer.from('x') })));
    expect(() => readZip(many, { maxEntries: 10, maxInflated: 100 })).toThrow(expect.objectContaining({ status: 413 }));
    expect(() =>
      readZip(Buffer.from('PK\u0003\u0004 not a zip at all, no directory'), { maxEntries: 1, maxInflated: 1 }),
    ).toThrow(expect.objectContaining({ status: 415 }));
  });
});
