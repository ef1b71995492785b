// A workload's footprint over time in GraphQL: one entry per analysis that held it, newest first.
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Label } from '../../graphql/label.model';
import { ResourceQuantity } from '../../graphql/resource-quantity.model';
import { InventoryRef } from './analysis.model';
import { WorkloadChange } from './workload.model';

@ObjectType()
export class WorkloadHistoryEntry {
  @Field(() => ID) analysisId!: string;
  @Field() createdAt!: Date;
  @Field(() => InventoryRef, { nullable: true }) inventory!: InventoryRef | null;
  @Field(() => [Label]) labels!: Label[];
  @Field(() => Int, { nullable: true }) replicas!: number | null;
  @Field() isValid!: boolean;
  @Field(() => String, { nullable: true }) qosClass!: string | null;
  @Field(() => [ResourceQuantity], { nullable: true }) requests!: ResourceQuantity[] | null;
  @Field(() => [ResourceQuantity], { nullable: true }) limits!: ResourceQuantity[] | null;
  @Field(() => Float, { nullable: true, description: "The pod's cpu request in millicores." })
  cpuMillis!: number | null;
  @Field(() => Float, { nullable: true, description: "The pod's memory request in bytes." })
  memoryBytes!: number | null;
  @Field(() => Int, { nullable: true }) feasibleNodes!: number | null;
  @Field(() => Int, { nullable: true }) totalNodes!: number | null;
  @Field(() => Boolean, { nullable: true, description: 'null when analysed without an inventory.' })
  isSchedulable!: boolean | null;
  @Field(() => WorkloadChange, { nullable: true }) change!: WorkloadChange | null;
}

@ObjectType()
export class WorkloadHistory {
  @Field({ description: 'The canonical kind: Deployment for deployment or deployments.' }) kind!: string;
  @Field() namespace!: string;
  @Field() name!: string;
  @Field(() => [WorkloadHistoryEntry]) items!: WorkloadHistoryEntry[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page.' })
  nextCursor!: string | null;
}
