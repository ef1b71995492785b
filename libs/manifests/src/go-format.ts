// Values printed as Kubernetes prints them in messages: JSON as Go's encoding/json writes it (map keys
// sorted, `<`, `>` and `&` escaped), and strings quoted as Go's %q quotes them.

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function jsonString(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = c.charCodeAt(0);
    const escape = JSON_ESCAPES[c] ?? (code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : undefined);
    if (escape === undefined) continue;
    out += s.slice(from, i) + escape;
    from = i + 1;
  }
  return `${out}${s.slice(from)}"`;
}

/**
 * `value` as Go's json.Marshal writes it, cut after `limit` characters (the cut text is a prefix of the full
 * one, and a huge or deep value costs no more than the limit). Values with a `toString` of their own (parsed
 * quantities) print as that string.
 */
export function goJson(value: unknown, limit = Number.POSITIVE_INFINITY): string {
  const out: string[] = [];
  let length = 0;
  const emit = (s: string): boolean => {
    out.push(s);
    length += s.length;
    return length < limit;
  };
  const write = (v: unknown): boolean => {
    if (v === null || v === undefined) return emit('null');
    if (typeof v === 'string') return emit(jsonString(v));
    if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return emit(String(v));
    if (Array.isArray(v)) {
      if (!emit('[')) return false;
      for (let i = 0; i < v.length; i++) {
        if (i > 0 && !emit(',')) return false;
        if (!write(v[i])) return false;
      }
      return emit(']');
    }
    if (
      typeof v === 'object' &&
      Object.getPrototypeOf(v) !== Object.prototype &&
      Object.getPrototypeOf(v) !== null
    ) {
      return emit(jsonString(String(v)));
    }
    if (!emit('{')) return false;
    const keys = Object.keys(v as object).sort();
    for (let i = 0; i < keys.length; i++) {
      if (i > 0 && !emit(',')) return false;
      if (!emit(`${jsonString(keys[i]!)}:`)) return false;
      if (!write((v as Record<string, unknown>)[keys[i]!])) return false;
    }
    return emit('}');
  };
  write(value);
  const text = out.join('');
  return text.length > limit ? text.slice(0, limit) : text;
}

const QUOTE_ESCAPES: Readonly<Record<number, string>> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

/** `s` as Go's %q (strconv.Quote) writes it. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    const escape = QUOTE_ESCAPES[code];
    if (escape !== undefined) out += escape;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (
      (code >= 0x80 && code < 0xa0) ||
      code === 0xad ||
      code === 0xfeff ||
      (code >= 0xd800 && code <= 0xdfff)
    ) {
      out +=
        code > 0xffff
          ? `\\U${code.toString(16).padStart(8, '0')}`
          : `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

// Go's strings.TrimSpace: unicode.IsSpace, which has U+0085 and lacks U+FEFF.
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const GO_TRIM = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, 'g');

/** `s` without the leading and trailing white space Go's strings.TrimSpace removes. */
export function goTrimSpace(s: string): string {
  return s.replace(GO_TRIM, '');
}
