// The Max-replicas report in GraphQL (cluster-capacity parity): the core's MaxReplicasReport with its
// perNode map as NodeReplicas entries.
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Warning } from '../../analyses/models/workload.model';
import { NodeReplicas } from './resource-usage.model';

@ObjectType({ description: 'How many replicas of one workload fit, each workload placed alone.' })
export class MaxReplicasWorkload {
  @Field() kind!: string;
  @Field() namespace!: string;
  @Field() name!: string;
  @Field({ description: 'The file it came from.' }) source!: string;
  @Field(() => Int, { description: 'Document index (0-based) in its file.' }) document!: number;

  @Field(() => Int, {
    description: 'Replicas that fit; for a DaemonSet, the nodes it would run on whose pod fits.',
  })
  maxReplicas!: number;

  @Field(() => [NodeReplicas], { description: 'Nodes in inventory order, only those that got some.' })
  perNode!: NodeReplicas[];

  @Field(() => [String], {
    description: 'The resources the stop names (`Insufficient <res>`; pods for `Too many pods`), sorted.',
  })
  limitedBy!: string[];

  @Field(() => String, {
    nullable: true,
    description: "kube-scheduler's `0/N nodes are available: …` for the replica that did not fit.",
  })
  stopMessage!: string | null;

  @Field({ description: 'The replica cap stopped the placement: more replicas might have fitted.' })
  hitReplicaCap!: boolean;

  @Field(() => [Warning], { description: 'What the simulation could not evaluate as kube-scheduler would.' })
  warnings!: Warning[];
}

@ObjectType({ description: 'How many replicas of each workload fit on the inventory as it is.' })
export class MaxReplicasReport {
  @Field(() => [MaxReplicasWorkload], { description: 'Valid workloads, in manifest order.' })
  workloads!: MaxReplicasWorkload[];
}
