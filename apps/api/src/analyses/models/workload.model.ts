// A workload of an analysis in GraphQL: DESIGN.md's result with the pod's fields on the workload itself
// (requests, limits, QoS, containers, breakdown), resource lists as ResourceQuantity lists, and what
// changed since its previous analysis. Field values are those of the REST body, reshaped.
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ResourceQuantity } from '../../graphql/resource-quantity.model';

@ObjectType({ description: 'A container of the pod template, with its own requests and limits.' })
export class Container {
  @Field() name!: string;
  @Field({ description: 'app, init or sidecar (a restartable init container).' }) type!: string;
  @Field(() => [ResourceQuantity]) requests!: ResourceQuantity[];
  @Field(() => [ResourceQuantity]) limits!: ResourceQuantity[];
}

@ObjectType({ description: "Which term sets the pod's request of one resource." })
export class ResourceBreakdown {
  @Field() resource!: string;
  @Field({ description: 'containers, init, pod, overhead-only or none.' }) from!: string;
  @Field(() => String, { nullable: true, description: 'The init container that peaks, when from is init.' })
  container!: string | null;
  @Field(() => String, { nullable: true, description: 'Pod overhead added on top, if any.' })
  overhead!: string | null;
  @Field({ description: 'One sentence a person reads.' }) detail!: string;
}

@ObjectType({ description: 'A volume two or more containers mount.' })
export class SharedVolume {
  @Field() volume!: string;
  @Field(() => [String]) containers!: string[];
}

@ObjectType({ description: 'How many nodes gave one reason not to fit.' })
export class ReasonCount {
  @Field() reason!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: "One node's verdict, as kube-scheduler's filters and scores give it." })
export class NodeVerdict {
  @Field() name!: string;
  @Field() fits!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'The first filter plugin that failed; null if it fits.',
  })
  plugin!: string | null;
  @Field(() => [String]) reasons!: string[];
  @Field(() => Float, { nullable: true, description: 'Weighted score; null when the node does not fit.' })
  score!: number | null;
}

@ObjectType({ description: "Where the workload's pod fits in the inventory it was analysed against." })
export class Fit {
  @Field(() => Int) feasibleNodes!: number;
  @Field(() => Int) totalNodes!: number;
  @Field(() => String, { nullable: true, description: '`0/N nodes are available: …` when no node fits.' })
  message!: string | null;
  @Field(() => [ReasonCount]) reasonCounts!: ReasonCount[];
  @Field(() => [String], { description: 'The best-scored feasible nodes, at most 10, best first.' })
  bestNodes!: string[];
  @Field(() => [NodeVerdict], {
    nullable: true,
    description: "Every node's verdict, recomputed from the inventory version used (only when selected).",
  })
  nodes!: NodeVerdict[] | null;
}

@ObjectType({ description: 'Something the API server accepts but that is likely a mistake.' })
export class Warning {
  @Field() code!: string;
  @Field() path!: string;
  @Field() message!: string;
}

@ObjectType({ description: 'Something the API server would reject.' })
export class Problem {
  @Field() path!: string;
  @Field() message!: string;
}

@ObjectType({ description: 'How one resource quantity changed.' })
export class QuantityChange {
  @Field() resource!: string;
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
  @Field({ description: 'to - from with its sign: +512Mi, -250m.' }) delta!: string;
}

@ObjectType()
export class StringChange {
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
}

@ObjectType()
export class IntChange {
  @Field(() => Int, { nullable: true }) from!: number | null;
  @Field(() => Int, { nullable: true }) to!: number | null;
}

@ObjectType({ description: 'What changed since the previous analysis of the same workload and inventory.' })
export class WorkloadChange {
  @Field() previousAnalysisId!: string;
  @Field() previousCreatedAt!: Date;
  @Field(() => [QuantityChange], { description: 'Only the resources whose request changed.' })
  requests!: QuantityChange[];
  @Field(() => [QuantityChange], { description: 'Only the resources whose limit changed.' })
  limits!: QuantityChange[];
  @Field(() => StringChange, { nullable: true }) qosClass!: StringChange | null;
  @Field(() => IntChange, { nullable: true }) replicas!: IntChange | null;
  @Field(() => IntChange, { nullable: true }) feasibleNodes!: IntChange | null;
  @Field({ description: 'The changes as one line; `no change` when there are none.' }) summary!: string;
}

@ObjectType({ description: 'A workload of an analysis and what kube-scheduler reserves for its pod.' })
export class Workload {
  @Field() kind!: string;
  @Field() apiVersion!: string;
  @Field() namespace!: string;
  @Field() name!: string;
  @Field(() => Int, { nullable: true }) replicas!: number | null;
  @Field(() => Int, { description: 'Document index (0-based) in its file.' }) document!: number;
  @Field({ description: 'The file it came from.' }) source!: string;
  @Field(() => Int, { nullable: true, description: 'Line where the document starts, when known.' })
  line!: number | null;
  @Field({ description: 'False when the API server would reject it (see errors).' }) isValid!: boolean;
  @Field(() => String, { nullable: true }) qosClass!: string | null;
  @Field(() => [ResourceQuantity], { nullable: true, description: "The pod's effective requests." })
  requests!: ResourceQuantity[] | null;
  @Field(() => [ResourceQuantity], { nullable: true, description: "The pod's effective limits." })
  limits!: ResourceQuantity[] | null;
  @Field(() => [Container], { nullable: true }) containers!: Container[] | null;
  @Field(() => [ResourceBreakdown], { nullable: true }) breakdown!: ResourceBreakdown[] | null;
  @Field(() => [SharedVolume], { nullable: true }) sharedVolumes!: SharedVolume[] | null;
  @Field(() => Fit, { nullable: true, description: 'Present when analysed against an inventory.' })
  fit!: Fit | null;
  @Field(() => [Warning]) warnings!: Warning[];
  @Field(() => [Problem]) errors!: Problem[];
  @Field(() => WorkloadChange, { nullable: true }) change!: WorkloadChange | null;
}
