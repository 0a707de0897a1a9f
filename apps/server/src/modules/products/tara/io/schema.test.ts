import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TaraExchange } from '@mamori/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const file = fileURLToPath(new URL('../../../../../../../docs/tara-exchange.schema.json', import.meta.url));

/** The published JSON Schema of `mamori-tara/1` is generated from the contract; this keeps them equal. */
function exchangeSchema() {
  return {
    $id: 'https://mamori.example/schemas/mamori-tara-1.json',
    title: 'Mamori TARA exchange document (mamori-tara/1)',
    ...z.toJSONSchema(TaraExchange, { io: 'input', target: 'draft-2020-12' }),
  };
}

describe('docs/tara-exchange.schema.json', () => {
  it('is the schema of the contract (regenerate with UPDATE_SCHEMA=1)', () => {
    const schema = exchangeSchema();
    if (process.env.UPDATE_SCHEMA) writeFileSync(file, JSON.stringify(schema, null, 2) + '\n');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(schema);
  });
});
