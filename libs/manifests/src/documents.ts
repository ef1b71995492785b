// Text -> documents, as kubectl reads files: YAML split into documents on `---` lines as apimachinery's
// YAMLReader splits them (k8s.io/apimachinery/pkg/util/yaml/decoder.go), each read with Kubernetes' YAML
// dialect; or, when the text starts with `{` or `[`, a stream of JSON values. Empty, comment-only and null
// documents are skipped and not counted: a document's index is its 0-based position among the others.
// Anything that cannot be read throws ManifestError('malformed-input') naming file, document, line and column.
import {
  constructFromEvents,
  EVENT_ID,
  getScalarValue,
  parseEvents,
  SCALAR_STYLE,
  YAMLException,
  type Event,
} from 'js-yaml';
import { EXCESSIVE_ALIASING, hasExcessiveAliasing } from './alias-expansion';
import { malformedInput } from './errors';
import { goTrimSpace } from './go-format';
import {
  jsonListItemOffsets,
  jsonNestingExceededAt,
  JsonSyntaxError,
  parseJsonStream,
  type JsonDocument,
} from './json-text';
import {
  bigIntsNoted,
  duplicatesRecorded,
  isRawObject,
  jsonKind,
  type RawObject,
  type RawValue,
} from './raw-value';
import {
  beginDocument,
  KUBERNETES_YAML_SCHEMA,
  settleRoot,
  unsupportedValueOfDocument,
} from './yaml-dialect';

/** A file or stdin as the user gave it. */
export interface SourceText {
  /** The path as the user gave it, or `<stdin>`. */
  readonly name: string;
  readonly content: string | Uint8Array;
}

/**
 * Deepest nesting read, in YAML and JSON alike. go-yaml and encoding/json allow 10,000 levels; js-yaml's
 * recursive parser overflows the stack near 2,000 flow levels, and no real manifest nests past a hundred.
 */
export const MAX_NESTING = 500;
export const NESTING_TOO_DEEP = `nesting too deep: more than ${MAX_NESTING} levels`;
/** JSON longer than this is not scanned for depth after JSON.parse (which is iterative): cluster dumps. */
const JSON_DEPTH_SCAN_LIMIT = 4 * 2 ** 20;
/** An integer with this many digits may not survive a double: such JSON goes through parseJsonStream. */
const LONG_DIGITS = /[0-9]{16}/;

export interface ParsedDocument {
  readonly file: string;
  /** 0-based among the file's non-empty documents. */
  readonly index: number;
  /** 1-based line where the document's content starts. */
  readonly line: number;
  readonly value: RawObject;
  readonly format: 'yaml' | 'json';
  /** Whether some mapping in the document repeats a key. */
  readonly hasDuplicates: boolean;
  /** Whether the document holds an integer kept as `bigint` (beyond 2^53). */
  readonly hasBigInts: boolean;
  /** 1-based start lines of the entries of the document's top-level `items` list. */
  itemLines(): readonly number[];
}

interface Position {
  readonly line: number;
  readonly column: number;
}

/** Counts lines forward through a text; offsets asked for must not decrease. Linear in the text overall. */
class LineCounter {
  private lines = 0;
  private lineStart = 0;
  private nextNewline: number;
  constructor(private readonly text: string) {
    this.nextNewline = text.indexOf('\n');
  }
  /** 0-based line and column of `offset`. */
  at(offset: number): Position {
    while (this.nextNewline !== -1 && this.nextNewline < offset) {
      this.lines++;
      this.lineStart = this.nextNewline + 1;
      this.nextNewline = this.text.indexOf('\n', this.lineStart);
    }
    return { line: this.lines, column: offset - this.lineStart };
  }
}

function oneBased(position: Position, lineOffset = 0): Position {
  return { line: position.line + lineOffset + 1, column: position.column + 1 };
}

/** Shortens text echoed in a message (it may come from a Secret). */
function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function decodeText(source: SourceText): string {
  const { content } = source;
  if (typeof content === 'string') return content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    const at = Math.max(0, firstInvalidUtf8(content));
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      if (content[i] === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    const byte = content[at]!.toString(16).padStart(2, '0');
    throw malformedInput(source.name, 0, `input is not UTF-8 text: invalid byte 0x${byte}`, {
      line,
      column: at - lineStart + 1,
    });
  }
}

