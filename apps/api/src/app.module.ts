import { Module, type DynamicModule } from '@nestjs/common';
import { AnalysesModule } from './analyses/analyses.module';
import { ConfigModule } from './config/config.module';
import { type Env } from './config/env';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { InventoriesModule } from './inventories/inventories.module';

@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(env), DatabaseModule, HealthModule, InventoriesModule, AnalysesModule],
    };
  }
}
