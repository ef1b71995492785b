// Who is calling. A request's bearer token is checked against api_tokens (by its hash); without one, the
// request gets the open principal only while the server runs open. Open mode is decided at start: HOST is a
// loopback address, no active token exists, and PODFIT_AUTH is not `required`. It ends, for good in this
// process, as soon as a token exists: one created through the API, or any valid token presented (one
// created with the CLI meanwhile).
import { BlockList, isIPv6 } from 'node:net';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Env } from '../config/env';
import { DatabaseService } from '../database/database.service';
import { sqlState } from '../errors/database-errors';
import { authenticateSecret, hasActiveToken, type Rejection, type TokenRecord } from '../tokens/api-tokens';
import { invalidToken, notBearer } from './auth-errors';
import { type Principal } from './principal';
import { SCOPES } from './scopes';

/** The caller when the server runs open: every scope, no token. */
export const OPEN_PRINCIPAL: Principal = { tokenId: null, tokenName: null, scopes: new Set(SCOPES) };

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Whether HOST names a loopback address: 127.0.0.0/8, ::1 (IPv4-mapped too) or localhost. */
export function isLoopbackHost(host: string): boolean {
  const address = host.replace(/^\[(.*)\]$/, '$1');
  if (address.toLowerCase() === 'localhost') return true;
  try {
    return LOOPBACK.check(address, isIPv6(address) ? 'ipv6' : 'ipv4');
  } catch {
    // Not an IP address at all (a host name): never loopback for certain.
    return false;
  }
}

const BEARER_RE = /^Bearer +(\S+) *$/i;
const UNDEFINED_TABLE = '42P01';

@Injectable()
export class Authenticator implements OnApplicationBootstrap {
  private static readonly logger = new Logger('Auth');
  private isOpen = false;

  constructor(
    private readonly env: Env,
    private readonly database: DatabaseService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const log = Authenticator.logger;
    const isLoopback = isLoopbackHost(this.env.HOST);
    const hasTokens = await this.hasActiveToken();
    this.isOpen = isLoopback && !hasTokens && this.env.PODFIT_AUTH === 'auto';
    if (this.isOpen) {
      log.warn(
        `OPEN MODE: HOST ${this.env.HOST} is a loopback address and no API token exists, so every request is served without a token, with every scope; create a token (\`podfit token create NAME --scope admin\`) or set PODFIT_AUTH=required to require tokens`,
      );
    } else if (!hasTokens) {
      const why = isLoopback ? 'PODFIT_AUTH=required' : `HOST ${this.env.HOST} is not a loopback address`;
      log.warn(
        `no active API token exists and ${why}: every request except /healthz, /readyz, /metrics and the API documents is refused with 401 until a token is created with \`podfit token create NAME --scope admin\``,
      );
    } else {
      log.log(
        'API tokens required: every request but health, metrics and docs needs `Authorization: Bearer`',
      );
    }
  }

  /**
   * The principal of a request with this Authorization header (undefined when it has none): the token's,
   * the open principal, or null when a token is needed. Throws a 401 AppError for a bad token.
   */
  async authenticate(authorization: string | undefined): Promise<Principal | null> {
    if (authorization === undefined) return this.isOpen ? OPEN_PRINCIPAL : null;
    const bearer = BEARER_RE.exec(authorization);
    if (bearer === null) throw notBearer();
    const result = await authenticateSecret(this.database.pool, bearer[1]!);
    if (!result.isValid) throw invalidToken(rejectionMessage(result.rejection, result.token));
    if (this.isOpen) this.endOpenMode(`token "${result.token.name}" was presented`);
    const { token } = result;
    return { tokenId: token.id, tokenName: token.name, scopes: new Set(token.scopes) };
  }

  /** A token was created through the API: the server no longer runs open. */
  tokenCreated(token: TokenRecord): void {
    if (this.isOpen) this.endOpenMode(`token "${token.name}" was created`);
  }

  private endOpenMode(reason: string): void {
    this.isOpen = false;
    Authenticator.logger.warn(`open mode ended (${reason}): every request now needs a token`);
  }

  // A database without api_tokens (not migrated) holds no token. Any other failure fails closed: the
  // server starts, requiring tokens.
  private async hasActiveToken(): Promise<boolean> {
    try {
      return await hasActiveToken(this.database.pool);
    } catch (error) {
      if (sqlState(error) === UNDEFINED_TABLE) return false;
      Authenticator.logger.warn(
        `cannot tell whether an API token exists (${error instanceof Error ? error.message : String(error)}): tokens are required`,
      );
      return true;
    }
  }
}

function rejectionMessage(rejection: Rejection, token: TokenRecord | null): string {
  switch (rejection) {
    case 'malformed':
      return 'the bearer token is malformed: podfit tokens are `podfit_` and 43 more characters';
    case 'unknown':
      return 'the bearer token is not known (it may have been deleted, or mistyped)';
    case 'expired':
      return `token "${token!.name}" expired at ${token!.expiresAt!.toISOString()}`;
    case 'revoked':
      return `token "${token!.name}" was revoked at ${token!.revokedAt!.toISOString()}`;
  }
}
