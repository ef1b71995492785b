// The bodies and query parameters of /v1/capacity. A POST takes a JSON body (one class per report), or the
// manifest itself as application/yaml with its options in the query. Shapes are checked here; the rest (the
// replica cap, label keys, then quantities and resource names) by capacity-request.ts and the service, which
// GraphQL's mutations go through too, so both APIs report it in the same words.
import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { type FieldValidation } from '@podfit/manifests';
import { DEFAULT_REPLICA_CAP } from '@podfit/scheduling';
import {
  AnalyzeQueryDto,
  FIELD_VALIDATIONS,
  ListAnalysesQueryDto,
  toInt,
} from '../../analyses/dto/analysis.dto';
import { IsManifestInput, type ManifestInput } from '../../common/manifest-input';
import { CAPACITY_REPORT_KINDS, type CapacityReportKind } from '../capacity-report.view';

/** The most resources a reference pod's requests name. */
export const MAX_REQUESTS = 32;

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

/** The query of every POST: dryRun, and the options of a raw YAML body, as POST /v1/analyses takes them. */
export class CapacityQueryDto extends PickType(AnalyzeQueryDto, [
  'dryRun',
  'inventory',
  'fieldValidation',
  'filename',
] as const) {}

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

/** GET /v1/capacity/reports: its filters, and GET /v1/analyses's page size and cursor. */
export class ListCapacityReportsQueryDto extends PickType(ListAnalysesQueryDto, [
  'limit',
  'cursor',
] as const) {
  @ApiPropertyOptional({ enum: CAPACITY_REPORT_KINDS })
  @IsOptional()
  @IsIn(CAPACITY_REPORT_KINDS)
  kind?: CapacityReportKind;

  @ApiPropertyOptional({ description: 'Only reports on this inventory' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  inventory?: string;
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
