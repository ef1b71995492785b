// Label selectors in the string form `kubectl get -l` takes, parsed and matched as the API server does.
// k8s.io/apimachinery pkg/labels/selector.go (Lexer, Parser, Parse, NewRequirement, Requirement.Matches and
// String), as in staging/src/k8s.io/apimachinery at kubernetes/kubernetes 008b3652 (after PR #133419, which
// accepts `x in (a,,)`), with the key and value rules of pkg/api/validate/content (kube.go, dns.go,
// errors.go) and the error text of pkg/util/validation/field.
import { compareByteWise } from '../framework/byte-order';
import {
  DNS1123_SUBDOMAIN_ERR_MSG,
  DNS1123_SUBDOMAIN_FMT,
  DNS1123_SUBDOMAIN_RE,
  isQualifiedName,
  isValidLabelValue,
  LABEL_VALUE_ERR_MSG,
  LABEL_VALUE_FMT,
  LABEL_VALUE_RE,
  QUALIFIED_NAME_ERR_MSG,
  QUALIFIED_NAME_FMT,
  QUALIFIED_NAME_RE,
  regexError,
} from '../framework/name-validation';
import { aggregate } from '../plugins/label-selector';

export type Labels = Readonly<Record<string, string>>;

/** `selection.Operator`, spelled as upstream: `exists` and `!` are unary, `gt` and `lt` compare integers. */
export type SelectionOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

/** One requirement of a parsed selector; `values` deduplicated and sorted byte-wise (`sets.String.List`). */
export interface SelectorRequirement {
  readonly key: string;
  readonly operator: SelectionOperator;
  readonly values: readonly string[];
}

/** A parsed selector: its requirements sorted by key, all of which must hold. */
export interface LabelSelectorMatcher {
  readonly requirements: readonly SelectorRequirement[];
  /** `Selector.Matches`; absent labels are an empty set. */
  matches(labels: Labels | undefined): boolean;
  /** `Selector.String`: the canonical form, e.g. `app=web,tier in (a,b),!canary`. */
  toString(): string;
}

/** A selector `labels.Parse` rejects; the message is upstream's error text. */
export class LabelSelectorError extends Error {
  readonly code = 'invalid-label-selector';

  constructor(
    readonly selector: string,
    message: string,
  ) {
    super(message);
    this.name = 'LabelSelectorError';
  }
}

/**
 * `labels.Parse`: `app=web`, `tier in (a,b)`, `env notin (dev)`, `canary`, `!canary`, `replicas>2`, comma
 * separated; `""` selects everything. Throws LabelSelectorError with upstream's message, e.g.
 * `found '==', expected: ',' or 'end of string'` for `x==a==b`.
 */
export function parseLabelSelector(text: string): LabelSelectorMatcher {
  let requirements: SelectorRequirement[];
  try {
    requirements = new Parser(new Lexer(text)).parse();
  } catch (error) {
    if (error instanceof ParseFailure) throw new LabelSelectorError(text, error.message);
    throw error;
  }
  // Upstream sorts with sort.Sort(ByKey), which is stable for up to 12 requirements (insertion sort) and
  // pdqsort beyond; this stable sort prints the same, except that past 12 requirements several on one key
  // may print in another order. Matching does not depend on the order.
  requirements.sort((a, b) => compareByteWise(a.key, b.key));
  return new ParsedSelector(requirements);
}

// --- Lexer ----------------------------------------------------------------------------------------------

/** The lexer's tokens, named as upstream's `Token` constants. */
export type Token =
  | 'ErrorToken'
  | 'EndOfStringToken'
  | 'ClosedParToken'
  | 'CommaToken'
  | 'DoesNotExistToken'
  | 'DoubleEqualsToken'
  | 'EqualsToken'
  | 'GreaterThanToken'
  | 'IdentifierToken'
  | 'InToken'
  | 'LessThanToken'
  | 'NotEqualsToken'
  | 'NotInToken'
  | 'OpenParToken';

/** A token and its literal, `ScannedItem`. */
export interface ScannedItem {
  readonly tok: Token;
  readonly literal: string;
}

