// Analyses: read the manifest, compute every workload against the inventory (pure, before any
// transaction), then store the analysis and its workload rows in one nested write. Each workload is
// linked to its previous analysis (same kind, namespace, name and inventory) with what changed.
import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { readWorkloads, type FieldValidation } from '@podfit/manifests';
import {
  ANALYSIS_API_VERSION,
  analyzeWorkload,
  describeWorkloadChange,
  workloadFootprint,
  fitsAsNeeded,
  fitSummary,
  type BriefWorkloadResult,
  Quantity,
  type ClusterState,
  type WorkloadResult,
} from '@podfit/scheduling';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { splitLabel } from '../common/labels';
import { readValidWorkloads } from '../common/valid-workloads';
import { DatabaseService } from '../database/database.service';
import { isUniqueViolation, sqlState } from '../errors/database-errors';
import { AppError } from '../errors/error-codes';
import { Prisma } from '../generated/prisma/client';
import { InventoriesService } from '../inventories/inventories.service';
import { MetricsService } from '../metrics/metrics.service';
import { canonicalKind } from './workload-history.service';
import { InventorySnapshotsService } from '../inventories/inventory-snapshots.service';
import { AnalysisStore, type StoredAnalysis, type WorkloadRecord } from './analysis-store';
import {
  type AnalysisCreator,
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
  /** Text, or the bytes of a YAML body (stored as text once the reader has found them valid UTF-8). */
  readonly content: string | Uint8Array;
}

type StoredManifestFile = { readonly name: string; readonly content: string };

export interface AnalyzeOptions {
  readonly dryRun: boolean;
  readonly includeNodes: boolean;
  readonly idempotencyKey?: string | undefined;
  /** The API token of the request (the principal's); null or absent when the server runs open. */
  readonly tokenId?: string | null;
}

export interface AnalyzeOutcome {
  readonly view: AnalysisView;
  /** True when an Idempotency-Key matched an analysis stored earlier, which is returned instead. */
  readonly isReplay: boolean;
}

/** An analysis computed, before it is stored (or not, for a dry run). */
interface ComputedAnalysis {
  readonly createdAt: Date;
  readonly inventory: InventoryRef | null;
  readonly labels: Record<string, string>;
  readonly manifestSha256: string;
  readonly results: readonly WorkloadResult[];
  readonly changes: ReadonlyArray<LinkedChange | null>;
}

