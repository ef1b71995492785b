// Analyses: read the manifest, compute every workload against the inventory (pure, before any
// transaction), then store the analysis and its workload rows in one nested write. Each workload is
// linked to its previous analysis (same kind, namespace, name and inventory) with what changed.
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ManifestError,
  readWorkloads,
  type FieldValidation,
  type ManifestProblem,
  type SourceText,
} from '@podfit/manifests';
import {
  ANALYSIS_API_VERSION,
  analyzeWorkload,
  describeWorkloadChange,
  fitsAsNeeded,
  Quantity,
  type ClusterState,
  type WorkloadResult,
} from '@podfit/scheduling';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { DatabaseService } from '../database/database.service';
import { AppError } from '../errors/error-codes';
import { Prisma } from '../generated/prisma/client';
import { InventoriesService } from '../inventories/inventories.service';
import { InventorySnapshotsService } from '../inventories/inventory-snapshots.service';
import {
  type AnalysedWorkload,
  type AnalysisPage,
  type AnalysisSummary,
  type AnalysisView,
  type InventoryRef,
  type WorkloadChange,
} from './analysis.view';
import { type ListAnalysesQueryDto } from './dto/analysis.dto';

/** What to analyse: the manifest files, and where to fit them. */
export interface AnalysisRequest {
  readonly files: readonly ManifestFile[];
  readonly inventory?: string | undefined;
  readonly labels?: Record<string, string> | undefined;
  readonly fieldValidation?: FieldValidation | undefined;
}

export interface ManifestFile {
  readonly name: string;
  readonly content: string;
}

export interface AnalyzeOptions {
  readonly dryRun: boolean;
  readonly includeNodes: boolean;
  readonly idempotencyKey?: string | undefined;
}

export interface AnalyzeOutcome {
  readonly view: AnalysisView;
  /** True when an Idempotency-Key matched an analysis stored earlier, which is returned instead. */
  readonly isReplay: boolean;
}

/** A workload's change, and the row of its previous analysis it links to. */
interface LinkedChange {
  readonly previousWorkloadId: bigint;
  readonly change: WorkloadChange;
}

const INT64_MAX = 2n ** 63n - 1n;
const DEFAULT_PAGE = 20;

@Injectable()
export class AnalysesService {
  constructor(
    private readonly database: DatabaseService,
    private readonly inventories: InventoriesService,
    private readonly snapshots: InventorySnapshotsService,
  ) {}

  async analyze(request: AnalysisRequest, options: AnalyzeOptions): Promise<AnalyzeOutcome> {
    const fieldValidation = request.fieldValidation ?? 'Warn';
    const labels = request.labels ?? {};
    const requestSha256 = sha256(
      JSON.stringify([request.files, request.inventory ?? null, sortKeys(labels), fieldValidation]),
    );
    if (options.idempotencyKey !== undefined && !options.dryRun) {
      const earlier = await this.findByIdempotencyKey(
        options.idempotencyKey,
        requestSha256,
        options.includeNodes,
      );
      if (earlier !== null) return { view: earlier, isReplay: true };
    }

    const workloads = readValidWorkloads(request.files, fieldValidation);
    const inventory =
      request.inventory === undefined ? null : await this.inventories.resolve(request.inventory);
    const results = workloads.map((workload) => analyzeWorkload(workload, inventory?.cluster ?? null));
    const inventoryRef = inventory === null ? null : { name: inventory.name, version: inventory.version };
    const manifestSha256 = manifestDigest(request.files);
    const changes = await this.previousChanges(results, inventoryRef?.name ?? null);

    if (options.dryRun) {
      return {
        view: view(
          null,
          new Date(),
          inventoryRef,
          labels,
          manifestSha256,
          results,
          changes,
          options.includeNodes,
        ),
        isReplay: false,
      };
    }
    const createdAt = new Date();
    try {
      const stored = await this.database.prisma.analysis.create({
        data: {
          createdAt,
          labels,
          manifest: { files: request.files.map(({ name, content }) => ({ name, content })) },
          manifestSha256,
          fieldValidation,
          inventoryId: inventory?.id ?? null,
          inventoryName: inventory?.name ?? null,
          inventoryVersion: inventory?.version ?? null,
          snapshotId: inventory?.snapshotId ?? null,
          result: {
            apiVersion: ANALYSIS_API_VERSION,
            kind: 'Analysis',
            workloads: results.map(withoutNodeVerdicts),
          } as object,
          idempotencyKey: options.idempotencyKey ?? null,
          requestSha256,
          workloads: {
            createMany: {
              data: results.map((result, ordinal) =>
                workloadRow(result, ordinal, createdAt, inventory?.name ?? null, changes[ordinal]!),
              ),
            },
          },
        },
        select: { id: true },
      });
      return {
        view: view(
          stored.id,
          createdAt,
          inventoryRef,
          labels,
          manifestSha256,
          results,
          changes,
          options.includeNodes,
        ),
        isReplay: false,
      };
    } catch (error) {
      // Two requests with one Idempotency-Key: the unique index lets one in; the other returns its analysis.
      if (options.idempotencyKey !== undefined && isUniqueViolation(error)) {
        const earlier = await this.findByIdempotencyKey(
          options.idempotencyKey,
          requestSha256,
          options.includeNodes,
        );
        if (earlier !== null) return { view: earlier, isReplay: true };
        throw new AppError(
          'idempotency-key-in-use',
          'a request with this Idempotency-Key is in progress; retry',
        );
      }
      throw error;
    }
  }

