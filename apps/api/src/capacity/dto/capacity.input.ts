// Inputs of the capacity mutations: the JSON bodies of POST /v1/capacity/* as GraphQL inputs, plus dryRun
// (REST's query parameter). The resolver hands each to the same request builder as REST
// (capacity-request.ts), so both APIs refuse the same input with the same words; the checks here are
// only the shapes the ValidationPipe needs to let the fields through.
import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';

@InputType({ isAbstract: true })
class ManifestOnInventoryInput {
  @Field({ description: 'The workloads as YAML or JSON text; several documents and Lists allowed.' })
  @IsString()
  manifest!: string;

  @Field({ description: 'Name of the stored inventory; the report uses its current version.' })
  @IsString()
  inventory!: string;

  @Field({ nullable: true, description: 'Strict, Warn (default) or Ignore: unknown and duplicate fields.' })
  @IsOptional()
  @IsString()
  fieldValidation?: string;

  @Field({ nullable: true, description: "The manifest's file name in problems and each workload's source." })
  @IsOptional()
  @IsString()
  filename?: string;

  @Field({ defaultValue: false, description: 'Compute without storing; the report id is then null.' })
  @IsBoolean()
  dryRun!: boolean;
}

@InputType({ description: 'As the JSON body of POST /v1/capacity/max-replicas.' })
export class MaxReplicasInput extends ManifestOnInventoryInput {
  @Field(() => Int, { nullable: true, description: 'Count at most this many replicas per workload.' })
  @IsOptional()
  @IsInt()
  maxReplicas?: number;
}

@InputType({ description: 'As the JSON body of POST /v1/capacity/plans.' })
export class CapacityPlanInput extends ManifestOnInventoryInput {}

@InputType({ description: 'As the JSON body of POST /v1/capacity/scale-outs.' })
export class ScaleOutInput extends ManifestOnInventoryInput {
  @Field({
    description:
      'The node templates a scale-out may add: podfit.dev/v1 NodeTemplate documents (or Nodes used as ones), as YAML or JSON text.',
  })
  @IsString()
  templates!: string;
}

@InputType({ description: "One resource of the reference pod's requests." })
export class ResourceQuantityInput {
  @Field({ description: 'cpu, memory, ephemeral-storage, hugepages-2Mi, nvidia.com/gpu…' })
  @IsString()
  resource!: string;

  @Field({ description: 'A Kubernetes quantity: 500m, 1Gi.' })
  @IsString()
  quantity!: string;
}

@InputType({ description: 'As the JSON body of POST /v1/capacity/headroom.' })
export class HeadroomInput {
  @Field({ description: 'Name of the stored inventory; the report uses its current version.' })
  @IsString()
  inventory!: string;

  @Field({
    nullable: true,
    description: 'A node label key to group nodes by: node.kubernetes.io/instance-type.',
  })
  @IsOptional()
  @IsString()
  groupBy?: string;

  @Field(() => [ResourceQuantityInput], {
    nullable: true,
    description: 'The reference pod: its requests, each resource once. Or give manifest.',
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ResourceQuantityInput)
  requests?: ResourceQuantityInput[];

  @Field({
    nullable: true,
    description: 'The reference pod: a manifest of exactly one workload. Or give requests.',
  })
  @IsOptional()
  @IsString()
  manifest?: string;

  @Field({ nullable: true, description: 'Strict, Warn (default) or Ignore, for manifest.' })
  @IsOptional()
  @IsString()
  fieldValidation?: string;

  @Field({ nullable: true, description: "The manifest's file name in problems." })
  @IsOptional()
  @IsString()
  filename?: string;

  @Field({ defaultValue: false, description: 'Compute without storing; the report id is then null.' })
  @IsBoolean()
  dryRun!: boolean;
}
