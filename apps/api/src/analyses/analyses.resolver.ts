// The analyses side of GraphQL, over the same services as REST: `analyses` (a Relay connection over
// GET /v1/analyses), `analysis(id)`, `workloadHistory` and the `analyze` mutation. Workloads of a page of
// analyses load in one batch per request (AnalysisLoaders); every node's verdict is recomputed from the
// inventory snapshot only when `fit.nodes` is selected.
import { Args, Context, ID, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type GraphQLResolveInfo } from 'graphql';
import { CurrentPrincipal, RequireScope } from '../auth/auth.decorators';
import { type Principal } from '../auth/principal';
import { UUID_ID } from '../common/uuid-id';
import { AppError } from '../errors/error-codes';
import { type GraphQLContext } from '../graphql/graphql-context';
import { selects } from '../graphql/selection';
import { AnalysesService } from './analyses.service';
import { analysisRequest } from './analysis-request';
import { AnalysesArgs, MAX_PAGE, WorkloadHistoryArgs, type AnalysisFilter } from './dto/analyses.args';
import { type ListAnalysesQueryDto } from './dto/analysis.dto';
import { AnalyzeArgs } from './dto/analyze.args';
import { Analysis, AnalysisConnection } from './models/analysis.model';
import { analysisConnection, analysisNode, historyNode, type AnalysisNode } from './models/graphql-views';
import { WorkloadHistory } from './models/workload-history.model';
import { Workload } from './models/workload.model';
import { WorkloadHistoryService } from './workload-history.service';

const NODE_VERDICTS = ['fit', 'nodes'];

@Resolver(() => Analysis)
export class AnalysesResolver {
  constructor(
    private readonly analyses: AnalysesService,
    private readonly workloadHistories: WorkloadHistoryService,
  ) {}

  @Query(() => AnalysisConnection, { name: 'analyses', description: 'Stored analyses, newest first.' })
  @RequireScope('read')
  async analysesPage(@Args() args: AnalysesArgs): Promise<AnalysisConnection> {
    const page = await this.analyses.list({
      ...listQuery(args.filter),
      limit: Math.min(args.first, MAX_PAGE),
      cursor: args.after,
    });
    return analysisConnection(page, args.after !== undefined);
  }

  @Query(() => Analysis, { description: 'One stored analysis with its workloads.' })
  @RequireScope('read')
  async analysis(
    @Args('id', { type: () => ID }, UUID_ID) id: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Analysis> {
    return analysisNode(await this.analyses.get(id, selects(info, ['workloads', ...NODE_VERDICTS])));
  }

  @ResolveField(() => [Workload])
  async workloads(
    @Parent() analysis: AnalysisNode,
    @Context() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Workload[]> {
    if (analysis.workloads !== undefined) return analysis.workloads;
    const loaders = context.loaders.analyses;
    const loader = selects(info, NODE_VERDICTS) ? loaders.withNodes : loaders.brief;
    return analysisNode(await loader.load(analysis.id!)).workloads;
  }

  @Query(() => WorkloadHistory, { description: "A workload's footprint over time, newest first." })
  @RequireScope('read')
  async workloadHistory(@Args() args: WorkloadHistoryArgs): Promise<WorkloadHistory> {
    const history = await this.workloadHistories.history(args.kind, args.namespace, args.name, {
      inventory: args.inventory,
      limit: Math.min(args.first, MAX_PAGE),
      cursor: args.after,
    });
    return historyNode(history);
  }

  @Mutation(() => Analysis, {
    description: 'Analyse a manifest (stored unless dryRun), as POST /v1/analyses.',
  })
  @RequireScope('analyze')
  async analyze(
    @Args() args: AnalyzeArgs,
    @Info() info: GraphQLResolveInfo,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<Analysis> {
    const request = analysisRequest(
      {
        manifest: args.manifest,
        inventory: args.inventory,
        labels: args.labels === undefined ? undefined : labelMap(args.labels),
        fieldValidation: args.fieldValidation,
      },
      {},
    );
    const { view } = await this.analyses.analyze(request, {
      dryRun: args.dryRun,
      includeNodes: selects(info, ['workloads', ...NODE_VERDICTS]),
      tokenId: principal?.tokenId ?? null,
    });
    return analysisNode(view);
  }
}

function listQuery(filter: AnalysisFilter | undefined): ListAnalysesQueryDto {
  if (filter === undefined) return {};
  const { labels, ...rest } = filter;
  return { ...rest, label: labels };
}

function labelMap(labels: ReadonlyArray<{ key: string; value: string }>): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { key, value } of labels) {
    if (key in map) {
      throw new AppError('malformed-input', `labels: key ${JSON.stringify(key)} is given twice`, [
        { path: 'labels', message: 'duplicate key' },
      ]);
    }
    map[key] = value;
  }
  return map;
}
