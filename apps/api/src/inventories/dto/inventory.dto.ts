import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, registerDecorator } from 'class-validator';
import { isDNS1123Subdomain } from '@podfit/scheduling';
import { IsManifestInput, type ManifestInput } from '../../common/manifest-input';

export const INVENTORY_NAME_RULE =
  'must be a lowercase DNS subdomain of at most 253 characters (a-z, 0-9, "-", ".")';
export const DESCRIPTION_MAX_LENGTH = 4096;
export const LABEL_SELECTOR_MAX_LENGTH = 4096;
const NODES_DOC =
  'What `kubectl get nodes -o json` prints (a List or NodeList), as JSON or as YAML/JSON text';
const PODS_DOC =
  'What `kubectl get pods -A -o json` prints; only pods bound to known nodes and not terminated count';

export class InventoryContentDto {
  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  description?: string;

  @ApiPropertyOptional({ description: NODES_DOC, oneOf: [{ type: 'object' }, { type: 'string' }] })
  @IsOptional()
  @IsManifestInput()
  nodes?: ManifestInput;

  @ApiPropertyOptional({ description: PODS_DOC, oneOf: [{ type: 'object' }, { type: 'string' }] })
  @IsOptional()
  @IsManifestInput()
  pods?: ManifestInput;
}

export class CreateInventoryDto extends InventoryContentDto {
  @ApiProperty({ example: 'prod-eu', description: 'A DNS subdomain name, unique' })
  @IsString()
  @IsInventoryName()
  name!: string;
}

export class NodesQueryDto {
  @ApiPropertyOptional({
    description: 'Label selector, as `kubectl get nodes -l`',
    example: 'topology.kubernetes.io/zone=eu-1a',
  })
  @IsOptional()
  @IsString()
  @MaxLength(LABEL_SELECTOR_MAX_LENGTH)
  labelSelector?: string;
}

export function IsInventoryName(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInventoryName',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property ${INVENTORY_NAME_RULE}` },
      validator: { validate: (value: unknown) => typeof value === 'string' && isDNS1123Subdomain(value) },
    });
}
