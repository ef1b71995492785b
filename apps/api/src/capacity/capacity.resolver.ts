// Capacity reports over GraphQL, on the same CapacityService calls as REST's CapacityController: the
// four mutations take REST's JSON bodies as inputs and go through REST's request builders, so both APIs
// compute, store and refuse alike; `capacityReport(id)` and the `capacityReports` connection read what
// GET /v1/capacity/reports/{id} and GET /v1/capacity/reports read.
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireScope } from '../auth/auth.decorators';
import { type Principal } from '../auth/principal';
import { MAX_PAGE } from '../analyses/dto/analyses.args';
import { UUID_ID } from '../common/uuid-id';
import { CapacityService } from './capacity.service';
import {
  headroomRequest,
  maxReplicasRequest,
  planRequest,
  requestsMap,
  scaleOutRequest,
} from './capacity-request';
import { CapacityReportsArgs } from './dto/capacity-reports.args';
import { CapacityPlanInput, HeadroomInput, MaxReplicasInput, ScaleOutInput } from './dto/capacity.input';
import { CapacityReport, CapacityReportConnection } from './models/capacity-report.model';
import { reportConnection, reportNode } from './models/capacity-views';

@Resolver(() => CapacityReport)
export class CapacityResolver {
  constructor(private readonly capacity: CapacityService) {}

  @Query(() => CapacityReportConnection, {
    name: 'capacityReports',
    description: 'Stored capacity reports, newest first, without their bodies (GET /v1/capacity/reports).',
  })
  @RequireScope('read')
  async reports(@Args() args: CapacityReportsArgs): Promise<CapacityReportConnection> {
    const page = await this.capacity.list({
      kind: args.kind,
      inventory: args.inventory,
      limit: Math.min(args.first, MAX_PAGE),
      cursor: args.after,
    });
    return reportConnection(page, args.after !== undefined);
  }

  @Query(() => CapacityReport, {
    name: 'capacityReport',
    description: 'One stored capacity report (GET /v1/capacity/reports/{id}).',
  })
  @RequireScope('read')
  async report(@Args('id', { type: () => ID }, UUID_ID) id: string): Promise<CapacityReport> {
    return reportNode(await this.capacity.get(id));
  }

  @Mutation(() => CapacityReport, {
    name: 'maxReplicas',
    description:
      'How many replicas of each workload fit on the inventory as it is, each on its own; stored unless dryRun (POST /v1/capacity/max-replicas).',
  })
  @RequireScope('analyze')
  async maxReplicas(
    @Args('input') input: MaxReplicasInput,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<CapacityReport> {
    const { dryRun, ...body } = input;
    const request = maxReplicasRequest(given(body), {});
    return reportNode(await this.capacity.maxReplicas(request, { dryRun, principal }));
  }

  @Mutation(() => CapacityReport, {
    name: 'capacityPlan',
    description:
      'The workloads placed together, in order, on the inventory: what fits, before and after; stored unless dryRun (POST /v1/capacity/plans).',
  })
  @RequireScope('analyze')
  async plan(
    @Args('input') input: CapacityPlanInput,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<CapacityReport> {
    const { dryRun, ...body } = input;
    const request = planRequest(given(body), {});
    return reportNode(await this.capacity.plan(request, { dryRun, principal }));
  }

  @Mutation(() => CapacityReport, {
    name: 'scaleOut',
    description:
      'The fewest nodes of each template to add so the plan fits, and their cost; stored unless dryRun (POST /v1/capacity/scale-outs).',
  })
  @RequireScope('analyze')
  async scaleOut(
    @Args('input') input: ScaleOutInput,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<CapacityReport> {
    const { dryRun, ...body } = input;
    const request = scaleOutRequest(given(body), {});
    return reportNode(await this.capacity.scaleOut(request, { dryRun, principal }));
  }

  @Mutation(() => CapacityReport, {
    name: 'headroom',
    description:
      'What is left on each node and node group, and how many reference pods still fit; stored unless dryRun (POST /v1/capacity/headroom).',
  })
  @RequireScope('analyze')
  async headroom(
    @Args('input') input: HeadroomInput,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<CapacityReport> {
    const { dryRun, requests, ...body } = input;
    const pairs = requests?.map(({ resource, quantity }) => [resource, quantity] as const);
    const request = headroomRequest(given({ ...body, requests: pairs && requestsMap(pairs) }), {});
    return reportNode(await this.capacity.headroom(request, { dryRun, principal }));
  }
}

/** The fields a client gave: GraphQL's explicit nulls read as absent, as REST's optional fields. */
function given(fields: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== null && value !== undefined),
  );
}
