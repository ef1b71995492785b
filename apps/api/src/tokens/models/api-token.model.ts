// An API token as REST and GraphQL return it: never its hash, and its secret only in the answer that
// created it. One class describes both transports (OpenAPI and GraphQL), so they cannot disagree.
import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { SCOPES, type Scope } from '../../auth/scopes';
import { type TokenStatus } from '../api-tokens';

const TOKEN_STATUSES: readonly TokenStatus[] = ['active', 'expired', 'revoked'];

@ObjectType({ description: 'An API token (never its secret, which only createToken returns, once).' })
export class ApiToken {
  @Field(() => ID)
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @Field({ description: 'A DNS label, unique among all tokens, revoked ones included.' })
  @ApiProperty({ example: 'ci-deploy' })
  name!: string;

  @Field({ description: 'The first characters of the secret, to tell tokens apart: podfit_ and 5 more.' })
  @ApiProperty({ example: 'podfit_Xb3kQ' })
  prefix!: string;

  @Field(() => [String], { description: `Some of ${SCOPES.join(', ')}; admin includes the others.` })
  @ApiProperty({ enum: SCOPES, isArray: true })
  scopes!: Scope[];

  @Field(() => String, { description: 'active, expired or revoked, as of the answer.' })
  @ApiProperty({ enum: TOKEN_STATUSES })
  status!: TokenStatus;

  @Field(() => GraphQLISODateTime)
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'null: the token never expires.' })
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  expiresAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  revokedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Kept to the minute.' })
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Kept to the minute' })
  lastUsedAt!: Date | null;
}

@ObjectType({ description: 'A token just created, with its secret: shown this once, stored nowhere.' })
export class CreatedApiToken extends ApiToken {
  @Field({ description: 'The secret to send as `Authorization: Bearer <token>`.' })
  @ApiProperty({ description: 'The secret: shown this once, stored nowhere (only its sha256 is kept)' })
  token!: string;
}

export class ApiTokenList {
  @ApiProperty({ type: [ApiToken] })
  items!: ApiToken[];
}
