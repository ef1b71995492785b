import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../auth/auth.decorators';
import { UUID_ID } from '../common/uuid-id';
import { schemaRef } from '../openapi';
import { CreateTokenDto } from './dto/create-token.dto';
import { ApiTokenList, CreatedApiToken } from './models/api-token.model';
import { TokensService } from './tokens.service';

@ApiTags('tokens')
@ApiBearerAuth()
@RequireScope('admin')
@Controller('v1/tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiToken, description: 'The secret is in `token`, this once' })
  @ApiResponse({ status: 409, description: 'The name is taken', schema: schemaRef('ErrorBody') })
  create(@Body() dto: CreateTokenDto): Promise<CreatedApiToken> {
    return this.tokens.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: ApiTokenList, description: 'Every token, newest first; never a secret or hash' })
  list(): Promise<ApiTokenList> {
    return this.tokens.list();
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiResponse({ status: 204, description: 'Revoked (again: nothing changes)' })
  @ApiResponse({ status: 404, schema: schemaRef('ErrorBody') })
  async revoke(@Param('id', UUID_ID) id: string): Promise<void> {
    await this.tokens.revoke(id);
  }
}
