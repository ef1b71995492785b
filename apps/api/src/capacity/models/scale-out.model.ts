// The Scale-out report in GraphQL: the fewest nodes of each template to add so the plan fits, their cost,
// and the plan with the recommended nodes added. Prices stay the exact decimal strings REST gives.
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { CapacityPlan } from './capacity-plan.model';

@ObjectType({ description: 'How many nodes of one template make the plan fit.' })
export class ScaleOutOption {
  @Field() template!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The fewest nodes of this template that make every workload fit; null when no count does.',
  })
  nodesToAdd!: number | null;

  @Field(() => String, { nullable: true, description: 'Price of one node per hour, as given (0.192).' })
  hourlyPrice!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'nodesToAdd × hourlyPrice, exact decimal; null without a price or without a count.',
  })
  hourlyCost!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Why no count of this template makes the plan fit (kube-scheduler's words).",
  })
  reason!: string | null;
}

@ObjectType({ description: 'The fewest nodes of each template to add so the plan fits, and their cost.' })
export class ScaleOut {
  @Field({ description: 'The plan fits the inventory as it is: every option adds 0 nodes.' })
  fitsAsIs!: boolean;

  @Field(() => [ScaleOutOption], { description: 'One per template, in the order given.' })
  options!: ScaleOutOption[];

  @Field(() => String, {
    nullable: true,
    description:
      'The template to take: the cheapest where every feasible option has a price, else the fewest nodes; ties to the first given. Null when none fits.',
  })
  recommended!: string | null;

  @Field(() => CapacityPlan, { description: 'The plan with the recommended nodes added.' })
  plan!: CapacityPlan;
}
