import { badRequest } from './errors';

/**
 * The SCIM filter language (RFC 7644 §3.4.2.2), parsed by a small recursive-descent parser into a tree:
 *   FILTER = orExp;  orExp = andExp *("or" andExp);  andExp = unary *("and" unary)
 *   unary  = "not" "(" FILTER ")" / "(" FILTER ")" / attrPath "[" FILTER "]" / attrPath "pr" / attrPath op value
 * Anything else is refused with `invalidFilter`. Size and nesting are bounded, so no filter costs much to parse.
 */

export const COMPARE_OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];
export type Value = string | number | boolean | null;

/** `urn:…:User:manager.value` → uri `urn:…:User`, attr `manager`, sub `value` */
export interface AttrPath {
  uri?: string;
  attr: string;
  sub?: string;
}

export type Filter =
  | { kind: 'cmp'; path: AttrPath; op: CompareOp; value: Value }
  | { kind: 'pr'; path: AttrPath }
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'not'; filter: Filter }
  /** `emails[type eq "work"]`: the inner filter applies to each value of the multi-valued attribute */
  | { kind: 'valuePath'; path: AttrPath; filter: Filter };

export const MAX_FILTER_LENGTH = 2000;
const MAX_DEPTH = 16;
const MAX_NODES = 64;

type Token = { t: 'word'; v: string } | { t: 'str'; v: string } | { t: 'num'; v: number } | { t: '(' | ')' | '[' | ']' };

const WORD = /[A-Za-z0-9_:.$-]/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ATTR_NAME = /^[A-Za-z][A-Za-z0-9_$-]*$/;

const fail = (why: string) => badRequest('invalidFilter', `Invalid filter: ${why}`);

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      out.push({ t: c });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw fail('a string is not closed');
      try {
        out.push({ t: 'str', v: JSON.parse(text.slice(i, j + 1)) as string });
      } catch {
        throw fail('a string has an invalid escape');
      }
      i = j + 1;
    } else if (WORD.test(c)) {
      let j = i;
      while (j < text.length && WORD.test(text[j]!)) j++;
      const word = text.slice(i, j);
      out.push(NUMBER.test(word) ? { t: 'num', v: Number(word) } : { t: 'word', v: word });
      i = j;
    } else {
      throw fail(`unexpected character ${JSON.stringify(c)} at ${i + 1}`);
    }
  }
  return out;
}

/** Splits `urn:…:User:manager.value` or `name.givenName` into its parts; throws `make(why)` when it is not a path. */
export function parseAttrPath(word: string, make: (why: string) => Error = fail): AttrPath {
  let uri: string | undefined;
  let rest = word;
  if (/^urn:/i.test(word)) {
    const at = word.lastIndexOf(':');
    uri = word.slice(0, at);
    rest = word.slice(at + 1);
  }
  const parts = rest.split('.');
  if (parts.length > 2 || !parts.every((p) => ATTR_NAME.test(p))) throw make(`${JSON.stringify(word)} is not an attribute path`);
  return { ...(uri ? { uri } : {}), attr: parts[0]!, ...(parts[1] ? { sub: parts[1] } : {}) };
}

class Parser {
  private i = 0;
  private nodes = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Filter {
    const f = this.or(0);
    if (this.i < this.tokens.length) throw fail(`unexpected ${this.describe(this.tokens[this.i]!)}`);
    return f;
  }

  private describe(tok: Token): string {
    return 'v' in tok ? JSON.stringify(tok.v) : `"${tok.t}"`;
  }
  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private isWord(tok: Token | undefined, w: string): boolean {
    return tok?.t === 'word' && tok.v.toLowerCase() === w;
  }
  private expect(t: '(' | ')' | '[' | ']') {
    const tok = this.tokens[this.i++];
    if (tok?.t !== t) throw fail(`expected "${t}"${tok ? ` but found ${this.describe(tok)}` : ' at the end'}`);
  }
  private count(depth: number) {
    if (++this.nodes > MAX_NODES) throw fail(`more than ${MAX_NODES} terms`);
    if (depth > MAX_DEPTH) throw fail(`nested deeper than ${MAX_DEPTH}`);
  }

