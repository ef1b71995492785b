// A node's "Allocated resources" as `kubectl describe node` prints them, in GraphQL: REST's NodeAllocation
// with its rows turned into one resource list per column. Every list holds the same resources in the same
// order (cpu, memory, ephemeral-storage, then hugepages-*, then the rest), so entry i of each describes
// the same resource.
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { type NodeAllocation } from '@podfit/scheduling';
import { Label } from '../../graphql/label.model';
import { ResourceQuantity, resourceQuantity } from '../../graphql/resource-quantity.model';

@ObjectType({ description: 'How much of one resource of a node its pods request and limit, in percent.' })
export class ResourceUtilisation {
  @Field()
  resource!: string;

  @Field(() => Int, {
    description:
      'Requests of allocatable, truncated as `kubectl describe node` prints it: 29m of 100m is 28 (int64(0.29 * 100)); 0 when allocatable is 0.',
  })
  requestsPercent!: number;

  @Field(() => Int, { description: 'Limits of allocatable, truncated the same way.' })
  limitsPercent!: number;
}

@ObjectType({
  description:
    'A node and what its non-terminated pods take of it, as `kubectl describe node` shows under "Allocated resources".',
})
export class InventoryNode {
  @Field()
  name!: string;

  @Field()
  unschedulable!: boolean;

  @Field(() => [Label], { description: 'Sorted by key, as `kubectl describe node` prints them.' })
  labels!: Label[];

  @Field(() => Int, { description: 'Pods bound to the node that have not Succeeded or Failed.' })
  podCount!: number;

  @Field(() => ResourceQuantity, {
    nullable: true,
    description: 'The node’s allocatable `pods`; null when it lists none.',
  })
  allocatablePods!: ResourceQuantity | null;

  @Field(() => [ResourceQuantity], { description: 'Allocatable (capacity where the node lists none).' })
  allocatable!: ResourceQuantity[];

  @Field(() => [ResourceQuantity], { description: 'The summed requests of the node’s pods (PodRequests).' })
  requested!: ResourceQuantity[];

  @Field(() => [ResourceQuantity], { description: 'The summed limits of the node’s pods (PodLimits).' })
  limits!: ResourceQuantity[];

  @Field(() => [ResourceQuantity], {
    description: 'Allocatable minus requested; negative when the node is overcommitted.',
  })
  free!: ResourceQuantity[];

  @Field(() => [ResourceUtilisation])
  utilisation!: ResourceUtilisation[];
}

/** REST's NodeAllocation in GraphQL's shape: the same quantities, one list per column. */
export function inventoryNode(allocation: NodeAllocation): InventoryNode {
  const rows = allocation.resources;
  return {
    name: allocation.name,
    unschedulable: allocation.unschedulable,
    labels: Object.keys(allocation.labels)
      .sort()
      .map((key) => ({ key, value: allocation.labels[key]! })),
    podCount: allocation.podCount,
    allocatablePods:
      allocation.allocatablePods === null ? null : resourceQuantity('pods', allocation.allocatablePods),
    allocatable: rows.map((row) => resourceQuantity(row.resource, row.allocatable)),
    requested: rows.map((row) => resourceQuantity(row.resource, row.requests)),
    limits: rows.map((row) => resourceQuantity(row.resource, row.limits)),
    free: rows.map((row) => resourceQuantity(row.resource, row.free)),
    utilisation: rows.map(({ resource, requestsPercent, limitsPercent }) => ({
      resource,
      requestsPercent,
      limitsPercent,
    })),
  };
}
