// API tokens over GraphQL: the same TokensService calls as REST's TokensController, all under `admin`.
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireScope } from '../auth/auth.decorators';
import { UUID_ID } from '../common/uuid-id';
import { CreateTokenDto } from './dto/create-token.dto';
import { ApiToken, CreatedApiToken } from './models/api-token.model';
import { TokensService } from './tokens.service';

@Resolver(() => ApiToken)
@RequireScope('admin')
export class TokensResolver {
  constructor(private readonly tokens: TokensService) {}

  @Query(() => [ApiToken], {
    name: 'tokens',
    description: 'Every API token, newest first, revoked and expired ones included (REST: GET /v1/tokens).',
  })
  async list(): Promise<ApiToken[]> {
    return (await this.tokens.list()).items;
  }

  @Mutation(() => CreatedApiToken, {
    description: 'Creates an API token; its secret is in `token`, this once (REST: POST /v1/tokens).',
  })
  createToken(@Args('input') input: CreateTokenDto): Promise<CreatedApiToken> {
    return this.tokens.create(input);
  }

  @Mutation(() => ApiToken, {
    description:
      'Revokes a token (again: nothing changes); an unknown id is the error `token-not-found` (REST: DELETE /v1/tokens/{id}).',
  })
  revokeToken(@Args('id', { type: () => ID }, UUID_ID) id: string): Promise<ApiToken> {
    return this.tokens.revoke(id);
  }
}
