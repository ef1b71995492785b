// An analysis in GraphQL, and the Relay connection `analyses` pages through (newest first).
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Label } from '../../graphql/label.model';
import { Workload } from './workload.model';

@ObjectType({ description: 'The inventory version an analysis was fitted against.' })
export class InventoryRef {
  @Field() name!: string;
  @Field(() => Int) version!: number;
}

@ObjectType({ description: 'The API token that created an analysis.' })
export class AnalysisCreator {
  @Field(() => ID) tokenId!: string;
  @Field() tokenName!: string;
}

@ObjectType({ description: 'A stored analysis (or a dry run, whose id is null).' })
export class Analysis {
  @Field(() => ID, { nullable: true, description: 'null for a dry run, which is not stored.' })
  id!: string | null;
  @Field() createdAt!: Date;
  @Field(() => InventoryRef, { nullable: true }) inventory!: InventoryRef | null;
  @Field(() => [Label]) labels!: Label[];
  @Field({ description: 'sha256 of the manifest text.' }) manifestSha256!: string;
  @Field(() => AnalysisCreator, { nullable: true, description: 'null when the server ran open.' })
  createdBy!: AnalysisCreator | null;
  @Field(() => Int) workloadCount!: number;
  @Field(() => Int, { description: 'Workloads that fit nowhere (a DaemonSet: not on every node).' })
  unschedulableCount!: number;
  @Field(() => [Workload], { description: 'In manifest order.' }) workloads!: Workload[];
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType()
export class AnalysisEdge {
  @Field({ description: 'Opaque; pass as `after` to read the analyses older than this one.' })
  cursor!: string;
  @Field(() => Analysis) node!: Analysis;
}

@ObjectType({ description: 'A page of analyses, newest first.' })
export class AnalysisConnection {
  @Field(() => [AnalysisEdge]) edges!: AnalysisEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