// string2token: every literal that is a token by itself.
const STRING_TO_TOKEN: ReadonlyMap<string, Token> = new Map<string, Token>([
  [')', 'ClosedParToken'],
  [',', 'CommaToken'],
  ['!', 'DoesNotExistToken'],
  ['==', 'DoubleEqualsToken'],
  ['=', 'EqualsToken'],
  ['>', 'GreaterThanToken'],
  ['in', 'InToken'],
  ['<', 'LessThanToken'],
  ['!=', 'NotEqualsToken'],
  ['notin', 'NotInToken'],
  ['(', 'OpenParToken'],
]);

const END = 0;

function isWhitespace(ch: number): boolean {
  return ch === 0x20 || ch === 0x09 || ch === 0x0d || ch === 0x0a;
}

// `= ! ( ) , > <` can start an operator and end an identifier.
function isSpecialSymbol(ch: number): boolean {
  return (
    ch === 0x3d || ch === 0x21 || ch === 0x28 || ch === 0x29 || ch === 0x2c || ch === 0x3e || ch === 0x3c
  );
}

/**
 * Upstream's `Lexer`. Go reads bytes and JavaScript UTF-16 units, but every character the lexer tests for is
 * ASCII, so both split a text at the same places. As upstream, a NUL character reads as the end of the text.
 */
export class Lexer {
  private pos = 0;

  constructor(private readonly s: string) {}

  /** `Lex`: the next token and its literal, the longest special-symbol token where several start here. */
  lex(): ScannedItem {
    const ch = this.skipWhiteSpaces(this.read());
    if (ch === END) return { tok: 'EndOfStringToken', literal: '' };
    this.unread();
    return isSpecialSymbol(ch) ? this.scanSpecialSymbol() : this.scanIDOrKeyword();
  }

  private read(): number {
    return this.pos < this.s.length ? this.s.charCodeAt(this.pos++) : END;
  }

  private unread(): void {
    this.pos--;
  }

  private skipWhiteSpaces(ch: number): number {
    while (isWhitespace(ch)) ch = this.read();
    return ch;
  }

  private scanIDOrKeyword(): ScannedItem {
    const start = this.pos;
    let end = start;
    for (;;) {
      const at = this.pos;
      const ch = this.read();
      if (ch === END) break;
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      end = at + 1;
    }
    const literal = this.s.slice(start, end);
    return { tok: STRING_TO_TOKEN.get(literal) ?? 'IdentifierToken', literal };
  }

  private scanSpecialSymbol(): ScannedItem {
    let last: ScannedItem | undefined;
    let buffer = '';
    for (;;) {
      const ch = this.read();
      if (ch === END) break;
      if (!isSpecialSymbol(ch)) {
        this.unread();
        break;
      }
      buffer += String.fromCharCode(ch);
      const tok = STRING_TO_TOKEN.get(buffer);
      if (tok !== undefined) {
        last = { tok, literal: buffer };
      } else if (last !== undefined) {
        this.unread();
        break;
      }
    }
    return last ?? { tok: 'ErrorToken', literal: `error expected: keyword found '${buffer}'` };
  }
}

// --- Parser ---------------------------------------------------------------------------------------------

/** `ParserContext`: in `Values`, the keywords `in` and `notin` read as identifiers (`a in (in)`). */
export type ParserContext = 'KeyAndOperator' | 'Values';

// selection.Operator values of binaryOperators, in upstream's order, for "expected: ..." messages.
const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

// An error Parse returns; parseLabelSelector turns it into a LabelSelectorError.
class ParseFailure extends Error {}

/** Upstream's `Parser`: scans the whole text first, then descends with one token of lookahead. */
export class Parser {
  private readonly scannedItems: ScannedItem[] = [];
  private position = 0;

  constructor(private readonly lexer: Lexer) {}

  /** `scan`: lexes up to and including the first EndOfStringToken. */
  scan(): readonly ScannedItem[] {
    for (;;) {
      const item = this.lexer.lex();
      this.scannedItems.push(item);
      if (item.tok === 'EndOfStringToken') return this.scannedItems;
    }
  }

  /** `lookahead`: the current token, without moving on. */
  lookahead(context: ParserContext): ScannedItem {
    return inContext(this.scannedItems[this.position]!, context);
  }

  /** `consume`: the current token, moving on. */
  consume(context: ParserContext): ScannedItem {
    return inContext(this.scannedItems[this.position++]!, context);
  }

