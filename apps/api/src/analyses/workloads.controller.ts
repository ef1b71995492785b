import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../auth/auth.decorators';
import { type WorkloadHistory } from './analysis.view';
import { HistoryQueryDto } from './dto/analysis.dto';
import { WorkloadHistoryService } from './workload-history.service';

@ApiTags('workloads')
@ApiBearerAuth()
@RequireScope('read')
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
