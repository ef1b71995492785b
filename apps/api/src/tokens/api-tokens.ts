// API tokens as the `api_tokens` table holds them, shared by the server (authentication, TokensService) and
// the CLI's `podfit token` commands, which bootstrap tokens against the database directly. Plain TypeScript
// and SQL on any `pg` pool or client: no Nest and no Prisma, so that the CLI bundle stays small.
//
// A token's secret is `podfit_` and 32 random bytes in base64url. It is shown once, when it is created;
// the table keeps only its sha256 (hex) and its first characters (`prefix`), which tell tokens apart.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SCOPES, type Scope } from '../auth/scopes';

export const TOKEN_SECRET_PREFIX = 'podfit_';
const SECRET_BYTES = 32;
const SECRET_RE = /^podfit_[A-Za-z0-9_-]{43}$/;
/** `podfit_` and five characters of the random part: 30 of its 256 bits, enough to tell tokens apart. */
const DISPLAY_PREFIX_LENGTH = TOKEN_SECRET_PREFIX.length + 5;

export const TOKEN_NAME_MAX_LENGTH = 63;
const TOKEN_NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const TOKEN_NAME_RULE =
  'must be a DNS label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit, and not a UUID';

const DURATION_RE = /^(\d{1,6})([mhd])$/;
const DURATION_UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MAX_LIFETIME_MS = 10 * 366 * DURATION_UNIT_MS.d;
const RFC3339_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
export const EXPIRY_RULE =
  'must be a duration such as 90d, 12h or 30m, or an RFC 3339 time such as 2027-01-31T00:00:00Z, in the future';

/** What a `pg` Pool or Client offers, as far as this module needs it. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

export type TokenStatus = 'active' | 'expired' | 'revoked';

/** One row of api_tokens, without its hash. */
export interface TokenRecord {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: Scope[];
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

/** A token as REST and GraphQL return it, never with its secret or hash; its status as of the answer. */
export interface TokenView {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: Scope[];
  readonly status: TokenStatus;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

/** A TokenView as JSON has it (times in ISO 8601): what the CLI's `-o json|yaml` prints. */
export type TokenJson = Omit<TokenView, 'createdAt' | 'expiresAt' | 'revokedAt' | 'lastUsedAt'> & {
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
};

export interface NewToken {
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly expiresAt: Date | null;
}

/** Why a bearer secret was refused; each is a 401. */
export type Rejection = 'malformed' | 'unknown' | 'expired' | 'revoked';

export type Authentication =
  | { readonly isValid: true; readonly token: TokenRecord }
  | { readonly isValid: false; readonly rejection: Rejection; readonly token: TokenRecord | null };

/** A token with this name exists already (names are unique, revoked tokens' included). */
export class TokenNameTakenError extends Error {
  constructor(readonly tokenName: string) {
    super(
      `a token named "${tokenName}" exists already (revoked tokens keep their names); choose another name`,
    );
    this.name = 'TokenNameTakenError';
  }
}

const COLUMNS = 'id, name, prefix, scopes, created_at, expires_at, revoked_at, last_used_at';

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/** sha256 of the secret, hex: what api_tokens.token_hash holds. */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `text` has the form of a podfit token secret (checked before any database read). */
export function isWellFormedSecret(text: string): boolean {
  return SECRET_RE.test(text);
}

/** The problem with `name` as a token name, or null when it is a good one. */
export function tokenNameProblem(name: string): string | null {
  return name.length <= TOKEN_NAME_MAX_LENGTH && TOKEN_NAME_RE.test(name) && !UUID_RE.test(name)
    ? null
    : TOKEN_NAME_RULE;
}

/** The problem with `scopes`, or null when they are known scopes, at least one, each once. */
export function scopesProblem(scopes: readonly string[]): string | null {
  if (scopes.length === 0) return `must hold at least one of ${SCOPES.join(', ')}`;
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) return `unknown scope "${unknown[0]}": must be one of ${SCOPES.join(', ')}`;
  if (new Set(scopes).size !== scopes.length) return 'must name each scope once';
  return null;
}

/**
 * When a token given `text` expires: `now` plus a duration (`90d`, `12h`, `30m`), or an RFC 3339 time.
 * Throws an Error whose message is EXPIRY_RULE (or says the time is past) when it is neither, or not later.
 */
export function parseExpiry(text: string, now: Date): Date {
  const duration = DURATION_RE.exec(text);
  let expiresAt: Date;
  if (duration !== null) {
    const ms = Number(duration[1]) * DURATION_UNIT_MS[duration[2] as keyof typeof DURATION_UNIT_MS];
    if (ms === 0 || ms > MAX_LIFETIME_MS) throw new Error('must be a duration between 1m and 3660d');
    expiresAt = new Date(now.getTime() + ms);
  } else if (isRfc3339(text)) {
    expiresAt = new Date(Date.parse(text.replace(' ', 'T')));
  } else {
    throw new Error(EXPIRY_RULE);
  }
  if (expiresAt.getTime() <= now.getTime()) {
    throw new Error(`must be in the future (${expiresAt.toISOString()} is not)`);
  }
  return expiresAt;
}

// RFC 3339's date-time, each field in its range (Date.parse alone takes February 30th). A leap second
// (:60) is refused: a JavaScript date cannot hold it.
function isRfc3339(text: string): boolean {
  const match = RFC3339_RE.exec(text);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  const [offsetHour, offsetMinute] = [match[8] ?? '0', match[9] ?? '0'].map(Number) as number[];
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return (
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59 &&
    offsetHour! <= 23 &&
    offsetMinute! <= 59
  );
}

/** active, expired (at or after expires_at) or revoked, as of `now`. */
export function tokenStatus(token: TokenRecord, now: Date): TokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** The token as shown, its status as of `now`. */
export function tokenView(token: TokenRecord, now: Date): TokenView {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    scopes: token.scopes,
    status: tokenStatus(token, now),
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    revokedAt: token.revokedAt,
    lastUsedAt: token.lastUsedAt,
  };
}

