// JSON input. JSON.parse is the fast path; this parser takes over where JSON.parse cannot answer as Kubernetes
// does: a stream of several JSON values (json.Decoder reads them one after another), integers a double would
// round (kept exact as `bigint` up to 64 bits, as k8s.io/apimachinery/pkg/util/json does), duplicate keys,
// nesting beyond the limit, and syntax errors, worded as Go's encoding/json words them.
import { hasOwn, noteBigInt, recordDuplicate, setOwn, type RawObject, type RawValue } from './raw-value';

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    /** Values completed before the error. */
    readonly completed: readonly JsonDocument[],
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export interface JsonDocument {
  readonly value: RawValue;
  /** Offset of the value's first character in the text. */
  readonly offset: number;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// encoding/json scanner.go quoteChar
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const code = c.charCodeAt(0);
  const escapes: Record<number, string> = {
    7: '\\a',
    8: '\\b',
    9: '\\t',
    10: '\\n',
    11: '\\v',
    12: '\\f',
    13: '\\r',
    92: '\\\\',
  };
  if (escapes[code] !== undefined) return `'${escapes[code]}'`;
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${c}'`;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

const UNEXPECTED_END = 'unexpected end of JSON input';

interface Frame {
  readonly container: RawObject | RawValue[];
  key: string | null;
}

/** Parses a stream of JSON values. Throws JsonSyntaxError. */
export function parseJsonStream(text: string, maxDepth: number, nestingMessage: string): JsonDocument[] {
  const documents: JsonDocument[] = [];
  const n = text.length;
  let i = 0;
  const fail = (message: string, at: number): never => {
    throw new JsonSyntaxError(message, at, documents);
  };
  const invalid = (context: string): never =>
    i >= n ? fail(UNEXPECTED_END, n) : fail(`invalid character ${quoteChar(text[i]!)} ${context}`, i);
  const skipSpace = () => {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
  };

  const readString = (): string => {
    const start = i++;
    let escaped = false;
    for (;;) {
      if (i >= n) fail(UNEXPECTED_END, n);
      const code = text.charCodeAt(i);
      if (code === 34 /* " */) break;
      if (code < 0x20) invalid('in string literal');
      if (code === 92 /* \ */) {
        escaped = true;
        i++;
        if (i >= n) fail(UNEXPECTED_END, n);
        const e = text[i]!;
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            i++;
            if (i >= n) fail(UNEXPECTED_END, n);
            if (!/[0-9a-fA-F]/.test(text[i]!)) invalid('in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(e)) {
          invalid('in string escape code');
        }
      }
      i++;
    }
    i++;
    return escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1);
  };

  const readNumber = (): number | bigint => {
    const start = i;
    if (text[i] === '-') i++;
    if (i >= n) fail(UNEXPECTED_END, n);
    if (text[i] === '0') i++;
    else if (text[i]! >= '1' && text[i]! <= '9') while (i < n && text[i]! >= '0' && text[i]! <= '9') i++;
    else invalid('in numeric literal');
    let integer = true;
    if (text[i] === '.') {
      integer = false;
      i++;
      if (i >= n) fail(UNEXPECTED_END, n);
      if (!(text[i]! >= '0' && text[i]! <= '9')) invalid('after decimal point in numeric literal');
      while (i < n && text[i]! >= '0' && text[i]! <= '9') i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      integer = false;
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (i >= n) fail(UNEXPECTED_END, n);
      if (!(text[i]! >= '0' && text[i]! <= '9')) invalid('in exponent of numeric literal');
      while (i < n && text[i]! >= '0' && text[i]! <= '9') i++;
    }
    const literal = text.slice(start, i);
    if (integer) {
      // util/json: an integer that fits int64 stays exact; anything else is a float64.
      const value = BigInt(literal);
      if (value >= -MAX_SAFE && value <= MAX_SAFE) return Number(value);
      if (value >= INT64_MIN && value <= INT64_MAX) {
        noteBigInt();
        return value;
      }
    }
    const value = Number(literal);
    if (!Number.isFinite(value)) fail(`number ${literal} is out of range`, start);
    return value;
  };

  const readLiteral = (word: string, value: RawValue): RawValue => {
    for (let k = 0; k < word.length; k++, i++) {
      if (i >= n) fail(UNEXPECTED_END, n);
      if (text[i] !== word[k]) invalid(`in literal ${word} (expecting ${quoteChar(word[k]!)})`);
    }
    return value;
  };

  while (true) {
    skipSpace();
    if (i >= n) break;
    const documentStart = i;
    const stack: Frame[] = [];
    let result: RawValue = null;
    let done = false;
    while (!done) {
      // Read one value; a container opened here is filled by the following turns of this loop.
      let value: RawValue;
      skipSpace();
      if (i >= n) fail(UNEXPECTED_END, n);
      const c = text[i]!;
      if (c === '{' || c === '[') {
        if (stack.length >= maxDepth) fail(nestingMessage, i);
        i++;
        const container: RawObject | RawValue[] = c === '{' ? {} : [];
        stack.push({ container, key: null });
        skipSpace();
        if (c === '{' && text[i] !== '}') {
          if (text[i] !== '"') invalid('looking for beginning of object key string');
          stack[stack.length - 1]!.key = readString();
          skipSpace();
          if (text[i] !== ':') invalid('after object key');
          i++;
          continue;
        }
        if (c === '[' && text[i] !== ']') continue;
        i++;
        value = stack.pop()!.container;
      } else if (c === '"') value = readString();
      else if (c === 't') value = readLiteral('true', true);
      else if (c === 'f') value = readLiteral('false', false);
      else if (c === 'n') value = readLiteral('null', null);
      else if (c === '-' || (c >= '0' && c <= '9')) value = readNumber();
      else return invalid('looking for beginning of value');
      // Place `value` in its container, then close as many containers as end here.
      for (;;) {
        const frame = stack[stack.length - 1];
        if (frame === undefined) {
          result = value;
          done = true;
          break;
        }
        if (Array.isArray(frame.container)) frame.container.push(value);
        else {
          const key = frame.key!;
          if (hasOwn(frame.container, key)) recordDuplicate(frame.container, key);
          setOwn(frame.container, key, value);
        }
        skipSpace();
        const isArray = Array.isArray(frame.container);
        if (text[i] === ',') {
          i++;
          if (!isArray) {
            skipSpace();
            if (text[i] !== '"') invalid('looking for beginning of object key string');
            frame.key = readString();
            skipSpace();
            if (text[i] !== ':') invalid('after object key');
            i++;
          }
          break;
        }
        if (text[i] === (isArray ? ']' : '}')) {
          i++;
          value = stack.pop()!.container;
          continue;
        }
        invalid(isArray ? 'after array element' : 'after object key:value pair');
      }
    }
    documents.push({ value: result, offset: documentStart });
  }
  return documents;
}

