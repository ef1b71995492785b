// Rows shared by the capacity reports in GraphQL: a resource's totals on a node or a set of nodes, and the
// replicas a workload placed on one node (the reports' `perNode` maps, as entries). REST's field names are
// kept; each quantity also comes as a number in base units, as ResourceQuantity gives one, to chart.
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    "One resource's totals on a node or a set of nodes. The quantities are exact, as Kubernetes prints them; each *Value is the same in base units (millicores for cpu), rounded up as kube-scheduler compares.",
})
export class ResourceUsage {
  @Field({ description: 'cpu, memory, ephemeral-storage, then hugepages-* and the rest by name, then pods.' })
  resource!: string;

  @Field({ description: 'Allocatable (capacity where the node lists none).' })
  allocatable!: string;

  @Field(() => Float) allocatableValue!: number;

  @Field({ description: 'Summed requests of the pods on the node(s); for pods, the number of pods.' })
  requested!: string;

  @Field(() => Float) requestedValue!: number;

  @Field({ description: 'Allocatable minus requested; negative when overcommitted.' })
  free!: string;

  @Field(() => Float) freeValue!: number;

  @Field(() => Int, {
    description:
      'Requested of allocatable, truncated as `kubectl describe node` prints it; 0 when allocatable is 0.',
  })
  percent!: number;
}

@ObjectType({ description: 'How many replicas of a workload were placed on one node.' })
export class NodeReplicas {
  @Field() node!: string;
  @Field(() => Int) replicas!: number;
}