function isListDocument(value: RawObject): boolean {
  const kind = value['kind'];
  return typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value['items']);
}

function nonObjectMessage(value: RawValue): string {
  return `cannot unmarshal ${jsonKind(value)} into Go value of type map[string]interface {}`;
}

// --- JSON ---------------------------------------------------------------------------------------------------

function parseJson(file: string, text: string): ParsedDocument[] {
  let documents: readonly JsonDocument[] | undefined;
  const duplicatesBefore = duplicatesRecorded();
  const bigIntsBefore = bigIntsNoted();
  const start = text.search(/\S/);
  if (!LONG_DIGITS.test(text)) {
    let value: RawValue | undefined;
    try {
      value = JSON.parse(text) as RawValue;
    } catch {
      value = undefined;
    }
    if (
      value !== undefined &&
      (text.length > JSON_DEPTH_SCAN_LIMIT || jsonNestingExceededAt(text, MAX_NESTING) < 0)
    ) {
      documents = [{ value, offset: start }];
    }
  }
  if (documents === undefined) {
    try {
      documents = parseJsonStream(text, MAX_NESTING, NESTING_TOO_DEEP);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      const document = error.completed.filter((d) => d.value !== null).length;
      throw malformedInput(file, document, error.message, oneBased(new LineCounter(text).at(error.offset)));
    }
  }
  const hasDuplicates = duplicatesRecorded() > duplicatesBefore;
  const hasBigInts = bigIntsNoted() > bigIntsBefore;
  const parsed: ParsedDocument[] = [];
  const lines = new LineCounter(text);
  for (const { value, offset } of documents) {
    if (value === null) continue;
    const line = oneBased(lines.at(offset)).line;
    if (!isRawObject(value))
      throw malformedInput(
        file,
        parsed.length,
        nonObjectMessage(value),
        oneBased(new LineCounter(text).at(offset)),
      );
    parsed.push({
      file,
      index: parsed.length,
      line,
      value,
      format: 'json',
      hasDuplicates,
      hasBigInts,
      itemLines: () => {
        const counter = new LineCounter(text);
        return jsonListItemOffsets(text, offset).map((o) => oneBased(counter.at(o)).line);
      },
    });
  }
  return parsed;
}

// --- YAML ---------------------------------------------------------------------------------------------------

function eventStart(event: Event): number {
  switch (event.type) {
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return event.start;
    case EVENT_ID.SCALAR: {
      const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
      const valueStart = quoted && event.valueStart > 0 ? event.valueStart - 1 : event.valueStart;
      const starts = [event.anchorStart, event.tagStart, valueStart].filter((s) => s >= 0);
      return starts.length > 0 ? Math.min(...starts) : 0;
    }
    case EVENT_ID.ALIAS:
      return Math.max(0, event.anchorStart - 1);
    default:
      return 0;
  }
}

/** The index of the event after the node that starts at `i`. */
function skipNode(events: readonly Event[], i: number): number {
  const type = events[i]!.type;
  if (type !== EVENT_ID.MAPPING && type !== EVENT_ID.SEQUENCE) return i + 1;
  let depth = 0;
  for (; i < events.length; i++) {
    const t = events[i]!.type;
    if (t === EVENT_ID.MAPPING || t === EVENT_ID.SEQUENCE) depth++;
    else if (t === EVENT_ID.POP && --depth === 0) return i + 1;
  }
  return i;
}

/** Offsets of the entries of the root mapping's `items` sequence. */
function yamlItemOffsets(events: readonly Event[], source: string, rootIndex: number): number[] {
  let i = rootIndex + 1;
  while (i < events.length && events[i]!.type !== EVENT_ID.POP) {
    const key = events[i]!;
    const isItems = key.type === EVENT_ID.SCALAR && getScalarValue(source, key) === 'items';
    i = skipNode(events, i);
    if (isItems && events[i]?.type === EVENT_ID.SEQUENCE) {
      const offsets: number[] = [];
      for (let j = i + 1; j < events.length && events[j]!.type !== EVENT_ID.POP; j = skipNode(events, j)) {
        offsets.push(eventStart(events[j]!));
      }
      return offsets;
    }
    i = skipNode(events, i);
  }
  return [];
}

