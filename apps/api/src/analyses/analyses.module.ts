import { Module } from '@nestjs/common';
import { InventoriesModule } from '../inventories/inventories.module';
import { AnalysesController } from './analyses.controller';
import { AnalysesService } from './analyses.service';
import { AnalysisStore } from './analysis-store';
import { WorkloadsController } from './workloads.controller';
import { WorkloadHistoryService } from './workload-history.service';

@Module({
  imports: [InventoriesModule],
  controllers: [AnalysesController, WorkloadsController],
  providers: [AnalysesService, AnalysisStore, WorkloadHistoryService],
  exports: [AnalysesService, WorkloadHistoryService],
})
export class AnalysesModule {}
