// Arguments of the analyses side of GraphQL. The filter mirrors GET /v1/analyses's query parameters and
// their checks; `first` is capped at MAX_PAGE (more is read as MAX_PAGE, as Relay lets a server do).
import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsRFC3339,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const MAX_PAGE = 100;
const LABEL_FILTER = /^[^=,\s]+=[^=,\s]*$/;

@InputType({ description: 'Which analyses to list; every field given must match.' })
export class AnalysisFilter {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(253) inventory?: string;
  @Field({ nullable: true, description: 'Some workload is in this namespace.' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  namespace?: string;
  @Field({ nullable: true, description: 'Some workload is of this kind (deployment, Deployment…).' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  kind?: string;
  @Field({ nullable: true, description: 'Some workload has this name.' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  name?: string;

  @Field(() => [String], { nullable: true, description: 'key=value; all must match.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(16)
  @Matches(LABEL_FILTER, { each: true, message: '$property must be key=value' })
  labels?: string[];

  @Field({ nullable: true, description: 'Created at or after (RFC 3339).' })
  @IsOptional()
  @IsRFC3339()
  since?: string;
  @Field({ nullable: true, description: 'Created before (RFC 3339).' })
  @IsOptional()
  @IsRFC3339()
  until?: string;

  @Field({ nullable: true, description: 'true: every workload fits somewhere; false: some fits nowhere.' })
  @IsOptional()
  @IsBoolean()
  schedulable?: boolean;
}

@ArgsType()
export class AnalysesArgs {
  @Field(() => AnalysisFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnalysisFilter)
  filter?: AnalysisFilter;

  @Field(() => Int, {
    defaultValue: 20,
    description: `Page size, at most ${MAX_PAGE} (more reads ${MAX_PAGE}).`,
  })
  @IsInt()
  @Min(1)
  first!: number;

  @Field({ nullable: true, description: 'The cursor of the last analysis of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}

@ArgsType()
export class WorkloadHistoryArgs {
  @Field({ description: 'deployment, deployments or Deployment, as kubectl reads kinds.' })
  @IsString()
  @MaxLength(64)
  kind!: string;
  @Field() @IsString() @MaxLength(253) namespace!: string;
  @Field() @IsString() @MaxLength(253) name!: string;
  @Field({ nullable: true, description: 'Only analyses against this inventory.' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  inventory?: string;

  @Field(() => Int, {
    defaultValue: 50,
    description: `Page size, at most ${MAX_PAGE} (more reads ${MAX_PAGE}).`,
  })
  @IsInt()
  @Min(1)
  first!: number;

  @Field({ nullable: true, description: 'nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}
