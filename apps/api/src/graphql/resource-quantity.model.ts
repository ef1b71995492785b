// Resource lists in GraphQL: the quantity as Kubernetes prints it (to show) and a number in base units,
// millicores for cpu (to chart). The quantity string is the exact value; the number is rounded up as
// kube-scheduler compares (MilliValue for cpu, Value for everything else) and may lose digits past 2^53.
import { Field, Float, ObjectType } from '@nestjs/graphql';
import { parseQuantity } from '@podfit/scheduling';

@ObjectType({ description: 'One resource of a resource list.' })
export class ResourceQuantity {
  @Field({
    description: 'Resource name: cpu, memory, ephemeral-storage, pods, hugepages-2Mi, nvidia.com/gpu…',
  })
  resource!: string;

  @Field({ description: 'The quantity as Kubernetes prints it (Quantity.String()): 250m, 1536Mi.' })
  quantity!: string;

  @Field(() => Float, {
    description: 'In base units, millicores for cpu: 250 for 250m, 1610612736 for 1536Mi.',
  })
  value!: number;
}

/** A resource list (resource name to quantity string) as ResourceQuantity entries, in the list's order. */
export function resourceQuantities(list: Readonly<Record<string, string>>): ResourceQuantity[] {
  return Object.entries(list).map(([resource, quantity]) => resourceQuantity(resource, quantity));
}

/** One resource's quantity string as a ResourceQuantity. */
export function resourceQuantity(resource: string, quantity: string): ResourceQuantity {
  const parsed = parseQuantity(quantity);
  return {
    resource,
    quantity,
    value: resource === 'cpu' ? parsed.milliValueNumber() : parsed.valueNumber(),
  };
}