/** A workload's change, and the row of its previous analysis it links to. */
interface LinkedChange {
  readonly previousWorkloadId: string;
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
    private readonly store: AnalysisStore,
    private readonly metrics: MetricsService,
  ) {}

  async analyze(request: AnalysisRequest, options: AnalyzeOptions): Promise<AnalyzeOutcome> {
    const fieldValidation = request.fieldValidation ?? 'Warn';
    const labels = request.labels ?? {};
    // The manifest is hashed once; the request's digest (Idempotency-Key) builds on it.
    const manifestSha256 = manifestDigest(request.files);
    const requestSha256 = requestDigest(manifestSha256, request, labels, fieldValidation);
    if (options.idempotencyKey !== undefined && !options.dryRun) {
      const earlier = await this.findByIdempotencyKey(
        options.idempotencyKey,
        requestSha256,
        options.includeNodes,
      );
      if (earlier !== null) return { view: earlier, isReplay: true };
    }

    const workloads = readValidWorkloads(request.files, fieldValidation, 'analyze');
    const inventory =
      request.inventory === undefined ? null : await this.inventories.resolve(request.inventory);
    const results = workloads.map((workload) => analyzeWorkload(workload, inventory?.cluster ?? null));
    const computed: ComputedAnalysis = {
      createdAt: new Date(),
      inventory: inventory === null ? null : { name: inventory.name, version: inventory.version },
      labels,
      manifestSha256,
      results,
      changes: await this.previousChanges(results, inventory?.name ?? null),
    };
    if (options.dryRun) {
      this.metrics.recordAnalysis('dry-run', results);
      return { view: view(null, computed, options.includeNodes, null), isReplay: false };
    }
    const id = randomUUID();
    const tokenId = options.tokenId ?? null;
    try {
      const tokenName = await this.store.insert(
        {
          id,
          createdAt: computed.createdAt,
          labels,
          manifest: { files: request.files.map(storedFile) },
          manifestSha256: computed.manifestSha256,
          fieldValidation,
          inventoryId: inventory?.id ?? null,
          inventoryName: inventory?.name ?? null,
          inventoryVersion: inventory?.version ?? null,
          snapshotId: inventory?.snapshotId ?? null,
          result: {
            apiVersion: ANALYSIS_API_VERSION,
            kind: 'Analysis',
            workloads: results.map(withoutNodeVerdicts),
          },
          idempotencyKey: options.idempotencyKey ?? null,
          requestSha256,
          tokenId,
        },
        results.map((result, ordinal) => workloadRecord(result, ordinal, computed.changes[ordinal]!)),
      );
      this.metrics.recordAnalysis('stored', results);
      const createdBy = tokenId === null || tokenName === null ? null : { tokenId, tokenName };
      return { view: view(id, computed, options.includeNodes, createdBy), isReplay: false };
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
      // The inventory was deleted between reading it and storing the analysis (foreign key violation).
      if (inventory !== null && sqlState(error) === '23503') {
        throw new AppError(
          'inventory-not-found',
          `inventory "${inventory.name}" was deleted while it was being analysed`,
        );
      }
      throw error;
    }
  }

  async get(id: string, includeNodes: boolean): Promise<AnalysisView> {
    const [view] = await this.getMany([id], includeNodes);
    if (view instanceof Error) throw view;
    return view!;
  }

  /**
   * Several analyses in one query (GraphQL's batches), each as `get` gives it or the error `get` would
   * throw, in the order of `ids`.
   */
  async getMany(ids: readonly string[], includeNodes: boolean): Promise<Array<AnalysisView | Error>> {
    const rows = await this.store.readStored(ids, includeNodes);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return Promise.all(
      ids.map(async (id) => {
        const row = byId.get(id);
        if (row === undefined) return new AppError('analysis-not-found', `analysis ${id} not found`);
        return this.storedView(row, includeNodes).catch((error: unknown) =>
          error instanceof Error ? error : new Error(String(error)),
        );
      }),
    );
  }

  private async storedView(row: StoredAnalysis, includeNodes: boolean): Promise<AnalysisView> {
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
        row.manifest as { files: StoredManifestFile[] },
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
      labels: row.labels,
      manifestSha256: row.manifestSha256,
      createdBy: creator(row.token),
      workloads: results.map((result, i) => ({
        ...result,
        change: (row.changes[i] ?? null) as WorkloadChange | null,
      })),
    };
  }

  async list(query: ListAnalysesQueryDto): Promise<AnalysisPage> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const workloadFilter: Prisma.AnalysisWorkloadWhereInput = {
      ...(query.namespace === undefined ? {} : { namespace: query.namespace }),
      ...(query.kind === undefined ? {} : { kind: canonicalKind(query.kind) }),
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
    if (query.schedulable === true) {
      and.push({ inventoryName: { not: null }, workloads: { none: { isSchedulable: false } } });
    }
    if (query.cursor !== undefined) {
      const { createdAt, id } = decodeCursor(query.cursor, 'uuid');
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
        token: { select: { id: true, name: true } },
        _count: { select: { workloads: true } },
      },
    });
    const page = rows.slice(0, limit);
    const unschedulable = await this.database.prisma.analysisWorkload.groupBy({
      by: ['analysisId'],
      where: { analysisId: { in: page.map((row) => row.id) }, isSchedulable: false },
      _count: { _all: true },
    });
    const unschedulableById = new Map(unschedulable.map((group) => [group.analysisId, group._count._all]));
    const items: AnalysisSummary[] = page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      inventory:
        row.inventoryName === null ? null : { name: row.inventoryName, version: row.inventoryVersion! },
      labels: row.labels as Record<string, string>,
      manifestSha256: row.manifestSha256,
      createdBy: creator(row.token),
      workloadCount: row._count.workloads,
      unschedulableCount: unschedulableById.get(row.id) ?? 0,
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
    const previous = await this.store.previousWorkloads(results, inventoryName);
    return results.map((result, i) => {
      const earlier = previous[i];
      if (earlier === null || earlier === undefined || result.pod === null) return null;
      return {
        previousWorkloadId: earlier.id,
        change: {
          previousAnalysisId: earlier.analysisId,
          previousCreatedAt: earlier.createdAt.toISOString(),
          ...describeWorkloadChange(earlier.footprint, workloadFootprint(result)),
        },
      };
    });
  }

  private recompute(
    manifest: { files: StoredManifestFile[] },
    fieldValidation: FieldValidation,
    cluster: ClusterState,
    stored: WorkloadResult[],
  ): WorkloadResult[] {
    const { workloads } = readWorkloads(manifest.files, { fieldValidation });
    // Only a reader that changed since the analysis was stored could tell a different count: ours to fix.
    if (workloads.length !== stored.length) {
      throw new Error(
        `re-reading a stored manifest gave ${workloads.length} workloads, not ${stored.length}`,
      );
    }
    return workloads.map((workload) => analyzeWorkload(workload, cluster));
  }
}

