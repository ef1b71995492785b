import { Module } from '@nestjs/common';
import { InventoriesModule } from '../inventories/inventories.module';
import { AnalysesController } from './analyses.controller';
import { AnalysesResolver } from './analyses.resolver';
import { AnalysesService } from './analyses.service';
import { AnalysisLoadersFactory } from './analysis.loaders';
import { AnalysisStore } from './analysis-store';
import { WorkloadsController } from './workloads.controller';
import { WorkloadHistoryService } from './workload-history.service';

@Module({
  imports: [InventoriesModule],
  controllers: [AnalysesController, WorkloadsController],
  providers: [
    AnalysesService,
    AnalysisStore,
    WorkloadHistoryService,
    AnalysesResolver,
    AnalysisLoadersFactory,
  ],
  exports: [AnalysesService, WorkloadHistoryService, AnalysisLoadersFactory],
})
export class AnalysesModule {}
