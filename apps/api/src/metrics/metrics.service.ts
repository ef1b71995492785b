// Prometheus metrics of one application instance, in a registry of its own (several apps can run in one
// process, as the tests do): process and Node.js defaults, request durations by route template, analyses
// and the pods they cover, and the database pool's use. No label carries a workload, inventory or manifest
// name, so the number of series stays bounded.
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Env } from '../config/env';
import { DatabaseService } from '../database/database.service';

/** What an analysis became: stored (201), or computed and returned only (`?dryRun=true`). */
export type AnalysisOutcome = 'stored' | 'dry-run';

@Injectable()
export class MetricsService {
  private readonly registry = new Registry();
  private readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending its response, by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });
  private readonly analysesStored = new Counter({
    name: 'podfit_analyses_stored_total',
    help: 'Analyses computed and stored (answered 201).',
    registers: [this.registry],
  });
  private readonly analysesDryRun = new Counter({
    name: 'podfit_analyses_dry_run_total',
    help: 'Analyses computed without being stored (?dryRun=true).',
    registers: [this.registry],
  });
  private readonly podsAnalysed = new Counter({
    name: 'podfit_pods_analysed_total',
    help:
      "Pods covered by the analyses computed (stored or dry run): the sum of their workloads' replicas, " +
      'counting 1 for a workload whose replicas are unknown (a PodTemplate, a DaemonSet without nodes).',
    registers: [this.registry],
  });
  private readonly capacityReports = new Counter({
    name: 'podfit_capacity_reports_total',
    help: 'Capacity reports computed, by kind and outcome (stored: answered 201; dry-run: ?dryRun=true).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(database: DatabaseService, env: Env) {
    collectDefaultMetrics({ register: this.registry });
    const { pool } = database;
    const poolGauges: Array<[name: string, help: string, read: () => number]> = [
      ['podfit_db_pool_connections', 'Connections the database pool holds open.', () => pool.totalCount],
      ['podfit_db_pool_idle_connections', 'Open connections of the pool not in use.', () => pool.idleCount],
      [
        'podfit_db_pool_waiting_requests',
        'Queries waiting for a connection of the pool (all are in use).',
        () => pool.waitingCount,
      ],
      [
        'podfit_db_pool_max_connections',
        'The most connections the pool opens (PODFIT_DB_POOL_MAX).',
        () => env.PODFIT_DB_POOL_MAX,
      ],
    ];
    for (const [name, help, read] of poolGauges) {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    }
  }

  /** The media type of `exposition()` (Prometheus text format 0.0.4). */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric in Prometheus' text format. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  observeRequest(method: string, route: string, statusCode: number, durationSeconds: number): void {
    this.requestDuration.observe({ method, route, status_code: statusCode }, durationSeconds);
  }

  /** Counts one analysis and the pods of its workloads. */
  recordAnalysis(
    outcome: AnalysisOutcome,
    workloads: ReadonlyArray<{ readonly replicas: number | null }>,
  ): void {
    (outcome === 'stored' ? this.analysesStored : this.analysesDryRun).inc();
    const pods = workloads.reduce((sum, workload) => sum + (workload.replicas ?? 1), 0);
    if (pods > 0) this.podsAnalysed.inc(pods);
  }

  recordCapacityReport(kind: string, outcome: AnalysisOutcome): void {
    this.capacityReports.inc({ kind, outcome });
  }
}
