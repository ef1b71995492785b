// How request bodies are read. A JSON body that does not parse gets a line and column, as a manifest does;
// `__proto__` and `constructor.prototype` keys are refused (prototype poisoning); YAML is passed on as text.
import secureJson from 'secure-json-parse';
import { AppError } from '../errors/error-codes';

export const JSON_MEDIA_TYPES = ['application/json'];
export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];
export const ACCEPTED_MEDIA_TYPES = [...JSON_MEDIA_TYPES, ...YAML_MEDIA_TYPES];

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') {
    throw new AppError('malformed-input', 'request body is empty', [{ path: '', message: 'empty body' }]);
  }
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    if (!/JSON/.test(error.message) || /prototype/i.test(error.message)) {
      throw new AppError('malformed-input', `invalid JSON: ${error.message}`, [
        { path: '', message: error.message },
      ]);
    }
    const position = /position (\d+)/.exec(error.message);
    const offset = position === null ? text.length : Number(position[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const message = `invalid JSON: ${error.message.replace(/ in JSON at position \d+.*$/, '')}`;
    throw new AppError('malformed-input', `${message} (line ${line}, column ${column})`, [
      { path: '', line, column, message },
    ]);
  }
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
