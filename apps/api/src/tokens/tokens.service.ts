// API tokens: create (the secret is in the answer and nowhere else), list, revoke. The SQL is api-tokens.ts's,
// which the CLI's `podfit token` commands run too.
import { Injectable } from '@nestjs/common';
import { Authenticator } from '../auth/authenticator';
import { DatabaseService } from '../database/database.service';
import { AppError } from '../errors/error-codes';
import {
  createToken,
  listTokens,
  parseExpiry,
  revokeToken,
  TokenNameTakenError,
  tokenView,
} from './api-tokens';
import { type CreateTokenDto } from './dto/create-token.dto';
import { type ApiToken, type ApiTokenList, type CreatedApiToken } from './models/api-token.model';

@Injectable()
export class TokensService {
  constructor(
    private readonly database: DatabaseService,
    private readonly authenticator: Authenticator,
  ) {}

  async create(input: CreateTokenDto): Promise<CreatedApiToken> {
    const now = new Date();
    const expiry = input.expiresAt ?? input.expiresIn ?? null;
    try {
      const { token, secret } = await createToken(this.database.pool, {
        name: input.name,
        scopes: input.scopes,
        expiresAt: expiry === null ? null : parseExpiry(expiry, now),
      });
      this.authenticator.tokenCreated(token);
      return { ...tokenView(token, now), token: secret };
    } catch (error) {
      if (error instanceof TokenNameTakenError) {
        throw new AppError('token-exists', error.message, [{ path: 'name', message: 'already taken' }]);
      }
      throw error;
    }
  }

  async list(): Promise<ApiTokenList> {
    const now = new Date();
    return { items: (await listTokens(this.database.pool)).map((token) => tokenView(token, now)) };
  }

  /** Revokes the token (again: a no-op that keeps the first revocation time) and returns it. */
  async revoke(id: string): Promise<ApiToken> {
    const revoked = await revokeToken(this.database.pool, id);
    if (revoked === null) throw new AppError('token-not-found', `token ${id} not found`);
    return tokenView(revoked.token, new Date());
  }
}