  async get(id: string, includeNodes: boolean): Promise<AnalysisView> {
    const row = await this.database.prisma.analysis.findUnique({
      where: { id },
      include: { workloads: { select: { change: true }, orderBy: { ordinal: 'asc' } } },
    });
    if (row === null) throw new AppError('analysis-not-found', `analysis ${id} not found`);
    const stored = (row.result as unknown as { workloads: WorkloadResult[] }).workloads;
    const inventory =
      row.inventoryName === null ? null : { name: row.inventoryName, version: row.inventoryVersion! };
    let results = stored;
    if (includeNodes && inventory !== null && row.snapshotId === null) {
      throw new AppError(
        'snapshot-not-found',
        `inventory "${inventory.name}" version ${inventory.version}, which this analysis used, was deleted: its per-node verdicts cannot be recomputed`,
      );
    }
    if (includeNodes && row.snapshotId !== null) {
      results = this.recompute(
        row.manifest as unknown as { files: ManifestFile[] },
        row.fieldValidation as FieldValidation,
        (await this.snapshots.load(row.snapshotId)).cluster,
        stored,
      );
    }
    return {
      apiVersion: ANALYSIS_API_VERSION,
      kind: 'Analysis',
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      inventory,
      labels: row.labels as Record<string, string>,
      manifestSha256: row.manifestSha256,
      workloads: results.map((result, i) => ({
        ...result,
        change: (row.workloads[i]?.change ?? null) as WorkloadChange | null,
      })),
    };
  }

