// The GraphQL input of createInventory, held to the rules of REST's CreateInventoryDto (the same
// validators and limits), so both transports accept and refuse the same inventories. Nodes and pods come
// as the text kubectl prints.
import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsManifestInput } from '../../common/manifest-input';
import { DESCRIPTION_MAX_LENGTH, IsInventoryName } from './inventory.dto';

@InputType({ description: 'A new inventory, optionally with its nodes and pods.' })
export class CreateInventoryInput {
  @Field({ description: 'A DNS subdomain name (lowercase a-z, 0-9, "-", "."; at most 253), unique.' })
  @IsString()
  @IsInventoryName()
  name!: string;

  @Field({ nullable: true, description: `At most ${DESCRIPTION_MAX_LENGTH} characters.` })
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  description?: string;

  @Field({ nullable: true, description: 'What `kubectl get nodes -o json` or `-o yaml` prints, as text.' })
  @IsOptional()
  @IsManifestInput()
  nodes?: string;

  @Field({
    nullable: true,
    description:
      'What `kubectl get pods -A -o json` or `-o yaml` prints, as text; only pods bound to the given nodes and not terminated count.',
  })
  @IsOptional()
  @IsManifestInput()
  pods?: string;
}