/** The token as the server's JSON shows it, its status as of `now`. */
export function tokenJson(token: TokenRecord, now: Date): TokenJson {
  const view = tokenView(token, now);
  return {
    ...view,
    createdAt: view.createdAt.toISOString(),
    expiresAt: view.expiresAt?.toISOString() ?? null,
    revokedAt: view.revokedAt?.toISOString() ?? null,
    lastUsedAt: view.lastUsedAt?.toISOString() ?? null,
  };
}

/** Creates a token; its secret is in the result and nowhere else. Throws TokenNameTakenError. */
export async function createToken(
  db: Queryable,
  token: NewToken,
): Promise<{ readonly token: TokenRecord; readonly secret: string }> {
  const secret = TOKEN_SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
  try {
    const { rows } = await db.query(
      `INSERT INTO api_tokens (id, name, token_hash, prefix, scopes, expires_at)
       VALUES ($1::uuid, $2, $3, $4, $5::text[], $6)
       RETURNING ${COLUMNS}`,
      [
        randomUUID(),
        token.name,
        hashTokenSecret(secret),
        secret.slice(0, DISPLAY_PREFIX_LENGTH),
        // Always in SCOPES' order, however they were asked for.
        SCOPES.filter((scope) => token.scopes.includes(scope)),
        token.expiresAt,
      ],
    );
    return { token: record(rows[0] as TokenRow), secret };
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') throw new TokenNameTakenError(token.name);
    throw error;
  }
}

/** Every token, revoked and expired ones included, newest first. */
export async function listTokens(db: Queryable): Promise<TokenRecord[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM api_tokens ORDER BY created_at DESC, id DESC`);
  return (rows as TokenRow[]).map(record);
}

/**
 * Revokes the token with this id (a UUID) or name. Returns it, and whether it was revoked already (then its
 * first revocation time stays); null when there is no such token.
 */
export async function revokeToken(
  db: Queryable,
  idOrName: string,
): Promise<{ readonly token: TokenRecord; readonly wasRevoked: boolean } | null> {
  const where = UUID_RE.test(idOrName) ? 'id = $1::uuid' : 'name = $1';
  const revoked = await db.query(
    `UPDATE api_tokens SET revoked_at = now() WHERE ${where} AND revoked_at IS NULL RETURNING ${COLUMNS}`,
    [idOrName],
  );
  if (revoked.rows.length > 0) return { token: record(revoked.rows[0] as TokenRow), wasRevoked: false };
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM api_tokens WHERE ${where}`, [idOrName]);
  return rows.length === 0 ? null : { token: record(rows[0] as TokenRow), wasRevoked: true };
}

/** Whether some token is neither revoked nor expired. */
export async function hasActiveToken(db: Queryable): Promise<boolean> {
  const { rows } = await db.query(
    'SELECT EXISTS (SELECT 1 FROM api_tokens WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())) AS "exists"',
  );
  return (rows[0] as { exists: boolean }).exists;
}

/**
 * Checks a bearer secret: one read by its sha256 (a unique index). The lookup's timing tells nothing of a
 * stored secret: a caller chooses the secret, not its hash, so no probe comes closer to a real one byte by
 * byte. A valid token's last_used_at is brought up to date in the same statement, at most once a minute,
 * so that authenticating stays a read almost always.
 */
export async function authenticateSecret(db: Queryable, secret: string): Promise<Authentication> {
  if (!isWellFormedSecret(secret)) return { isValid: false, rejection: 'malformed', token: null };
  const hash = hashTokenSecret(secret);
  const { rows } = await db.query(
    `WITH found AS (
       SELECT ${COLUMNS}, now() AS checked_at FROM api_tokens WHERE token_hash = $1),
     touched AS (
       UPDATE api_tokens t SET last_used_at = found.checked_at
         FROM found
        WHERE t.id = found.id AND found.revoked_at IS NULL
          AND (found.expires_at IS NULL OR found.expires_at > found.checked_at)
          AND (t.last_used_at IS NULL OR t.last_used_at < found.checked_at - interval '1 minute'))
     SELECT * FROM found`,
    [hash],
  );
  const row = rows[0] as (TokenRow & { checked_at: Date }) | undefined;
  if (row === undefined) return { isValid: false, rejection: 'unknown', token: null };
  const token = record(row);
  const status = tokenStatus(token, row.checked_at);
  if (status === 'active') return { isValid: true, token };
  return { isValid: false, rejection: status, token };
}

function record(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}