  /** `parse`: the requirements in input order; throws ParseFailure. */
  parse(): SelectorRequirement[] {
    this.scan();
    const requirements: SelectorRequirement[] = [];
    for (;;) {
      const { tok, literal } = this.lookahead('Values');
      switch (tok) {
        case 'IdentifierToken':
        case 'DoesNotExistToken': {
          try {
            requirements.push(this.parseRequirement());
          } catch (error) {
            if (error instanceof ParseFailure) {
              throw new ParseFailure(`unable to parse requirement: ${error.message}`);
            }
            throw error;
          }
          const next = this.consume('Values');
          switch (next.tok) {
            case 'EndOfStringToken':
              return requirements;
            case 'CommaToken': {
              const after = this.lookahead('Values');
              if (after.tok !== 'IdentifierToken' && after.tok !== 'DoesNotExistToken') {
                throw new ParseFailure(`found '${after.literal}', expected: identifier after ','`);
              }
              break;
            }
            default:
              throw new ParseFailure(`found '${next.literal}', expected: ',' or 'end of string'`);
          }
          break;
        }
        case 'EndOfStringToken':
          return requirements;
        default:
          throw new ParseFailure(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): SelectorRequirement {
    const { key, operator: inferred } = this.parseKeyAndInferOperator();
    if (inferred !== undefined) return newRequirement(key, inferred, []);
    const operator = this.parseOperator();
    const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, operator, [...values].sort(compareByteWise));
  }

  // A bare key is `exists` and `!key` is `!`; otherwise an operator follows (undefined). `!key=a` stays `!`,
  // so the `=` is then reported where a comma was expected.
  private parseKeyAndInferOperator(): { key: string; operator: 'exists' | '!' | undefined } {
    let operator: '!' | undefined;
    let item = this.consume('Values');
    if (item.tok === 'DoesNotExistToken') {
      operator = '!';
      item = this.consume('Values');
    }
    if (item.tok !== 'IdentifierToken') {
      throw new ParseFailure(`found '${item.literal}', expected: identifier`);
    }
    const keyErrors = labelKeyErrors(item.literal);
    // validateLabelKey(literal, p.path) with Parse's nil path, which prints as `<nil>`.
    if (keyErrors.length > 0) {
      throw new ParseFailure(fieldInvalid('<nil>', item.literal, keyErrors.join('; ')));
    }
    const next = this.lookahead('Values').tok;
    if (operator === undefined && (next === 'EndOfStringToken' || next === 'CommaToken')) {
      return { key: item.literal, operator: 'exists' };
    }
    return { key: item.literal, operator };
  }

  private parseOperator(): Exclude<SelectionOperator, 'exists' | '!'> {
    const { tok, literal } = this.consume('KeyAndOperator');
    switch (tok) {
      case 'InToken':
        return 'in';
      case 'EqualsToken':
        return '=';
      case 'DoubleEqualsToken':
        return '==';
      case 'GreaterThanToken':
        return 'gt';
      case 'LessThanToken':
        return 'lt';
      case 'NotInToken':
        return 'notin';
      case 'NotEqualsToken':
        return '!=';
      default:
        throw new ParseFailure(`found '${literal}', expected: ${BINARY_OPERATORS}`);
    }
  }

  // `(a,b)`; `()` is the set holding the empty string.
  private parseValues(): Set<string> {
    const open = this.consume('Values');
    if (open.tok !== 'OpenParToken') throw new ParseFailure(`found '${open.literal}' expected: '('`);
    const { tok, literal } = this.lookahead('Values');
    switch (tok) {
      case 'IdentifierToken':
      case 'CommaToken': {
        const values = this.parseIdentifiersList();
        // Unreachable: the list ends only at ')'. Upstream reports the literal seen after '(' here.
        if (this.consume('Values').tok !== 'ClosedParToken') {
          throw new ParseFailure(`found '${literal}', expected: ')'`);
        }
        return values;
      }
      case 'ClosedParToken':
        this.consume('Values');
        return new Set(['']);
      default:
        throw new ParseFailure(`found '${literal}', expected: ',', ')' or identifier`);
    }
  }

  // Identifiers separated by commas, a missing identifier being the empty string: `(,a)`, `(a,,b)`, `(a,)`.
  private parseIdentifiersList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const { tok, literal } = this.consume('Values');
      switch (tok) {
        case 'IdentifierToken': {
          values.add(literal);
          const next = this.lookahead('Values');
          if (next.tok === 'CommaToken') continue;
          if (next.tok === 'ClosedParToken') return values;
          throw new ParseFailure(`found '${next.literal}', expected: ',' or ')'`);
        }
        case 'CommaToken': {
          if (values.size === 0) values.add('');
          const next = this.lookahead('Values').tok;
          if (next === 'ClosedParToken') {
            values.add('');
            return values;
          }
          if (next === 'CommaToken') values.add('');
          break;
        }
        default:
          throw new ParseFailure(`found '${literal}', expected: ',', or identifier`);
      }
    }
  }

