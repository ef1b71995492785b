// Arguments of the analyses side of GraphQL. The filter is GET /v1/analyses's query parameters, with their
// checks (AnalysisFilterFields); `first` is capped at MAX_PAGE (more is read as MAX_PAGE, as Relay lets a
// server do).
import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LABEL_FILTER } from '../../common/labels';
import { AnalysisFilterFields, MAX_LABEL_FILTERS } from './analysis.dto';

export const MAX_PAGE = 100;

@InputType({ description: 'Which analyses to list; every field given must match.' })
export class AnalysisFilter extends AnalysisFilterFields {
  @Field(() => [String], { nullable: true, description: 'key=value; all must match.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LABEL_FILTERS)
  @Matches(LABEL_FILTER, { each: true, message: '$property must be key=value' })
  labels?: string[];
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
