import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { GracefulShutdown } from './graceful-shutdown';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  // The indicators log why a check failed; terminus' own log would repeat it on every probe.
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [HealthService, DatabaseHealthIndicator, GracefulShutdown],
  exports: [GracefulShutdown],
})
export class HealthModule {}
