import { Module, type DynamicModule } from '@nestjs/common';
import { AnalysesModule } from './analyses/analyses.module';
import { AuthModule } from './auth/auth.module';
import { CapacityModule } from './capacity/capacity.module';
import { ConfigModule } from './config/config.module';
import { type Env } from './config/env';
import { DatabaseModule } from './database/database.module';
import { GraphQLApiModule } from './graphql/graphql-api.module';
import { HealthModule } from './health/health.module';
import { InventoriesModule } from './inventories/inventories.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { TokensModule } from './tokens/tokens.module';

@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggingModule.forRoot(env.LOG_LEVEL),
        DatabaseModule,
        MetricsModule,
        AuthModule,
        HealthModule,
        InventoriesModule,
        AnalysesModule,
        CapacityModule,
        TokensModule,
        GraphQLApiModule,
      ],
    };
  }
}
