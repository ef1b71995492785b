// Liveness and readiness for Kubernetes' probes, in terminus' body `{status, info, error, details}`.
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult } from '@nestjs/terminus';
import { type FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { HealthService } from './health.service';

@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('healthz')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  alive(): Promise<HealthCheckResult> {
    return this.health.liveness();
  }

  @Get('readyz')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    const { isReady, result } = await this.health.readiness();
    if (!isReady) void reply.status(503).header('retry-after', '2');
    return result;
  }
}
