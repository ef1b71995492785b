import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { type NodeAllocation } from '@podfit/scheduling';
import { RequireScope } from '../auth/auth.decorators';
import { etagOf, parseIfMatch } from '../common/etag';
import { bodyAsManifest } from '../common/raw-body';
import { CreateInventoryDto, InventoryContentDto, NodesQueryDto } from './dto/inventory.dto';
import { InventoriesService } from './inventories.service';
import { InventoryListView, InventoryView } from './inventory.view';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag (version) you read; 412 if it changed',
};

@ApiTags('inventories')
@ApiBearerAuth()
@Controller('v1/inventories')
export class InventoriesController {
  constructor(private readonly inventories: InventoriesService) {}

  @Post()
  @RequireScope('admin')
  async create(
    @Body() dto: CreateInventoryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InventoryView> {
    return withEtag(reply, await this.inventories.create(dto), `/v1/inventories/${dto.name}`);
  }

  @Get()
  @RequireScope('read')
  @ApiOkResponse({ type: InventoryListView })
  async list(): Promise<InventoryListView> {
    return { items: await this.inventories.list() };
  }

  @Get(':name')
  @RequireScope('read')
  @ApiOkResponse({ type: InventoryView })
  async get(
    @Param('name') name: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InventoryView> {
    return withEtag(reply, await this.inventories.get(name));
  }

  @Put(':name')
  @RequireScope('admin')
  @ApiHeader(IF_MATCH)
  async replace(
    @Param('name') name: string,
    @Body() dto: InventoryContentDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InventoryView> {
    const { view, isNew } = await this.inventories.replace(name, dto, parseIfMatch(ifMatch));
    void reply.status(isNew ? 201 : 200);
    return withEtag(reply, view, isNew ? `/v1/inventories/${name}` : undefined);
  }

  @Patch(':name')
  @RequireScope('admin')
  @ApiHeader(IF_MATCH)
  async patch(
    @Param('name') name: string,
    @Body() dto: InventoryContentDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InventoryView> {
    return withEtag(reply, await this.inventories.patch(name, dto, parseIfMatch(ifMatch)));
  }

  @Delete(':name')
  @RequireScope('admin')
  @HttpCode(204)
  @ApiHeader(IF_MATCH)
  async remove(@Param('name') name: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.inventories.remove(name, parseIfMatch(ifMatch));
  }

  @Put(':name/nodes')
  @RequireScope('admin')
  @ApiHeader(IF_MATCH)
  @ApiBody({ description: 'What `kubectl get nodes -o json|yaml` prints' })
  importNodes(
    @Param('name') name: string,
    @Body() body: Record<string, unknown>,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InventoryView> {
    return this.importPart(name, 'nodes', body, ifMatch, reply);
  }

  @Put(':name/pods')
  @RequireScope('admin')
  @ApiHeader(IF_MATCH)
  @ApiBody({ description: 'What `kubectl get pods -A -o json|yaml` prints' })
  importPods(
    @Param('name') name: string,
    @Body() body: Record<string, unknown>,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InventoryView> {
    return this.importPart(name, 'pods', body, ifMatch, reply);
  }

  @Get(':name/nodes')
  @RequireScope('read')
  async nodes(
    @Param('name') name: string,
    @Query() query: NodesQueryDto,
  ): Promise<{ items: NodeAllocation[] }> {
    return { items: await this.inventories.nodeAllocations(name, query.labelSelector) };
  }
  // A re-import is a PATCH of one part: the body is the kubectl output itself, JSON or YAML.
  private async importPart(
    name: string,
    part: 'nodes' | 'pods',
    body: Record<string, unknown>,
    ifMatch: string | undefined,
    reply: FastifyReply,
  ): Promise<InventoryView> {
    const view = await this.inventories.patch(name, { [part]: bodyAsManifest(body) }, parseIfMatch(ifMatch));
    return withEtag(reply, view);
  }
}

function withEtag(reply: FastifyReply, view: InventoryView, location?: string): InventoryView {
  void reply.header('etag', etagOf(view.version));
  if (location !== undefined) void reply.header('location', location);
  return view;
}
