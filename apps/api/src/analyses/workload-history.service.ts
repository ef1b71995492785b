// A workload's footprint over time: one entry per analysis that held it (same kind, namespace and name),
// newest first, from the indexed workload rows alone.
import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { DatabaseService } from '../database/database.service';
import { AppError } from '../errors/error-codes';
import { type Prisma } from '../generated/prisma/client';
import { type WorkloadChange, type WorkloadHistory } from './analysis.view';
import { type HistoryQueryDto } from './dto/analysis.dto';

const WORKLOAD_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'PodTemplate',
];
const DEFAULT_PAGE = 50;

/** `deployment`, `deployments` and `Deployment` all name the Deployment kind, as kubectl reads them. */
export function canonicalKind(kind: string): string {
  const lower = kind.toLowerCase();
  const found = WORKLOAD_KINDS.find((name) => {
    const singular = name.toLowerCase();
    return lower === singular || lower === `${singular}s`;
  });
  if (found === undefined) {
    throw new AppError(
      'malformed-input',
      `kind: ${JSON.stringify(kind)} is not a workload kind (${WORKLOAD_KINDS.join(', ')})`,
      [{ path: 'kind', message: 'not a workload kind' }],
    );
  }
  return found;
}

@Injectable()
export class WorkloadHistoryService {
  constructor(private readonly database: DatabaseService) {}

  async history(
    kindName: string,
    namespace: string,
    name: string,
    query: HistoryQueryDto,
  ): Promise<WorkloadHistory> {
    const kind = canonicalKind(kindName);
    const limit = query.limit ?? DEFAULT_PAGE;
    const where: Prisma.AnalysisWorkloadWhereInput = {
      kind,
      namespace,
      name,
      ...(query.inventory === undefined ? {} : { inventoryName: query.inventory }),
    };
    if (query.cursor !== undefined) {
      const { createdAt, id } = decodeCursor(query.cursor, 'int64');
      where.OR = [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: BigInt(id) } }];
    }
    const rows = await this.database.prisma.analysisWorkload.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      include: { analysis: { select: { labels: true, inventoryVersion: true } } },
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      kind,
      namespace,
      name,
      items: page.map((row) => ({
        analysisId: row.analysisId,
        createdAt: row.createdAt.toISOString(),
        inventory:
          row.inventoryName === null
            ? null
            : { name: row.inventoryName, version: row.analysis.inventoryVersion! },
        labels: row.analysis.labels as Record<string, string>,
        replicas: row.replicas,
        isValid: row.isValid,
        qosClass: row.qosClass,
        requests: row.requests as Record<string, string> | null,
        limits: row.limits as Record<string, string> | null,
        cpuMillis: row.cpuMillis === null ? null : Number(row.cpuMillis),
        memoryBytes: row.memoryBytes === null ? null : Number(row.memoryBytes),
        feasibleNodes: row.feasibleNodes,
        totalNodes: row.totalNodes,
        isSchedulable: row.isSchedulable,
        change: row.change as WorkloadChange | null,
      })),
      nextCursor:
        rows.length > limit && last !== undefined
          ? encodeCursor({ createdAt: last.createdAt, id: String(last.id) })
          : null,
    };
  }
}
