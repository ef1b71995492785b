// Inventories over GraphQL: the same InventoriesService calls as REST's InventoriesController, so both
// return the same inventories, the same node allocation and the same errors.
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireScope } from '../auth/auth.decorators';
import { CreateInventoryInput } from './dto/create-inventory.input';
import { ImportNodesArgs, ImportPodsArgs, InventoryWriteArgs, NodesArgs } from './dto/inventory.args';
import { InventoriesService } from './inventories.service';
import { InventoryView } from './inventory.view';
import { InventoryNode, inventoryNode } from './models/inventory-node.model';
import { Inventory } from './models/inventory.model';

@Resolver(() => Inventory)
export class InventoriesResolver {
  constructor(private readonly inventories: InventoriesService) {}

  @Query(() => [InventoryView], { name: 'inventories', description: 'Every inventory, by name.' })
  @RequireScope('read')
  list(): Promise<InventoryView[]> {
    return this.inventories.list();
  }

  @Query(() => Inventory, {
    name: 'inventory',
    description: 'One inventory; an unknown name is the error `inventory-not-found`.',
  })
  @RequireScope('read')
  get(@Args('name') name: string): Promise<InventoryView> {
    return this.inventories.get(name);
  }

  @ResolveField('nodes', () => [InventoryNode], {
    description:
      'The nodes of the inventory’s current version in their imported order, each with what its pods take (REST: GET /v1/inventories/{name}/nodes). A bad selector is the error `malformed-input`.',
  })
  @RequireScope('read')
  async nodes(@Parent() inventory: InventoryView, @Args() args: NodesArgs): Promise<InventoryNode[]> {
    const allocations = await this.inventories.nodeAllocations(inventory.name, args.labelSelector);
    return allocations.map(inventoryNode);
  }

  @Mutation(() => Inventory, {
    description: 'Creates an inventory at version 1 (REST: POST /v1/inventories).',
  })
  @RequireScope('admin')
  createInventory(@Args('input') input: CreateInventoryInput): Promise<InventoryView> {
    return this.inventories.create(input);
  }

  @Mutation(() => Inventory, {
    description:
      'Replaces the nodes, keeping the pods still bound to one of them; the version goes up by one (REST: PUT /v1/inventories/{name}/nodes).',
  })
  @RequireScope('admin')
  importNodes(@Args() args: ImportNodesArgs): Promise<InventoryView> {
    return this.inventories.patch(args.name, { nodes: args.nodes }, ifMatchOf(args));
  }

  @Mutation(() => Inventory, {
    description:
      'Replaces the bound pods; the version goes up by one (REST: PUT /v1/inventories/{name}/pods).',
  })
  @RequireScope('admin')
  importPods(@Args() args: ImportPodsArgs): Promise<InventoryView> {
    return this.inventories.patch(args.name, { pods: args.pods }, ifMatchOf(args));
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes an inventory with every version of it, and answers true (REST: DELETE /v1/inventories/{name}).',
  })
  @RequireScope('admin')
  async deleteInventory(@Args() args: InventoryWriteArgs): Promise<boolean> {
    await this.inventories.remove(args.name, ifMatchOf(args));
    return true;
  }
}

/** REST's parsed If-Match for the version a GraphQL client read: none, or exactly that one. */
function ifMatchOf(args: InventoryWriteArgs): number[] | null {
  return args.ifMatch === undefined || args.ifMatch === null ? null : [args.ifMatch];
}