  // The value after `=`, `==`, `!=`, `>` or `<`; none at all (`x=`, `x=,y`) is the empty string.
  private parseExactValue(): Set<string> {
    const next = this.lookahead('Values').tok;
    if (next === 'EndOfStringToken' || next === 'CommaToken') return new Set(['']);
    const { tok, literal } = this.consume('Values');
    if (tok === 'IdentifierToken') return new Set([literal]);
    throw new ParseFailure(`found '${literal}', expected: identifier`);
  }
}

function inContext(item: ScannedItem, context: ParserContext): ScannedItem {
  if (context === 'Values' && (item.tok === 'InToken' || item.tok === 'NotInToken')) {
    return { tok: 'IdentifierToken', literal: item.literal };
  }
  return item;
}

// --- Requirements ---------------------------------------------------------------------------------------

// NewRequirement with Parse's nil path. The parser always supplies the value counts NewRequirement checks
// (one for =, ==, !=, gt, lt; at least one for in, notin; none for exists, !) and has validated the key, so
// only the integer check of gt/lt and the label value check can fail here.
function newRequirement(
  key: string,
  operator: SelectionOperator,
  values: readonly string[],
): SelectorRequirement {
  const errors: string[] = [];
  if (operator === 'gt' || operator === 'lt') {
    values.forEach((value, i) => {
      if (parseInt64(value) === null) {
        errors.push(
          fieldInvalid(`values[${i}]`, value, "for 'Gt', 'Lt' operators, the value must be an integer"),
        );
      }
    });
  }
  values.forEach((value, i) => {
    const valueErrors = labelValueErrors(value);
    if (valueErrors.length > 0) {
      errors.push(fieldInvalid(`values[${i}][${key}]`, value, valueErrors.join('; ')));
    }
  });
  const message = aggregate(errors);
  if (message !== null) throw new ParseFailure(message);
  return Object.freeze({ key, operator, values: Object.freeze([...values]) });
}

// Requirement.Matches; `bound` is the integer of a gt/lt requirement.
function requirementMatches(
  requirement: SelectorRequirement,
  bound: bigint,
  labels: Labels | undefined,
): boolean {
  // Label values are strings; anything else read off a plain object (a prototype member) is no label.
  const value =
    labels !== undefined && Object.prototype.hasOwnProperty.call(labels, requirement.key)
      ? labels[requirement.key]
      : undefined;
  const has = typeof value === 'string';
  switch (requirement.operator) {
    case 'in':
    case '=':
    case '==':
      return has && requirement.values.includes(value);
    case 'notin':
    case '!=':
      return !has || !requirement.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has) return false;
      const labelValue = parseInt64(value);
      if (labelValue === null) return false;
      return requirement.operator === 'gt' ? labelValue > bound : labelValue < bound;
    }
  }
}

const OPERATOR_TEXT: Readonly<Record<SelectionOperator, string>> = {
  '=': '=',
  '==': '==',
  '!=': '!=',
  in: ' in ',
  notin: ' notin ',
  gt: '>',
  lt: '<',
  exists: '',
  '!': '',
};

// Requirement.String: `!key`, `key`, `key=v`, `key in (a,b)`; values are already sorted (safeSort).
function requirementString(requirement: SelectorRequirement): string {
  const { key, operator, values } = requirement;
  if (operator === '!') return `!${key}`;
  if (operator === 'exists') return key;
  const text = values.join(',');
  return operator === 'in' || operator === 'notin'
    ? `${key}${OPERATOR_TEXT[operator]}(${text})`
    : `${key}${OPERATOR_TEXT[operator]}${text}`;
}

class ParsedSelector implements LabelSelectorMatcher {
  readonly requirements: readonly SelectorRequirement[];
  private readonly bounds: readonly bigint[];
  private text: string | undefined;

  constructor(requirements: SelectorRequirement[]) {
    this.requirements = Object.freeze(requirements);
    this.bounds = requirements.map(({ operator, values }) =>
      operator === 'gt' || operator === 'lt' ? parseInt64(values[0]!)! : 0n,
    );
  }

