import { AppError, msg, fieldError } from '../errors/app-error';
import { tooLarge } from './too-large';

export interface JsonLimits {
  /** Arrays and objects inside one another (JSON.stringify, validators and walkers recurse once per level). */
  maxDepth: number;
  /**
   * Values of any kind, each one an object or a slot in memory once parsed; counted as the opening brackets plus
   * the separators (`,` `:`), which is about one per value or key and never fewer than the values.
   */
  maxValues: number;
}

/** What any JSON body may be: deep enough for CSAF product trees and nested SBOM components, no deeper. */
export const JSON_LIMITS: JsonLimits = { maxDepth: 128, maxValues: 1_000_000 };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * Checks a JSON text's nesting and number of values in one pass without recursion or allocation, before
 * anything parses it: outside strings, `[`/`{` open a level and `,`/`:` separate values. A deep document is
 * refused with 400 (a 4 MB text nested 2 million deep used to reach JSON.stringify and a 500); too many values
 * with 413 (`[{},{},…]` costs some 20 bytes of memory per byte of text). Syntax is left to JSON.parse.
 */
export function checkJsonText(text: string, limits: JsonLimits = JSON_LIMITS, path = 'body'): void {
  let depth = 0;
  let values = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // skip the string: to the next quote that is not escaped
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH) i++;
        else if (s === QUOTE) break;
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limits.maxDepth)
        throw new AppError('bad-request', msg('files.json_too_deep', { max: limits.maxDepth }), [
          fieldError(path, 'files.too_deep', { max: limits.maxDepth }),
        ]);
      values++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
    else if (c === COMMA || c === COLON) {
      if (++values > limits.maxValues) throw tooLarge(`The JSON holds more than ${limits.maxValues} values.`, path);
    }
  }
}

/** JSON.parse behind `checkJsonText`; a syntax error is a 400 that does not echo the text. */
export function parseJsonText(text: string, limits: JsonLimits = JSON_LIMITS, path = 'body'): unknown {
  checkJsonText(text, limits, path);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('bad-request', msg('files.json_invalid'), [fieldError(path, 'files.not_json')]);
  }
}
