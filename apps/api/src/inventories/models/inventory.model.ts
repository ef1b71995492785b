// Inventories in GraphQL: the same fields as REST's InventoryView. The list type has no `nodes`, so that
// `inventories` stays one database read however many inventories there are; one inventory has them.
import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'A named, versioned set of nodes and the pods bound to them. Ask `inventory(name)` for its nodes: the list leaves them out, so that it stays one database read.',
})
export class InventorySummary {
  @Field({ description: 'A DNS subdomain name, unique.' })
  name!: string;

  @Field()
  description!: string;

  @Field(() => Int, {
    description: 'Goes up by one on every change (the ETag of REST); pass it as `ifMatch`.',
  })
  version!: number;

  @Field(() => Int)
  nodeCount!: number;

  @Field(() => Int, { description: 'Pods bound to the inventory’s nodes and not terminated.' })
  podCount!: number;

  @Field({ description: 'ISO 8601, UTC, in milliseconds: 2025-01-31T08:00:00.000Z.' })
  createdAt!: string;

  @Field({ description: 'ISO 8601, UTC, in milliseconds.' })
  updatedAt!: string;
}

@ObjectType({ description: 'One inventory, with the allocation of its nodes.' })
export class Inventory extends InventorySummary {}
