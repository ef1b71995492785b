// The bodies and query parameters of /v1/capacity. A POST takes a JSON body (one class per report), or the
// manifest itself as application/yaml with its options in the query. Shapes are checked here; meaning
// (quantities, resource names, label keys) by the service, so GraphQL reports it in the same words.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { type FieldValidation } from '@podfit/manifests';
import { DEFAULT_REPLICA_CAP } from '@podfit/scheduling';
import { FIELD_VALIDATIONS } from '../../analyses/dto/analysis.dto';
import { IsManifestInput, type ManifestInput } from '../../common/manifest-input';
import { CAPACITY_REPORT_KINDS, type CapacityReportKind } from '../capacity-report.view';

/** The most resources a reference pod's requests name. */
export const MAX_REQUESTS = 32;

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;

const MANIFEST_DOC =
  'The workloads: YAML or JSON text (several documents allowed), or a JSON object (a List works)';
const TEMPLATES_DOC =
  'The node templates a scale-out may add: podfit.dev/v1 NodeTemplate documents (or Nodes used as ones), as YAML or JSON text, or a JSON object';

/** What every report computed from a manifest takes in a JSON body. */
export class CapacityManifestBodyDto {
  @ApiProperty({ description: MANIFEST_DOC, oneOf: [{ type: 'string' }, { type: 'object' }] })
  @IsManifestInput()
  manifest!: ManifestInput;

  @ApiPropertyOptional({ description: 'Name of the stored inventory (or the `inventory` query parameter)' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  inventory?: string;

  @ApiPropertyOptional({
    enum: FIELD_VALIDATIONS,
    default: 'Warn',
    description: 'Unknown and duplicate fields, as the API server',
  })
  @IsOptional()
  @IsIn(FIELD_VALIDATIONS)
  fieldValidation?: FieldValidation;

  @ApiPropertyOptional({
    description: "The manifest's file name in problems and in each workload's `source`",
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  filename?: string;
}

export class MaxReplicasBodyDto extends CapacityManifestBodyDto {
  @ApiPropertyOptional({
    default: DEFAULT_REPLICA_CAP,
    minimum: 1,
    maximum: DEFAULT_REPLICA_CAP,
    description: 'Count at most this many replicas per workload',
  })
  @IsOptional()
  @IsInt()
  maxReplicas?: number;
}

export class PlanBodyDto extends CapacityManifestBodyDto {}

export class ScaleOutBodyDto extends CapacityManifestBodyDto {
  @ApiProperty({ description: TEMPLATES_DOC, oneOf: [{ type: 'string' }, { type: 'object' }] })
  @IsManifestInput()
  templates!: ManifestInput;
}

export class HeadroomBodyDto {
  @ApiPropertyOptional({ description: 'Name of the stored inventory (or the `inventory` query parameter)' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  inventory?: string;

  @ApiPropertyOptional({
    example: 'node.kubernetes.io/instance-type',
    description: 'A node label key to group nodes by',
  })
  @IsOptional()
  @IsString()
  @MaxLength(317)
  groupBy?: string;

  @ApiPropertyOptional({
    example: { cpu: '500m', memory: '1Gi' },
    description: 'The reference pod: its requests. Or give `manifest`',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsRequestsMap()
  requests?: Record<string, string>;

  @ApiPropertyOptional({
    description: 'The reference pod: a manifest of exactly one workload. Or give `requests`',
    oneOf: [{ type: 'string' }, { type: 'object' }],
  })
  @IsOptional()
  @IsManifestInput()
  manifest?: ManifestInput;

  @ApiPropertyOptional({ enum: FIELD_VALIDATIONS, default: 'Warn', description: 'For `manifest`' })
  @IsOptional()
  @IsIn(FIELD_VALIDATIONS)
  fieldValidation?: FieldValidation;

  @ApiPropertyOptional({ description: "The manifest's file name in problems" })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  filename?: string;
}

/** The query of every POST: dryRun, and the options of a raw YAML body. */
export class CapacityQueryDto {
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

  @ApiPropertyOptional({ enum: FIELD_VALIDATIONS, description: 'For a raw YAML body' })
  @IsOptional()
  @IsIn(FIELD_VALIDATIONS)
  fieldValidation?: FieldValidation;

  @ApiPropertyOptional({
    description: 'Name of the manifest file in problems and reports, for a raw YAML body',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  filename?: string;
}

export class MaxReplicasQueryDto extends CapacityQueryDto {
  @ApiPropertyOptional({
    default: DEFAULT_REPLICA_CAP,
    minimum: 1,
    maximum: DEFAULT_REPLICA_CAP,
    description: 'For a raw YAML body: count at most this many replicas per workload',
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  maxReplicas?: number;
}

export class HeadroomQueryDto extends CapacityQueryDto {
  @ApiPropertyOptional({ description: 'For a raw YAML body or none: a node label key to group nodes by' })
  @IsOptional()
  @IsString()
  @MaxLength(317)
  groupBy?: string;

  @ApiPropertyOptional({
    example: 'cpu=500m,memory=1Gi',
    description: "For no body: the reference pod's requests, as `podfit capacity headroom --requests`",
  })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  requests?: string;
}

export class ListCapacityReportsQueryDto {
  @ApiPropertyOptional({ enum: CAPACITY_REPORT_KINDS })
  @IsOptional()
  @IsIn(CAPACITY_REPORT_KINDS)
  kind?: CapacityReportKind;

  @ApiPropertyOptional({ description: 'Only reports on this inventory' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  inventory?: string;

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

/** An object of at most MAX_REQUESTS resource names to quantity strings. */
function IsRequestsMap(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isRequestsMap',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `$property must be an object of at most ${MAX_REQUESTS} resource names to quantity strings`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= MAX_REQUESTS &&
          Object.values(value).every((quantity) => typeof quantity === 'string'),
      },
    });
}
