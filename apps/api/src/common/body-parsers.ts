// How request bodies are read. A JSON body that does not parse gets a line and column, as a manifest does;
// `__proto__` and `constructor.prototype` keys are refused (prototype poisoning); YAML is passed on as text.
import secureJson from 'secure-json-parse';
import { AppError } from '../errors/error-codes';

export const JSON_MEDIA_TYPES = ['application/json'];
export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];
export const ACCEPTED_MEDIA_TYPES = [...JSON_MEDIA_TYPES, ...YAML_MEDIA_TYPES];

/** The parsed body; undefined for an empty one, so each route names the field it is missing. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    if (!/JSON/.test(error.message) || /prototype/i.test(error.message)) {
      throw new AppError('malformed-input', `invalid JSON: ${error.message}`, [
        { path: '', message: error.message },
      ]);
    }
    const offset = syntaxErrorOffset(text, error.message);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const message = `invalid JSON: ${error.message.replace(/ in JSON at position \d+.*$/, '')}`;
    throw new AppError('malformed-input', `${message} (line ${line}, column ${column})`, [
      { path: '', line, column, message },
    ]);
  }
}

// V8 names the position of most syntax errors, but not of an unexpected token (`Unexpected token '}',
// "{"a": }" is not valid JSON`): there it is the length of the longest prefix that can still begin a JSON
// text, found by bisection (a prefix of such a prefix is one too).
function syntaxErrorOffset(text: string, message: string): number {
  const position = /position (\d+)/.exec(message);
  if (position !== null) return Number(position[1]);
  if (isEndOfInput(message)) return text.length;
  let viable = 0;
  let broken = text.length;
  while (broken - viable > 1) {
    const middle = Math.floor((viable + broken) / 2);
    if (isViablePrefix(text.slice(0, middle))) viable = middle;
    else broken = middle;
  }
  return viable;
}

// A prefix JSON.parse rejects only for ending: "Unexpected end of JSON input", or an error at its length.
function isViablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    if (!(error instanceof SyntaxError)) return false;
    const position = /position (\d+)/.exec(error.message);
    return position === null ? isEndOfInput(error.message) : Number(position[1]) >= prefix.length;
  }
}

function isEndOfInput(message: string): boolean {
  return /Unexpected end of JSON input/.test(message);
}

export function unsupportedMediaType(contentType: string | undefined): AppError {
  const what =
    contentType === undefined ? 'a body without Content-Type' : `Content-Type ${JSON.stringify(contentType)}`;
  return new AppError(
    'unsupported-media-type',
    `unsupported media type: ${what}; send one of ${ACCEPTED_MEDIA_TYPES.join(', ')}`,
    ACCEPTED_MEDIA_TYPES.map((type) => ({ message: `accepted: ${type}`, mediaType: type })),
  );
}
