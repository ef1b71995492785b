import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { schemaRef } from '../openapi';
import { type FastifyReply } from 'fastify';
import { CurrentPrincipal, RequireScope } from '../auth/auth.decorators';
import { type Principal } from '../auth/principal';
import { UUID_ID } from '../common/uuid-id';
import { AnalysesService } from './analyses.service';
import { analysisRequest, checkIdempotencyKey } from './analysis-request';
import { type AnalysisPage, type AnalysisView } from './analysis.view';
import {
  AnalyzeQueryDto,
  CreateAnalysisDto,
  GetAnalysisQueryDto,
  ListAnalysesQueryDto,
} from './dto/analysis.dto';

@ApiTags('analyses')
@ApiBearerAuth()
@Controller('v1/analyses')
export class AnalysesController {
  constructor(private readonly analyses: AnalysesService) {}

  @Post()
  @RequireScope('analyze')
  @ApiResponse({ status: 201, description: 'Stored', schema: schemaRef('AnalysisView') })
  @ApiResponse({
    status: 200,
    description: 'Dry run: computed, not stored',
    schema: schemaRef('AnalysisView'),
  })
  @ApiResponse({ status: 400, description: 'Malformed JSON/YAML or request', schema: schemaRef('ErrorBody') })
  @ApiResponse({ status: 404, description: 'Unknown inventory', schema: schemaRef('ErrorBody') })
  @ApiResponse({ status: 413, description: 'Body over the limit', schema: schemaRef('ErrorBody') })
  @ApiResponse({
    status: 422,
    description: 'Invalid manifest: every problem with file, document and path',
    schema: schemaRef('ErrorBody'),
  })
  @ApiConsumes('application/json', 'application/yaml')
  @ApiBody({
    type: CreateAnalysisDto,
    description: 'JSON as below, or the manifest itself as application/yaml',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retried POST with the same key returns the first analysis',
  })
  async create(
    @Body() body: unknown,
    @Query() query: AnalyzeQueryDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<AnalysisView> {
    const { view, isReplay } = await this.analyses.analyze(analysisRequest(body, query), {
      dryRun: query.dryRun ?? false,
      includeNodes: query.include === 'nodes',
      idempotencyKey: checkIdempotencyKey(idempotencyKey),
      tokenId: principal?.tokenId ?? null,
    });
    void reply.status(query.dryRun === true ? 200 : 201);
    if (view.id !== null) void reply.header('location', `/v1/analyses/${view.id}`);
    if (isReplay) void reply.header('idempotent-replayed', 'true');
    return view;
  }

  @Get()
  @RequireScope('read')
  list(@Query() query: ListAnalysesQueryDto): Promise<AnalysisPage> {
    return this.analyses.list(query);
  }

  @Get(':id')
  @RequireScope('read')
  @ApiOkResponse({ schema: schemaRef('AnalysisView') })
  @ApiResponse({ status: 404, schema: schemaRef('ErrorBody') })
  get(@Param('id', UUID_ID) id: string, @Query() query: GetAnalysisQueryDto): Promise<AnalysisView> {
    return this.analyses.get(id, query.include === 'nodes');
  }
}
