// `podfit token`: tokens as `kubectl get` prints objects (a table, or -o json|yaml of what the server's
// GET /v1/tokens returns), and the lines `token create` and `token revoke` print.
import { dump } from 'js-yaml';
import { type TokenJson } from '../../../api/src/tokens/api-tokens';
import { YAML_OPTIONS } from './structured.printer';
import { writeTable } from './tab-writer';

export const TOKEN_LIST_FORMATS = ['table', 'json', 'yaml'] as const;
export type TokenListFormat = (typeof TOKEN_LIST_FORMATS)[number];

/** `token create`: the secret alone on stdout (`token`, for `$(podfit token create …)`), or the JSON. */
export const TOKEN_CREATE_FORMATS = ['token', 'json'] as const;
export type TokenCreateFormat = (typeof TOKEN_CREATE_FORMATS)[number];

const HEADERS = ['NAME', 'PREFIX', 'SCOPES', 'STATUS', 'CREATED', 'EXPIRES', 'LAST USED', 'ID'];

/** Writes the tokens (`token list`): a table with one row each, or `{items}` as JSON or YAML. */
export function printTokens(
  tokens: readonly TokenJson[],
  options: { readonly output: TokenListFormat; readonly headers: boolean },
  write: (text: string) => void,
): void {
  const body = { items: tokens };
  if (options.output === 'json') return write(`${JSON.stringify(body, null, 2)}\n`);
  if (options.output === 'yaml') return write(dump(body, YAML_OPTIONS));
  writeTable(options.headers ? HEADERS : null, tokens.map(row), write);
}

/** The note `token create` writes on stderr: what was made, and that the secret is shown this once. */
export function createdNote(token: TokenJson): string {
  const expiry = token.expiresAt === null ? 'never expires' : `expires ${token.expiresAt}`;
  return (
    `token/${token.name} created (id ${token.id}, scopes ${token.scopes.join(',')}, ${expiry}). ` +
    'Its secret is shown this once and stored nowhere: keep it now (the podfit CLI sends $PODFIT_TOKEN).\n'
  );
}

/** `token/ci revoked`, or when it was already: `token/ci was revoked already, at …`. */
export function revokedLine(token: TokenJson, wasRevoked: boolean): string {
  return wasRevoked
    ? `token/${token.name} was revoked already, at ${token.revokedAt}\n`
    : `token/${token.name} revoked\n`;
}

function row(token: TokenJson): string[] {
  return [
    token.name,
    token.prefix,
    token.scopes.join(','),
    token.status,
    token.createdAt,
    token.expiresAt ?? '',
    token.lastUsedAt ?? '',
    token.id,
  ];
}