  matches(labels: Labels | undefined): boolean {
    const requirements = this.requirements;
    for (let i = 0; i < requirements.length; i++) {
      if (!requirementMatches(requirements[i]!, this.bounds[i]!, labels)) return false;
    }
    return true;
  }

  toString(): string {
    return (this.text ??= this.requirements.map(requirementString).join(','));
  }
}

// --- Validation, worded as upstream ---------------------------------------------------------------------

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DECIMAL_INTEGER = /^[+-]?[0-9]+$/;

// strconv.ParseInt(s, 10, 64): an optional sign and decimal digits within int64; null otherwise.
function parseInt64(text: string): bigint | null {
  if (!DECIMAL_INTEGER.test(text)) return null;
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX ? null : value;
}

// k8s.io/apimachinery pkg/api/validate/content: kube.go (IsLabelKey, IsLabelValue), dns.go
// (IsDNS1123Subdomain) and errors.go (MaxLenError, RegexError, EmptyError). Lengths are UTF-8 bytes, as
// Go's len.
// Label keys use the qualified-name format (content.IsLabelKey wraps IsQualifiedName's checks).
const LABEL_KEY_FMT = QUALIFIED_NAME_FMT;
const LABEL_KEY_RE = QUALIFIED_NAME_RE;
const LABEL_KEY_ERR_MSG = QUALIFIED_NAME_ERR_MSG;
const LABEL_KEY_MAX_LENGTH = 63;
const LABEL_VALUE_MAX_LENGTH = 63;
const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

// The newer content package counts UTF-8 bytes; pkg/util/validation (plugins/label-selector.ts) says characters.
function maxLenError(length: number): string {
  return `must be no more than ${length} bytes`;
}

function dns1123SubdomainErrors(value: string): string[] {
  const errors: string[] = [];
  if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    errors.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  }
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errors.push(regexError(DNS1123_SUBDOMAIN_ERR_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  }
  return errors;
}

// content.IsLabelKey; the boolean isQualifiedName answers the common, valid case.
function labelKeyErrors(value: string): string[] {
  if (isQualifiedName(value)) return [];
  const errors: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) {
      errors.push('prefix part must be non-empty');
    } else {
      for (const message of dns1123SubdomainErrors(prefix)) errors.push(`prefix part ${message}`);
    }
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_ERR_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) {
    errors.push('name part must be non-empty');
  } else if (utf8Length(name) > LABEL_KEY_MAX_LENGTH) {
    errors.push(`name part ${maxLenError(LABEL_KEY_MAX_LENGTH)}`);
  }
  if (!LABEL_KEY_RE.test(name)) {
    errors.push(`name part ${regexError(LABEL_KEY_ERR_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errors;
}

// content.IsLabelValue.
function labelValueErrors(value: string): string[] {
  if (isValidLabelValue(value)) return [];
  const errors: string[] = [];
  if (utf8Length(value) > LABEL_VALUE_MAX_LENGTH) errors.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!LABEL_VALUE_RE.test(value)) {
    errors.push(regexError(LABEL_VALUE_ERR_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return errors;
}

// field.Invalid(path, value, detail).Error() for a string value: `path: Invalid value: "v": detail`.
function fieldInvalid(path: string, value: string, detail: string): string {
  return `${path}: Invalid value: ${goQuote(value)}: ${detail}`;
}

// Go's len(s): the UTF-8 length, a surrogate pair being one 4-byte character.
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const isPair = unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : isPair ? 4 : 3;
    if (isPair) i++;
  }
  return bytes;
}

const GO_ESCAPES: Readonly<Record<number, string>> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
};
// unicode.IsPrint beyond ASCII: letters, marks, numbers, punctuation and symbols.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

// strconv.Quote (`%q`): printable characters as they are, others escaped as Go escapes them.
function goQuote(text: string): string {
  let quoted = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') quoted += `\\${ch}`;
    else if (code >= 0x20 && code < 0x7f) quoted += ch;
    else if (GO_ESCAPES[code] !== undefined) quoted += GO_ESCAPES[code];
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (PRINTABLE.test(ch)) quoted += ch;
    else if (code < 0x10000) quoted += `\\u${code.toString(16).padStart(4, '0')}`;
    else quoted += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${quoted}"`;
}
