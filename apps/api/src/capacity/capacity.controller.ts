import { applyDecorators, Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { CurrentPrincipal, RequireScope } from '../auth/auth.decorators';
import { type Principal } from '../auth/principal';
import { UUID_ID } from '../common/uuid-id';
import { schemaRef } from '../openapi';
import { CapacityService, type CapacityOptions } from './capacity.service';
import { headroomRequest, maxReplicasRequest, planRequest, scaleOutRequest } from './capacity-request';
import {
  CAPACITY_REPORT_KINDS,
  type CapacityReportPage,
  type CapacityReportView,
} from './capacity-report.view';
import {
  CapacityQueryDto,
  HeadroomBodyDto,
  HeadroomQueryDto,
  ListCapacityReportsQueryDto,
  MaxReplicasBodyDto,
  MaxReplicasQueryDto,
  PlanBodyDto,
  ScaleOutBodyDto,
} from './dto/capacity.dto';

/** The stored report's page: inline styles and SVG (data: images at most), nothing else, no script. */
export const REPORT_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const DEFAULT_PAGE = 20;

const VIEW_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid', nullable: true, description: 'null for a dry run' },
    kind: { type: 'string', enum: [...CAPACITY_REPORT_KINDS] },
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { allOf: [schemaRef('AnalysisCreator')], nullable: true },
    inventory: schemaRef('InventoryRef'),
    report: {
      type: 'object',
      description: 'The report as `podfit capacity … -o json` prints it (schema/*.schema.json describe them)',
    },
  },
};

// Every POST answers alike: 201 and where the report is stored, 200 for a dry run, or an ErrorBody.
const Answers = () =>
  applyDecorators(
    ApiResponse({ status: 201, description: 'Stored', schema: VIEW_SCHEMA }),
    ApiResponse({ status: 200, description: 'Dry run: computed, not stored', schema: VIEW_SCHEMA }),
    ...(
      [
        [400, 'Malformed JSON/YAML or request'],
        [404, 'Unknown inventory'],
        [413, 'Body over the limit'],
        [415, 'Another media type'],
        [422, 'Invalid manifest or templates: every problem with file, document and path'],
      ] as const
    ).map(([status, description]) => ApiResponse({ status, description, schema: schemaRef('ErrorBody') })),
  );

@ApiTags('capacity')
@ApiBearerAuth()
@Controller('v1/capacity')
export class CapacityController {
  constructor(private readonly capacity: CapacityService) {}

  @Post('max-replicas')
  @RequireScope('analyze')
  @Answers()
  @ApiConsumes('application/json', 'application/yaml')
  @ApiBody({
    type: MaxReplicasBodyDto,
    description: 'JSON as below, or the manifest itself as application/yaml',
  })
  maxReplicas(
    @Body() body: unknown,
    @Query() query: MaxReplicasQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<CapacityReportView> {
    return answer(
      reply,
      this.capacity.maxReplicas(maxReplicasRequest(body, query), options(query, principal)),
    );
  }

  @Post('plans')
  @RequireScope('analyze')
  @Answers()
  @ApiConsumes('application/json', 'application/yaml')
  @ApiBody({ type: PlanBodyDto, description: 'JSON as below, or the manifest itself as application/yaml' })
  plan(
    @Body() body: unknown,
    @Query() query: CapacityQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<CapacityReportView> {
    return answer(reply, this.capacity.plan(planRequest(body, query), options(query, principal)));
  }

  @Post('scale-outs')
  @RequireScope('analyze')
  @Answers()
  @ApiConsumes('application/json')
  @ApiBody({ type: ScaleOutBodyDto })
  scaleOut(
    @Body() body: unknown,
    @Query() query: CapacityQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<CapacityReportView> {
    return answer(reply, this.capacity.scaleOut(scaleOutRequest(body, query), options(query, principal)));
  }

  @Post('headroom')
  @RequireScope('analyze')
  @Answers()
  @ApiConsumes('application/json', 'application/yaml')
  @ApiBody({
    type: HeadroomBodyDto,
    required: false,
    description:
      'JSON as below; or the reference workload as application/yaml; or no body, with everything in the query',
  })
  headroom(
    @Body() body: unknown,
    @Query() query: HeadroomQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<CapacityReportView> {
    return answer(reply, this.capacity.headroom(headroomRequest(body, query), options(query, principal)));
  }

  @Get('reports')
  @RequireScope('read')
  list(@Query() query: ListCapacityReportsQueryDto): Promise<CapacityReportPage> {
    return this.capacity.list({ ...query, limit: query.limit ?? DEFAULT_PAGE });
  }

  @Get('reports/:id')
  @RequireScope('read')
  @ApiOkResponse({ schema: VIEW_SCHEMA })
  @ApiResponse({ status: 404, schema: schemaRef('ErrorBody') })
  get(@Param('id', UUID_ID) id: string): Promise<CapacityReportView> {
    return this.capacity.get(id);
  }

  @Get('reports/:id.html')
  @RequireScope('read')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'One self-contained page with SVG charts', schema: { type: 'string' } })
  @ApiResponse({ status: 404, schema: schemaRef('ErrorBody') })
  async html(
    @Param('id', UUID_ID) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const page = await this.capacity.html(id);
    void reply.type('text/html; charset=utf-8').header('content-security-policy', REPORT_PAGE_CSP);
    return page;
  }

  @Get('reports/:id.csv')
  @RequireScope('read')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Per-node rows, with a header row', schema: { type: 'string' } })
  @ApiResponse({ status: 404, schema: schemaRef('ErrorBody') })
  async csv(
    @Param('id', UUID_ID) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { filename, text } = await this.capacity.csv(id);
    void reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`);
    return text;
  }
}

function options(query: CapacityQueryDto, principal: Principal | null): CapacityOptions {
  return { dryRun: query.dryRun ?? false, principal };
}

/** 201 with the stored report's location, or 200 for a dry run. */
async function answer(reply: FastifyReply, work: Promise<CapacityReportView>): Promise<CapacityReportView> {
  const view = await work;
  void reply.status(view.id === null ? 200 : 201);
  if (view.id !== null) void reply.header('location', `/v1/capacity/reports/${view.id}`);
  return view;
}