function yamlErrorPosition(error: YAMLException, lineOffset: number): Position | undefined {
  return error.mark === undefined
    ? undefined
    : oneBased({ line: error.mark.line, column: error.mark.column }, lineOffset);
}

function yamlErrorMessage(error: YAMLException): string {
  return /^nesting exceeded maxDepth/.test(error.reason) ? NESTING_TOO_DEEP : error.reason;
}

/** Reads one `---`-delimited chunk; null when it holds no document. */
function parseYamlChunk(
  file: string,
  chunk: string,
  lineOffset: number,
  index: number,
): {
  value: RawObject;
  line: number;
  hasDuplicates: boolean;
  hasBigInts: boolean;
  itemLines: readonly number[];
} | null {
  let events: Event[];
  let roots: unknown[];
  const duplicatesBefore = duplicatesRecorded();
  const bigIntsBefore = bigIntsNoted();
  try {
    events = parseEvents(chunk, { maxDepth: MAX_NESTING });
    beginDocument();
    roots = constructFromEvents(events, { source: chunk, schema: KUBERNETES_YAML_SCHEMA });
  } catch (error) {
    if (error instanceof YAMLException) {
      throw malformedInput(file, index, yamlErrorMessage(error), yamlErrorPosition(error, lineOffset));
    }
    if (error instanceof RangeError) {
      throw malformedInput(file, index, NESTING_TOO_DEEP, { line: lineOffset + 1, column: 1 });
    }
    throw error;
  }
  const root = settleRoot(roots[0]);
  if (root === null) return null;
  const rootIndex = events.findIndex((e) => e.type === EVENT_ID.DOCUMENT) + 1;
  const position = oneBased(new LineCounter(chunk).at(eventStart(events[rootIndex]!)), lineOffset);
  const unsupported = unsupportedValueOfDocument();
  if (unsupported !== null) {
    throw malformedInput(
      file,
      index,
      `json: unsupported value: ${unsupported} (YAML's .inf and .nan have no JSON form)`,
      position,
    );
  }
  if (events.some((e) => e.type === EVENT_ID.ALIAS) && hasExcessiveAliasing(root)) {
    throw malformedInput(file, index, EXCESSIVE_ALIASING, position);
  }
  if (!isRawObject(root)) throw malformedInput(file, index, nonObjectMessage(root), position);
  let itemLines: readonly number[] = [];
  if (isListDocument(root)) {
    const counter = new LineCounter(chunk);
    itemLines = yamlItemOffsets(events, chunk, rootIndex).map(
      (o) => oneBased(counter.at(o), lineOffset).line,
    );
  }
  return {
    value: root,
    line: position.line,
    hasDuplicates: duplicatesRecorded() > duplicatesBefore,
    hasBigInts: bigIntsNoted() > bigIntsBefore,
    itemLines,
  };
}

/**
 * Whether js-yaml, reading the whole text as one stream, splits it into the documents apimachinery's
 * YAMLReader would: every `---` line a bare marker (or one followed by a comment), and no `...` or `%`
 * line, where the two differ (YAMLReader keeps what follows `...` in the same chunk, and a directive line
 * before `---` in the previous one).
 */
function splitsAsYamlReader(text: string): boolean {
  for (let i = text.startsWith('---') ? 0 : text.indexOf('\n---'); i >= 0; i = text.indexOf('\n---', i + 1)) {
    const at = text[i] === '\n' ? i + 1 : i;
    const after = text.charCodeAt(at + 3);
    if (Number.isNaN(after) || after === 10) continue;
    if (after !== 32 && after !== 9 && after !== 13) return false;
    const newline = text.indexOf('\n', at);
    const rest = goTrimSpace(text.slice(at + 3, newline < 0 ? text.length : newline));
    if (rest !== '' && rest[0] !== '#') return false;
  }
  return !/(^|\n)(\.\.\.|%)/.test(text);
}

/**
 * Reads the whole text in one pass (js-yaml's per-call cost dominates for thousands of small documents).
 * undefined when anything is off: the chunked reading then finds and reports it exactly.
 */
