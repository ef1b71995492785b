// A new API token, as REST's POST /v1/tokens and GraphQL's createToken take it (one class, the same rules).
// The name, scopes and expiry rules are api-tokens.ts's, which the CLI applies too.
import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsOptional, IsString, registerDecorator, type ValidationArguments } from 'class-validator';
import { SCOPES, type Scope } from '../../auth/scopes';
import { parseExpiry, scopesProblem, TOKEN_NAME_RULE, tokenNameProblem } from '../api-tokens';

@InputType('CreateTokenInput', { description: 'A new API token.' })
export class CreateTokenDto {
  @Field({ description: 'A DNS label (a-z, 0-9, "-"; at most 63), unique among all tokens.' })
  @ApiProperty({ example: 'ci-deploy', description: TOKEN_NAME_RULE })
  @IsString()
  @Satisfies((value) => (typeof value === 'string' ? tokenNameProblem(value) : null))
  name!: string;

  @Field(() => [String], { description: `At least one of ${SCOPES.join(', ')}; admin includes the others.` })
  @ApiProperty({ enum: SCOPES, isArray: true, example: ['analyze'] })
  @IsArray()
  @IsString({ each: true })
  @Satisfies((value) => (Array.isArray(value) ? scopesProblem(value as string[]) : null))
  scopes!: Scope[];

  @Field(() => String, {
    nullable: true,
    description: 'When it expires, RFC 3339, in the future. Or give expiresIn.',
  })
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2027-01-31T00:00:00Z',
    description: 'RFC 3339, in the future',
  })
  @IsOptional()
  @IsString()
  @Satisfies((value) => (typeof value === 'string' ? expiryProblem(value) : null))
  expiresAt?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'How long it lives: 90d, 12h, 30m. Or give expiresAt.',
  })
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '90d',
    description: 'A duration: days (d), hours (h) or minutes (m)',
  })
  @IsOptional()
  @IsString()
  @Satisfies((value, args) =>
    isGiven((args.object as CreateTokenDto).expiresAt)
      ? 'give expiresAt or expiresIn, not both'
      : typeof value === 'string'
        ? expiryProblem(value)
        : null,
  )
  expiresIn?: string | null;
}

/** Whether an optional field was given: GraphQL clients send null for one they leave out. */
function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function expiryProblem(text: string): string | null {
  try {
    parseExpiry(text, new Date());
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A class-validator rule from a function that names the problem with a value, or returns null. */
function Satisfies(problem: (value: unknown, args: ValidationArguments) => string | null): PropertyDecorator {
  const problems = new WeakMap<object, string>();
  return (target, propertyName) =>
    registerDecorator({
      name: 'satisfies',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args) => `${args.property} ${problems.get(args.object) ?? 'is invalid'}` },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const found = problem(value, args);
          if (found !== null) problems.set(args.object, found);
          return found === null;
        },
      },
    });
}