  private or(depth: number): Filter {
    let left = this.and(depth);
    while (this.isWord(this.peek(), 'or')) {
      this.i++;
      this.count(depth);
      left = { kind: 'or', left, right: this.and(depth) };
    }
    return left;
  }

  private and(depth: number): Filter {
    let left = this.unary(depth);
    while (this.isWord(this.peek(), 'and')) {
      this.i++;
      this.count(depth);
      left = { kind: 'and', left, right: this.unary(depth) };
    }
    return left;
  }

  private unary(depth: number): Filter {
    this.count(depth);
    const tok = this.tokens[this.i++];
    if (!tok) throw fail('it ends where an expression is expected');
    if (tok.t === '(') {
      const inner = this.or(depth + 1);
      this.expect(')');
      return inner;
    }
    if (tok.t === 'word' && tok.v.toLowerCase() === 'not' && this.peek()?.t === '(') {
      this.i++;
      const inner = this.or(depth + 1);
      this.expect(')');
      return { kind: 'not', filter: inner };
    }
    if (tok.t !== 'word') throw fail(`expected an attribute but found ${this.describe(tok)}`);
    const path = parseAttrPath(tok.v);
    const next = this.tokens[this.i++];
    if (!next) throw fail(`an operator is missing after ${tok.v}`);
    if (next.t === '[') {
      if (path.sub) throw fail(`${tok.v}[…]: a value filter applies to an attribute, not a sub-attribute`);
      const inner = this.or(depth + 1);
      this.expect(']');
      return { kind: 'valuePath', path, filter: inner };
    }
    if (next.t !== 'word') throw fail(`expected an operator after ${tok.v}`);
    const op = next.v.toLowerCase();
    if (op === 'pr') return { kind: 'pr', path };
    if (!(COMPARE_OPS as readonly string[]).includes(op)) throw fail(`unknown operator ${JSON.stringify(next.v)}`);
    const value = this.tokens[this.i++];
    if (!value) throw fail(`a value is missing after ${tok.v} ${next.v}`);
    return { kind: 'cmp', path, op: op as CompareOp, value: this.literal(value) };
  }

  private literal(tok: Token): Value {
    if (tok.t === 'str' || tok.t === 'num') return tok.v;
    if (tok.t === 'word') {
      const w = tok.v.toLowerCase();
      if (w === 'true') return true;
      if (w === 'false') return false;
      if (w === 'null') return null;
    }
    throw fail(`${this.describe(tok)} is not a value (a "string", a number, true, false or null)`);
  }
}

/** Parses a SCIM filter; a filter that does not follow the grammar is refused with `invalidFilter`. */
export function parseFilter(text: string): Filter {
  if (text.length > MAX_FILTER_LENGTH) throw fail(`longer than ${MAX_FILTER_LENGTH} characters`);
  const tokens = tokenize(text);
  if (!tokens.length) throw fail('it is empty');
  return new Parser(tokens).parse();
}

/**
 * A PATCH path (RFC 7644 §3.5.2): `attrPath`, or `attrPath[valFilter]` optionally followed by `.subAttr`
 * (`emails[type eq "work"].value`). A path that does not parse is refused with `invalidPath`.
 */
export interface PatchPath {
  path: AttrPath;
  filter?: Filter;
  /** the sub-attribute after `[…]` */
  subAfterFilter?: string;
}

export function parsePatchPath(text: string): PatchPath {
  const invalid = (why: string) => badRequest('invalidPath', `Invalid path: ${why}`);
  if (text.length > MAX_FILTER_LENGTH) throw invalid('too long');
  const open = text.indexOf('[');
  if (open < 0) return { path: parseAttrPath(text.trim(), invalid) };
  const close = text.lastIndexOf(']');
  if (close < open) throw invalid('"[" is not closed');
  const path = parseAttrPath(text.slice(0, open).trim(), invalid);
  if (path.sub) throw invalid('a value filter applies to an attribute, not a sub-attribute');
  const filter = parseFilter(text.slice(open + 1, close));
  const after = text.slice(close + 1).trim();
  if (after && !/^\.[A-Za-z][A-Za-z0-9_$-]*$/.test(after)) throw invalid(`unexpected ${JSON.stringify(after)} after "]"`);
  return { path, filter, ...(after ? { subAfterFilter: after.slice(1) } : {}) };
}
