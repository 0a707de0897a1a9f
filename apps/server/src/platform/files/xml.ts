import { AppError, msg, fieldError } from '../errors/app-error';
import { tooLarge } from './too-large';

export interface XmlLimits {
  /** Elements inside one another. */
  maxDepth: number;
  /** Elements and attributes (each one an object or a property once parsed). */
  maxNodes: number;
}

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

/**
 * Checks an XML text's nesting and number of elements and attributes in one pass, before a parser builds a tree
 * of it (fast-xml-parser keeps every element of a 32 MB text as an object: `<a/>` × 8 million cost 1.2 GB, and
 * its validator kept a 4-million-deep tag stack at 300 MB). Comments, CDATA, processing instructions and
 * declarations are skipped; well-formedness is left to the parser. Deep: 400; too many nodes: 413.
 */
export function checkXmlText(text: string, limits: XmlLimits, path = 'body'): void {
  let depth = 0;
  let nodes = 0;
  const count = (n: number) => {
    nodes += n;
    if (nodes > limits.maxNodes) throw tooLarge(`The XML holds more than ${limits.maxNodes} elements and attributes.`, path);
  };
  for (let i = text.indexOf('<'); i >= 0 && i < text.length; i = text.indexOf('<', i)) {
    const next = text.charCodeAt(i + 1);
    if (next === BANG || next === QUESTION) {
      const end = text.startsWith('<!--', i) ? '-->' : text.startsWith('<![CDATA[', i) ? ']]>' : next === QUESTION ? '?>' : '>';
      const at = text.indexOf(end, i + 2);
      if (at < 0) return;
      i = at + end.length;
      continue;
    }
    if (next === SLASH) {
      depth--;
      i += 2;
      continue;
    }
    // an opening tag: to its '>', past quoted attribute values; each '=' is an attribute
    let j = i + 1;
    let attributes = 0;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === QUOTE || c === APOSTROPHE) {
        const close = text.indexOf(c === QUOTE ? '"' : "'", j + 1);
        if (close < 0) return;
        j = close;
      } else if (c === EQUALS) attributes++;
      else if (c === GT) break;
    }
    count(1 + attributes);
    if (depth + 1 > limits.maxDepth)
      throw new AppError('bad-request', msg('files.xml_too_deep', { max: limits.maxDepth }), [
        fieldError(path, 'files.too_deep', { max: limits.maxDepth }),
      ]);
    if (text.charCodeAt(j - 1) !== SLASH) depth++; // an empty element (<a/>) closes itself
    i = j + 1;
  }
}