function view(
  id: string | null,
  computed: ComputedAnalysis,
  includeNodes: boolean,
  createdBy: AnalysisCreator | null,
): AnalysisView {
  const { createdAt, inventory, labels, manifestSha256, results, changes } = computed;
  return {
    apiVersion: ANALYSIS_API_VERSION,
    kind: 'Analysis',
    id,
    createdAt: createdAt.toISOString(),
    inventory,
    labels,
    manifestSha256,
    createdBy,
    workloads: results.map((result, i) => ({
      ...(includeNodes ? result : withoutNodeVerdicts(result)),
      change: changes[i]?.change ?? null,
    })),
  };
}

function creator(token: { id: string; name: string } | null): AnalysisCreator | null {
  return token === null ? null : { tokenId: token.id, tokenName: token.name };
}

function withoutNodeVerdicts(result: WorkloadResult): BriefWorkloadResult {
  if (result.fit === undefined) return result;
  return { ...result, fit: fitSummary(result.fit) };
}

function workloadRecord(
  result: WorkloadResult,
  ordinal: number,
  linked: LinkedChange | null,
): WorkloadRecord {
  const pod = result.pod;
  const fit = result.fit;
  return {
    ordinal,
    kind: result.kind,
    namespace: result.namespace,
    name: result.name,
    replicas: result.replicas,
    is_valid: pod !== null,
    qos_class: pod?.qosClass ?? null,
    cpu_millis: pod === null ? null : int64(Quantity.parse(pod.requests.cpu ?? '0').milliValue()),
    memory_bytes: pod === null ? null : int64(Quantity.parse(pod.requests.memory ?? '0').value()),
    requests: pod?.requests ?? null,
    limits: pod?.limits ?? null,
    feasible_nodes: fit?.feasibleNodes ?? null,
    total_nodes: fit?.totalNodes ?? null,
    is_schedulable: fit === undefined ? null : fitsAsNeeded(result),
    previous_workload_id: linked?.previousWorkloadId ?? null,
    change: linked?.change ?? null,
  };
}

function int64(value: bigint): string | null {
  return value > INT64_MAX ? null : String(value);
}

function sortKeys(labels: Record<string, string>): Array<[string, string]> {
  return Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** sha256 of the manifest text; of the files' names and texts in order when there are several. */
function manifestDigest(files: readonly ManifestFile[]): string {
  if (files.length === 1) return sha256(files[0]!.content);
  const hash = createHash('sha256');
  for (const { name, content } of files) hash.update(`${name}\u0000`).update(content).update('\u0000');
  return hash.digest('hex');
}

/** One digest of everything that decides an analysis, to tell a retried request from a different one. */
function requestDigest(
  manifestSha256: string,
  request: AnalysisRequest,
  labels: Record<string, string>,
  fieldValidation: FieldValidation,
): string {
  const names = request.files.map((file) => file.name);
  return sha256(
    JSON.stringify([manifestSha256, names, request.inventory ?? null, sortKeys(labels), fieldValidation]),
  );
}

function storedFile({ name, content }: ManifestFile): StoredManifestFile {
  return { name, content: typeof content === 'string' ? content : Buffer.from(content).toString('utf8') };
}
