// One inventory in GraphQL: the list's fields (InventoryView) and, resolved by InventoriesResolver, its nodes.
import { ObjectType } from '@nestjs/graphql';
import { InventoryView } from '../inventory.view';

@ObjectType({ description: 'One inventory, with the allocation of its nodes.' })
export class Inventory extends InventoryView {}
