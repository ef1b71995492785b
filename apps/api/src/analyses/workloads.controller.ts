import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type WorkloadHistory } from './analysis.view';
import { HistoryQueryDto } from './dto/analysis.dto';
import { WorkloadHistoryService } from './workload-history.service';

@ApiTags('workloads')
@Controller('v1/workloads')
export class WorkloadsController {
  constructor(private readonly workloads: WorkloadHistoryService) {}

  @Get(':kind/:namespace/:name/history')
  history(
    @Param('kind') kind: string,
    @Param('namespace') namespace: string,
    @Param('name') name: string,
    @Query() query: HistoryQueryDto,
  ): Promise<WorkloadHistory> {
    return this.workloads.history(kind, namespace, name, query);
  }
}