  async list(query: ListAnalysesQueryDto): Promise<AnalysisPage> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const workloadFilter: Prisma.AnalysisWorkloadWhereInput = {
      ...(query.namespace === undefined ? {} : { namespace: query.namespace }),
      ...(query.kind === undefined ? {} : { kind: query.kind }),
      ...(query.name === undefined ? {} : { name: query.name }),
    };
    const and: Prisma.AnalysisWhereInput[] = [];
    if (Object.keys(workloadFilter).length > 0) and.push({ workloads: { some: workloadFilter } });
    if (query.inventory !== undefined) and.push({ inventoryName: query.inventory });
    for (const label of query.label ?? []) {
      const [key, value] = splitLabel(label);
      and.push({ labels: { path: [key], equals: value } });
    }
    if (query.since !== undefined) and.push({ createdAt: { gte: new Date(query.since) } });
    if (query.until !== undefined) and.push({ createdAt: { lt: new Date(query.until) } });
    if (query.schedulable === false) and.push({ workloads: { some: { isSchedulable: false } } });
    if (query.schedulable === true)
      and.push({ workloads: { none: { OR: [{ isSchedulable: false }, { isValid: false }] } } });
    if (query.cursor !== undefined) {
      const { createdAt, id } = decodeCursor(query.cursor);
      and.push({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] });
    }
    const rows = await this.database.prisma.analysis.findMany({
      where: { AND: and },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: {
        id: true,
        createdAt: true,
        inventoryName: true,
        inventoryVersion: true,
        labels: true,
        manifestSha256: true,
        workloads: { select: { isValid: true, isSchedulable: true } },
      },
    });
    const page = rows.slice(0, limit);
    const items: AnalysisSummary[] = page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      inventory:
        row.inventoryName === null ? null : { name: row.inventoryName, version: row.inventoryVersion! },
      labels: row.labels as Record<string, string>,
      manifestSha256: row.manifestSha256,
      workloadCount: row.workloads.length,
      invalidCount: row.workloads.filter((w) => !w.isValid).length,
      unschedulableCount: row.workloads.filter((w) => w.isSchedulable === false).length,
    }));
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last) : null };
  }

  private async findByIdempotencyKey(
    key: string,
    requestSha256: string,
    includeNodes: boolean,
  ): Promise<AnalysisView | null> {
    const row = await this.database.prisma.analysis.findUnique({
      where: { idempotencyKey: key },
      select: { id: true, requestSha256: true },
    });
    if (row === null) return null;
    if (row.requestSha256 !== requestSha256) {
      throw new AppError(
        'idempotency-key-reused',
        'this Idempotency-Key was used for a different request; use a new key for a new request',
        [{ path: 'Idempotency-Key', message: 'reused with a different body', analysisId: row.id }],
      );
    }
    return this.get(row.id, includeNodes);
  }

  // The previous analysis of each workload (same kind/namespace/name, same inventory or both none).
  private async previousChanges(
    results: readonly WorkloadResult[],
    inventoryName: string | null,
  ): Promise<Array<LinkedChange | null>> {
    const valid = results.filter((result) => result.pod !== null);
    if (valid.length === 0) return results.map(() => null);
    const rows = await this.database.prisma.$queryRaw<
      Array<{
        id: bigint;
        kind: string;
        namespace: string;
        name: string;
        analysis_id: string;
        created_at: Date;
        result: WorkloadResult | null;
      }>
    >`
      SELECT DISTINCT ON (w.kind, w.namespace, w.name)
             w.id, w.kind, w.namespace, w.name, w.analysis_id, w.created_at,
             (a.result -> 'workloads') -> w.ordinal AS result
        FROM analysis_workloads w JOIN analyses a ON a.id = w.analysis_id
       WHERE w.is_valid AND w.inventory_name IS NOT DISTINCT FROM ${inventoryName}
         AND (w.kind, w.namespace, w.name) IN (
               SELECT * FROM unnest(${valid.map((r) => r.kind)}::text[], ${valid.map((r) => r.namespace)}::text[], ${valid.map((r) => r.name)}::text[]))
       ORDER BY w.kind, w.namespace, w.name, w.created_at DESC, w.id DESC`;
    const byKey = new Map(rows.map((row) => [key(row), row]));
    return results.map((result) => {
      const previous = result.pod === null ? undefined : byKey.get(key(result));
      if (previous === undefined || previous.result === null) return null;
      return {
        previousWorkloadId: previous.id,
        change: {
          previousAnalysisId: previous.analysis_id,
          previousCreatedAt: previous.created_at.toISOString(),
          ...describeWorkloadChange(previous.result, result),
        },
      };
    });
  }

  private recompute(
    manifest: { files: ManifestFile[] },
    fieldValidation: FieldValidation,
    cluster: ClusterState,
    stored: WorkloadResult[],
  ): WorkloadResult[] {
    const { workloads } = readWorkloads(manifest.files, { fieldValidation });
    if (workloads.length !== stored.length) return stored;
    return workloads.map((workload) => analyzeWorkload(workload, cluster));
  }
}

