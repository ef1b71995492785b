// Liveness and readiness, in the style of Kubernetes' own /healthz and /readyz.
import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { HealthService } from './health.service';

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('healthz') @HttpCode(200) alive(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz') async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<object> {
    const readiness = await this.health.readiness();
    if (readiness.status !== 'ok') void reply.status(503).header('retry-after', '2');
    return readiness;
  }
}
