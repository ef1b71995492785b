// What the API returns for an inventory: one class describes REST (OpenAPI) and GraphQL (where the list's
// type, InventorySummary, has no `nodes`, so that `inventories` stays one database read; models/Inventory
// adds them).
import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

@ObjectType('InventorySummary', {
  description:
    'A named, versioned set of nodes and the pods bound to them. Ask `inventory(name)` for its nodes: the list leaves them out, so that it stays one database read.',
})
export class InventoryView {
  @Field({ description: 'A DNS subdomain name, unique.' })
  @ApiProperty()
  name!: string;

  @Field()
  @ApiProperty()
  description!: string;

  @Field(() => Int, {
    description: 'Goes up by one on every change (the ETag of REST); pass it as `ifMatch`.',
  })
  @ApiProperty({ description: 'Goes up by one on every change; the ETag' })
  version!: number;

  @Field(() => Int)
  @ApiProperty()
  nodeCount!: number;

  @Field(() => Int, { description: 'Pods bound to the inventory’s nodes and not terminated.' })
  @ApiProperty()
  podCount!: number;

  @Field(() => GraphQLISODateTime)
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

export class InventoryListView {
  @ApiProperty({ type: [InventoryView] }) items!: InventoryView[];
}
