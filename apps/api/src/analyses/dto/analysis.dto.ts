import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsRFC3339,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { type FieldValidation } from '@podfit/manifests';
import { IsLabels, LABEL_FILTER } from '../../common/labels';
import { IsManifestInput, type ManifestInput } from '../../common/manifest-input';

export const FIELD_VALIDATIONS = ['Strict', 'Warn', 'Ignore'] as const;
export const MAX_LABEL_FILTERS = 16;

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;
const toArray = ({ value }: { value: unknown }) =>
  value === undefined || Array.isArray(value) ? value : [value];
export const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

export class ManifestFileDto {
  @ApiProperty({ example: 'web.yaml' }) @IsString() @MaxLength(1024) name!: string;
  @ApiProperty({ description: 'The file text, YAML or JSON' }) @IsString() content!: string;
}

export class CreateAnalysisDto {
  @ApiPropertyOptional({
    description:
      'The manifest: YAML or JSON text (several documents allowed), or a JSON object (a List works)',
    oneOf: [{ type: 'string' }, { type: 'object' }],
  })
  @ValidateIf((dto: CreateAnalysisDto) => dto.files === undefined)
  @IsManifestInput()
  manifest?: ManifestInput;

  @ApiPropertyOptional({ type: [ManifestFileDto], description: 'Several named files instead of `manifest`' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ManifestFileDto)
  files?: ManifestFileDto[];

  @ApiPropertyOptional({ description: 'Name of a stored inventory to fit the workloads on' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  inventory?: string;

  @ApiPropertyOptional({
    description: 'Free key/values (pipeline, commit, environment), under Kubernetes label rules',
  })
  @IsOptional()
  @IsLabels()
  labels?: Record<string, string>;

  @ApiPropertyOptional({
    enum: FIELD_VALIDATIONS,
    default: 'Warn',
    description: 'Unknown and duplicate fields, as the API server',
  })
  @IsOptional()
  @IsIn(FIELD_VALIDATIONS)
  fieldValidation?: FieldValidation;
}

export class AnalyzeQueryDto {
  @ApiPropertyOptional({ description: 'Compute without storing (200)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ description: 'Inventory name, for a raw YAML body' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  inventory?: string;

  @ApiPropertyOptional({ description: 'key=value, repeatable, for a raw YAML body', type: [String] })
  @IsOptional()
  @Transform(toArray)
  @IsArray()
  @ArrayMaxSize(64)
  @Matches(LABEL_FILTER, { each: true, message: 'label must be key=value' })
  label?: string[];

  @ApiPropertyOptional({ enum: FIELD_VALIDATIONS, description: 'For a raw YAML body' })
  @IsOptional()
  @IsIn(FIELD_VALIDATIONS)
  fieldValidation?: FieldValidation;

  @ApiPropertyOptional({
    description: 'Name of the manifest file in problems and results, for a raw YAML body',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  filename?: string;

  @ApiPropertyOptional({
    enum: ['nodes'],
    description: "Add every node's verdict (fit.nodes) to each workload",
  })
  @IsOptional()
  @IsIn(['nodes'])
  include?: 'nodes';
}

export class GetAnalysisQueryDto {
  @ApiPropertyOptional({
    enum: ['nodes'],
    description: "Recompute every node's verdict from the inventory version used",
  })
  @IsOptional()
  @IsIn(['nodes'])
  include?: 'nodes';
}

/**
 * What both list APIs filter analyses by, with the same checks: GET /v1/analyses's query parameters and
 * GraphQL's AnalysisFilter. Each adds its label filter (REST `label`, GraphQL `labels`).
 */
@InputType({ isAbstract: true })
export class AnalysisFilterFields {
  @Field({ nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(253)
  inventory?: string;

  @Field({ nullable: true, description: 'Some workload is in this namespace.' })
  @ApiPropertyOptional({ description: 'Some workload is in this namespace' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  namespace?: string;

  @Field({ nullable: true, description: 'Some workload is of this kind (deployment, Deployment…).' })
  @ApiPropertyOptional({ description: 'Some workload is of this kind (deployment, Deployment…)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  kind?: string;

  @Field({ nullable: true, description: 'Some workload has this name.' })
  @ApiPropertyOptional({ description: 'Some workload has this name' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  name?: string;

  @Field({ nullable: true, description: 'Created at or after (RFC 3339).' })
  @ApiPropertyOptional({ description: 'Created at or after (RFC 3339)' })
  @IsOptional()
  @IsRFC3339()
  since?: string;

  @Field({ nullable: true, description: 'Created before (RFC 3339).' })
  @ApiPropertyOptional({ description: 'Created before (RFC 3339)' })
  @IsOptional()
  @IsRFC3339()
  until?: string;

  @Field({ nullable: true, description: 'true: every workload fits somewhere; false: some fits nowhere.' })
  @ApiPropertyOptional({
    description: 'true: every workload fits somewhere; false: some workload fits nowhere',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  schedulable?: boolean;
}

export class ListAnalysesQueryDto extends AnalysisFilterFields {
  @ApiPropertyOptional({ description: 'key=value, repeatable; all must match', type: [String] })
  @IsOptional()
  @Transform(toArray)
  @IsArray()
  @ArrayMaxSize(MAX_LABEL_FILTERS)
  @Matches(LABEL_FILTER, { each: true, message: 'label must be key=value' })
  label?: string[];

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class HistoryQueryDto {
  @ApiPropertyOptional({ description: 'Only analyses against this inventory' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  inventory?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
