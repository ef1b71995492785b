// The Headroom report in GraphQL: what is left per node and per node group, in resources and in pods of a
// reference size.
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ResourceQuantity } from '../../graphql/resource-quantity.model';
import { ResourceUsage } from './resource-usage.model';

@ObjectType({ description: 'The pod whose fit headroom counts.' })
export class ReferencePod {
  @Field(() => [ResourceQuantity], { description: "The pod's requests (PodRequests)." })
  requests!: ResourceQuantity[];
}

@ObjectType({ description: 'Headroom of one node.' })
export class HeadroomNode {
  @Field() name!: string;

  @Field(() => String, {
    nullable: true,
    description: "The group-by label's value; null without groupBy or when the node lacks the label.",
  })
  group!: string | null;

  @Field() unschedulable!: boolean;
  @Field(() => [ResourceUsage]) resources!: ResourceUsage[];

  @Field(() => Int, {
    nullable: true,
    description: 'How many more reference pods fit on this node alone; null without a reference pod.',
  })
  referencePods!: number | null;
}

@ObjectType({ description: 'Headroom summed over a group of nodes, or the whole cluster.' })
export class HeadroomGroup {
  @Field(() => String, {
    nullable: true,
    description: 'The label value; null for the nodes without the label, and for the cluster total.',
  })
  group!: string | null;

  @Field(() => Int) nodes!: number;
  @Field(() => [ResourceUsage]) resources!: ResourceUsage[];

  @Field(() => Int, {
    nullable: true,
    description: "Sum of the group's nodes' referencePods; null without a reference pod.",
  })
  referencePods!: number | null;
}

@ObjectType({ description: 'What is left per node and per node group.' })
export class Headroom {
  @Field(() => String, { nullable: true, description: 'The label nodes are grouped by; null for none.' })
  groupBy!: string | null;

  @Field(() => ReferencePod, { nullable: true, description: 'null when none was given.' })
  referencePod!: ReferencePod | null;

  @Field(() => [HeadroomNode], { description: 'In inventory order.' }) nodes!: HeadroomNode[];

  @Field(() => [HeadroomGroup], {
    description:
      'One per label value in byte order, then the nodes without the label (group null); empty without groupBy.',
  })
  groups!: HeadroomGroup[];

  @Field(() => HeadroomGroup) total!: HeadroomGroup;
}