/** The offset where brackets nest deeper than `maxDepth`, or -1: a scan that skips strings. */
export function jsonNestingExceededAt(text: string, maxDepth: number): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (;;) {
        const quote = text.indexOf('"', i + 1);
        if (quote < 0) return -1;
        let backslashes = 0;
        for (let b = quote - 1; text.charCodeAt(b) === 92; b--) backslashes++;
        i = quote;
        if ((backslashes & 1) === 0) break;
      }
    } else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return i;
    } else if (c === 125 || c === 93) {
      depth--;
    }
  }
  return -1;
}

/** Offsets of the items of the top-level `items` array of the object that starts at `start`. */
export function jsonListItemOffsets(text: string, start: number): number[] {
  const offsets: number[] = [];
  const n = text.length;
  let depth = 0;
  let inItems = false;
  let expectKey = false;
  let expectItem = false;
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (expectItem && c !== 93) {
      offsets.push(i);
      expectItem = false;
    }
    if (c === 34) {
      const begin = i;
      for (;;) {
        const quote = text.indexOf('"', i + 1);
        if (quote < 0) return offsets;
        let backslashes = 0;
        for (let b = quote - 1; text.charCodeAt(b) === 92; b--) backslashes++;
        i = quote;
        if ((backslashes & 1) === 0) break;
      }
      if (expectKey && depth === 1 && text.slice(begin, i + 1) === '"items"') {
        let j = i + 1;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        if (text[j] === ':') {
          j++;
          while (j < n && isSpace(text.charCodeAt(j))) j++;
          if (text[j] === '[') {
            inItems = true;
            expectItem = true;
            depth = 2;
            i = j;
          }
        }
      }
      expectKey = false;
    } else if (c === 123 || c === 91) {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (c === 125 || c === 93) {
      depth--;
      if (inItems && depth === 1) return offsets;
      if (depth === 0) return offsets;
    } else if (c === 44) {
      if (depth === 1) expectKey = true;
      if (inItems && depth === 2) expectItem = true;
    }
  }
  return offsets;
}
