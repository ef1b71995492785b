// GraphQL arguments of the inventory fields and mutations, validated by the global ValidationPipe with the
// rules of REST's DTOs (inventory.dto.ts). `ifMatch` is REST's If-Match as a number: the version read.
import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsManifestInput } from '../../common/manifest-input';
import { LABEL_SELECTOR_MAX_LENGTH } from './inventory.dto';

@ArgsType()
export class NodesArgs {
  @Field({
    nullable: true,
    description:
      'Only the nodes whose labels match, as `kubectl get nodes -l`: `topology.kubernetes.io/zone in (eu-1a,eu-1b),!node-role.kubernetes.io/control-plane`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(LABEL_SELECTOR_MAX_LENGTH)
  labelSelector?: string;
}

@ArgsType()
export class InventoryWriteArgs {
  @Field()
  @IsString()
  name!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The version you read: the change fails with `version-conflict` if the inventory moved on since.',
  })
  @IsOptional()
  @IsInt()
  ifMatch?: number | null;
}

@ArgsType()
export class ImportNodesArgs extends InventoryWriteArgs {
  @Field({ description: 'What `kubectl get nodes -o json` or `-o yaml` prints, as text.' })
  @IsManifestInput()
  nodes!: string;
}

@ArgsType()
export class ImportPodsArgs extends InventoryWriteArgs {
  @Field({
    description:
      'What `kubectl get pods -A -o json` or `-o yaml` prints, as text; only pods bound to the inventory’s nodes and not terminated count.',
  })
  @IsManifestInput()
  pods!: string;
}