function parseYamlStream(file: string, text: string): ParsedDocument[] | undefined {
  const duplicatesBefore = duplicatesRecorded();
  const bigIntsBefore = bigIntsNoted();
  let events: Event[];
  let roots: unknown[];
  try {
    events = parseEvents(text, { maxDepth: MAX_NESTING });
    beginDocument();
    roots = constructFromEvents(events, { source: text, schema: KUBERNETES_YAML_SCHEMA });
  } catch (error) {
    if (error instanceof YAMLException || error instanceof RangeError) return undefined;
    throw error;
  }
  if (unsupportedValueOfDocument() !== null) return undefined;
  // Known only for the whole text: they make the decoder look for duplicates and big integers, nothing more.
  const hasDuplicates = duplicatesRecorded() > duplicatesBefore;
  const hasBigInts = bigIntsNoted() > bigIntsBefore;
  const lines = new LineCounter(text);
  const parsed: ParsedDocument[] = [];
  let document = -1;
  for (let i = 0; i < events.length; i++) {
    if (events[i]!.type !== EVENT_ID.DOCUMENT) continue;
    document++;
    const rootIndex = i + 1;
    const end = skipNode(events, rootIndex);
    i = end - 1;
    const root = settleRoot(roots[document]);
    if (root === null) continue;
    const position = oneBased(lines.at(eventStart(events[rootIndex]!)));
    let hasAliases = false;
    for (let e = rootIndex; e < end && !hasAliases; e++) hasAliases = events[e]!.type === EVENT_ID.ALIAS;
    if (hasAliases && hasExcessiveAliasing(root))
      throw malformedInput(file, parsed.length, EXCESSIVE_ALIASING, position);
    if (!isRawObject(root)) throw malformedInput(file, parsed.length, nonObjectMessage(root), position);
    const itemLines = isListDocument(root)
      ? yamlItemOffsets(events, text, rootIndex).map((o) => oneBased(lines.at(o)).line)
      : [];
    parsed.push({
      file,
      index: parsed.length,
      line: position.line,
      value: root,
      format: 'yaml',
      hasDuplicates,
      hasBigInts,
      itemLines: () => itemLines,
    });
  }
  return parsed;
}

/** Reads the text chunk by chunk, as YAMLReader hands chunks to go-yaml. */
function parseYamlChunks(file: string, text: string): ParsedDocument[] {
  const parsed: ParsedDocument[] = [];
  const lines = new LineCounter(text);
  const n = text.length;
  let chunkStart = 0;
  const take = (end: number) => {
    if (end <= chunkStart) return;
    const lineOffset = lines.at(chunkStart).line;
    const document = parseYamlChunk(file, text.slice(chunkStart, end), lineOffset, parsed.length);
    if (document === null) return;
    const { itemLines } = document;
    parsed.push({
      file,
      index: parsed.length,
      line: document.line,
      value: document.value,
      format: 'yaml',
      hasDuplicates: document.hasDuplicates,
      hasBigInts: document.hasBigInts,
      itemLines: () => itemLines,
    });
  };
  // A line that starts with `---` ends a document; only spaces or a comment may follow the marker
  // (apimachinery YAMLReader.Read). The separator is checked before the document it ends is read.
  let lineStart = text.startsWith('---') ? 0 : text.indexOf('\n---');
  if (lineStart > 0) lineStart++;
  while (lineStart >= 0 && lineStart < n) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? n : newline;
    const rest = goTrimSpace(text.slice(lineStart + 3, lineEnd));
    if (rest !== '' && rest[0] !== '#') {
      const at = lines.at(lineStart);
      const column = lineStart + 3 + text.slice(lineStart + 3, lineEnd).search(/\S/) - lineStart;
      throw malformedInput(file, parsed.length, `invalid Yaml document separator: ${excerpt(rest)}`, {
        line: at.line + 1,
        column: column + 1,
      });
    }
    take(lineStart);
    chunkStart = Math.min(n, lineEnd + 1);
    const next = text.indexOf('\n---', lineEnd);
    lineStart = next < 0 ? -1 : next + 1;
  }
  take(n);
  return parsed;
}

/** The documents of one source, in order. Throws ManifestError('malformed-input'). */
export function parseDocuments(source: SourceText): ParsedDocument[] {
  const text = decodeText(source);
  const first = text.search(/\S/);
  if (first >= 0 && (text[first] === '{' || text[first] === '[')) return parseJson(source.name, text);
  return (
    (splitsAsYamlReader(text) ? parseYamlStream(source.name, text) : undefined) ??
    parseYamlChunks(source.name, text)
  );
}
