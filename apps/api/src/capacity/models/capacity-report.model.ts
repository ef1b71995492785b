// A capacity report in GraphQL, stored or a dry run, and the Relay connection `capacityReports` pages
// through (newest first).
//
// The report is one nullable field per kind (maxReplicas, plan, scaleOut, headroom), the one named by
// `kind` set and the others null, rather than a union: a dashboard selects what it charts with plain
// fields, with no `... on` fragment per member and no __typename switch, and the report's own fields (id,
// kind, createdAt, inventory, htmlUrl) stay on one type whichever kind it is.
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type CapacityReportKind as ReportKind } from '@podfit/scheduling';
import { AnalysisCreator, InventoryRef, PageInfo } from '../../analyses/models/analysis.model';
import { CapacityPlan } from './capacity-plan.model';
import { Headroom } from './headroom.model';
import { MaxReplicasReport } from './max-replicas.model';
import { ScaleOut } from './scale-out.model';

/** The report kinds, spelled as the reports' `kind` in REST's JSON. */
export const CapacityReportKind = {
  MaxReplicas: 'MaxReplicas',
  CapacityPlan: 'CapacityPlan',
  ScaleOut: 'ScaleOut',
  Headroom: 'Headroom',
} as const satisfies { [K in ReportKind]: K };

registerEnumType(CapacityReportKind, {
  name: 'CapacityReportKind',
  description: "A capacity report's kind, as its `kind` in REST's JSON.",
});

@ObjectType({ description: 'A capacity report: stored, or a dry run (whose id is null).' })
export class CapacityReport {
  @Field(() => ID, { nullable: true, description: 'null for a dry run, which is not stored.' })
  id!: string | null;

  @Field(() => CapacityReportKind, { description: 'Which of the four report fields is set.' })
  kind!: ReportKind;

  @Field() createdAt!: Date;

  @Field(() => AnalysisCreator, {
    nullable: true,
    description: 'The API token that stored it; null for a dry run or when the server ran open.',
  })
  createdBy!: AnalysisCreator | null;

  @Field(() => InventoryRef, { description: 'The inventory version the report was made against.' })
  inventory!: InventoryRef;

  @Field(() => String, {
    nullable: true,
    description: 'Where the HTML report is served (a path on this server); null for a dry run.',
  })
  htmlUrl!: string | null;

  @Field(() => MaxReplicasReport, { nullable: true, description: 'Set when kind is MaxReplicas.' })
  maxReplicas!: MaxReplicasReport | null;

  @Field(() => CapacityPlan, { nullable: true, description: 'Set when kind is CapacityPlan.' })
  plan!: CapacityPlan | null;

  @Field(() => ScaleOut, { nullable: true, description: 'Set when kind is ScaleOut.' })
  scaleOut!: ScaleOut | null;

  @Field(() => Headroom, { nullable: true, description: 'Set when kind is Headroom.' })
  headroom!: Headroom | null;
}

@ObjectType({ description: 'A stored capacity report in a list: what it is, without its body.' })
export class CapacityReportSummary {
  @Field(() => ID) id!: string;
  @Field(() => CapacityReportKind) kind!: ReportKind;
  @Field() createdAt!: Date;
  @Field(() => AnalysisCreator, { nullable: true }) createdBy!: AnalysisCreator | null;
  @Field(() => InventoryRef) inventory!: InventoryRef;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'MaxReplicas: every workload places what it must. CapacityPlan: every workload fits. ScaleOut: it fits as is or with some template. Headroom: null.',
  })
  fits!: boolean | null;

  @Field(() => Int, { description: 'How many workloads the report holds (of the plan, for a ScaleOut).' })
  workloads!: number;

  @Field({ description: 'Where the HTML report is served (a path on this server).' })
  htmlUrl!: string;
}

@ObjectType()
export class CapacityReportEdge {
  @Field({ description: 'Opaque; pass as `after` to read the reports older than this one.' })
  cursor!: string;
  @Field(() => CapacityReportSummary) node!: CapacityReportSummary;
}

@ObjectType({ description: 'A page of capacity reports, newest first.' })
export class CapacityReportConnection {
  @Field(() => [CapacityReportEdge]) edges!: CapacityReportEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