/** The workloads of the files, or a 422 listing every problem of every invalid one. */
function readValidWorkloads(files: readonly ManifestFile[], fieldValidation: FieldValidation) {
  const sources: SourceText[] = files.map(({ name, content }) => ({ name, content }));
  const { workloads, problems, skipped } = readWorkloads(sources, { fieldValidation });
  const all: ManifestProblem[] = [...problems];
  for (const workload of workloads) {
    for (const error of workload.errors) {
      all.push({
        file: workload.source,
        document: workload.document,
        path: error.path,
        message: error.message,
      });
    }
  }
  if (all.length > 0) throw new ManifestError('invalid-manifest', all);
  if (workloads.length === 0 && skipped.length === 0) {
    throw new AppError('malformed-input', 'no objects passed to analyze', [
      { path: 'manifest', message: 'no objects' },
    ]);
  }
  return workloads;
}

function view(
  id: string | null,
  createdAt: Date,
  inventory: InventoryRef | null,
  labels: Record<string, string>,
  manifestSha256: string,
  results: readonly WorkloadResult[],
  changes: ReadonlyArray<LinkedChange | null>,
  includeNodes: boolean,
): AnalysisView {
  const workloads: AnalysedWorkload[] = results.map((result, i) => ({
    ...(includeNodes ? result : withoutNodeVerdicts(result)),
    change: changes[i]?.change ?? null,
  }));
  return {
    apiVersion: ANALYSIS_API_VERSION,
    kind: 'Analysis',
    id,
    createdAt: createdAt.toISOString(),
    inventory,
    labels,
    manifestSha256,
    workloads,
  };
}

function withoutNodeVerdicts(result: WorkloadResult): WorkloadResult {
  if (result.fit === undefined) return result;
  const { nodes: _nodes, ...fit } = result.fit;
  return { ...result, fit: fit as WorkloadResult['fit'] & object };
}

function workloadRow(
  result: WorkloadResult,
  ordinal: number,
  createdAt: Date,
  inventoryName: string | null,
  linked: LinkedChange | null,
): Prisma.AnalysisWorkloadCreateManyAnalysisInput {
  const pod = result.pod;
  const fit = result.fit;
  const isSchedulable = fit === undefined ? null : fitsAsNeeded(result);
  return {
    ordinal,
    createdAt,
    inventoryName,
    kind: result.kind,
    namespace: result.namespace,
    name: result.name,
    replicas: result.replicas,
    isValid: pod !== null,
    qosClass: pod?.qosClass ?? null,
    cpuMillis:
      pod?.requests.cpu === undefined
        ? pod === null
          ? null
          : 0n
        : int64(Quantity.parse(pod.requests.cpu).milliValue()),
    memoryBytes:
      pod?.requests.memory === undefined
        ? pod === null
          ? null
          : 0n
        : int64(Quantity.parse(pod.requests.memory).value()),
    requests: pod === null ? Prisma.DbNull : pod.requests,
    limits: pod === null ? Prisma.DbNull : pod.limits,
    feasibleNodes: fit?.feasibleNodes ?? null,
    totalNodes: fit?.totalNodes ?? null,
    isSchedulable,
    previousWorkloadId: linked?.previousWorkloadId ?? null,
    change: linked === null ? Prisma.DbNull : (linked.change as object),
  };
}

function int64(value: bigint): bigint | null {
  return value > INT64_MAX ? null : value;
}

function key(workload: { kind: string; namespace: string; name: string }): string {
  return `${workload.kind}\u0000${workload.namespace}\u0000${workload.name}`;
}

function splitLabel(label: string): [string, string] {
  const at = label.indexOf('=');
  return [label.slice(0, at), label.slice(at + 1)];
}

function sortKeys(labels: Record<string, string>): Array<[string, string]> {
  return Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** sha256 of the manifest text; of the files' names and texts in order when there are several. */
function manifestDigest(files: readonly ManifestFile[]): string {
  if (files.length === 1) return sha256(files[0]!.content);
  return sha256(JSON.stringify(files.map(({ name, content }) => [name, content])));
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
