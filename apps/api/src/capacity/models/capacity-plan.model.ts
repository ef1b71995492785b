// The Plan report in GraphQL: the core's PlanReport with resource lists as ResourceQuantity entries and
// perNode maps as NodeReplicas entries. A dashboard reads a whole plan (workloads, nodes before and after,
// the cluster) within the depth limit, even under ScaleOut.plan.
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Warning } from '../../analyses/models/workload.model';
import { ResourceQuantity } from '../../graphql/resource-quantity.model';
import { NodeReplicas, ResourceUsage } from './resource-usage.model';

@ObjectType({
  description: 'One workload of a plan: what it asked for, what was placed, why the rest was not.',
})
export class PlanWorkload {
  @Field() kind!: string;
  @Field() namespace!: string;
  @Field() name!: string;
  @Field({ description: 'The file it came from.' }) source!: string;
  @Field(() => Int, { description: 'Document index (0-based) in its file.' }) document!: number;

  @Field(() => [ResourceQuantity], { description: "What one replica's pod requests (PodRequests)." })
  requests!: ResourceQuantity[];

  @Field(() => Int, { description: 'Replicas asked for; for a DaemonSet, the nodes its controller selects.' })
  wanted!: number;

  @Field(() => Int) placed!: number;
  @Field({ description: 'Every wanted replica was placed.' }) fits!: boolean;

  @Field(() => [NodeReplicas], { description: 'Nodes in inventory order, only those that got some.' })
  perNode!: NodeReplicas[];

  @Field(() => [String], {
    description: 'The resources the stop names (`Insufficient <res>`; pods for `Too many pods`), sorted.',
  })
  limitedBy!: string[];

  @Field(() => String, {
    nullable: true,
    description: "kube-scheduler's `0/N nodes are available: …` for the first replica that did not fit.",
  })
  stopMessage!: string | null;

  @Field(() => [Warning]) warnings!: Warning[];
}

@ObjectType({ description: "One node before and after the plan's pods are placed." })
export class PlanNode {
  @Field() name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The node template a scale-out added it from; null for an inventory node.',
  })
  template!: string | null;

  @Field() unschedulable!: boolean;

  @Field(() => Int, { description: 'Replicas of the plan placed here (DaemonSet pods included).' })
  placed!: number;

  @Field(() => [ResourceUsage]) before!: ResourceUsage[];
  @Field(() => [ResourceUsage]) after!: ResourceUsage[];
}

@ObjectType({ description: "The whole cluster's totals per resource, before and after the plan." })
export class ClusterUsage {
  @Field(() => [ResourceUsage]) before!: ResourceUsage[];
  @Field(() => [ResourceUsage]) after!: ResourceUsage[];
}

@ObjectType({ description: 'Workloads placed together, in order (DaemonSets first), on the inventory.' })
export class CapacityPlan {
  @Field({ description: 'Every workload placed every wanted replica.' }) fits!: boolean;

  @Field(() => [PlanWorkload], {
    description: 'In input order; invalid workloads and those without a replica count are left out.',
  })
  workloads!: PlanWorkload[];

  @Field(() => [PlanNode], { description: 'In inventory order, then any added nodes.' })
  nodes!: PlanNode[];

  @Field(() => ClusterUsage) cluster!: ClusterUsage;
}
