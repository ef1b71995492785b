// Capacity reports: read the manifest (and node templates, or the reference pod), compute the report on the
// inventory's current version (the core, on the cached cluster state of its snapshot), then store it whole
// with its inputs, in one statement. The report is exactly what `podfit capacity … -o json` prints.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  inInputOrder,
  ManifestError,
  readNodeTemplates,
  readWorkloads,
  referencePodOfRequests,
  type FieldValidation,
  type ManifestProblem,
} from '@podfit/manifests';
import {
  capacityPlan,
  DEFAULT_REPLICA_CAP,
  headroom,
  isQualifiedName,
  maxReplicas,
  scaleOut,
  type CapacityReport,
  type CapacityReportKind,
  type MaxReplicasWorkload,
  type Pod,
  type WorkloadInput,
} from '@podfit/scheduling';
import { renderCsv, renderHtml } from '@podfit/reports';
import { type Principal } from '../auth/principal';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { sqlState } from '../errors/database-errors';
import { AppError, type ErrorDetail } from '../errors/error-codes';
import { InventoriesService, type ResolvedInventory } from '../inventories/inventories.service';
import { InventorySnapshotsService } from '../inventories/inventory-snapshots.service';
import { MetricsService } from '../metrics/metrics.service';
import { CapacityStore, type StoredCapacityReport } from './capacity-store';
import {
  type CapacityReportCreator,
  type CapacityReportPage,
  type CapacityReportSummary,
  type CapacityReportView,
} from './capacity-report.view';

/** A manifest as a request carries it: text, or the bytes of a YAML body (checked as UTF-8 by the reader). */
export type ManifestText = string | Uint8Array;

interface ManifestFields {
  readonly manifest: ManifestText;
  /** Name of a stored inventory; the report is computed on its current version. */
  readonly inventory: string;
  /** Unknown and duplicate fields, as the API server; `Warn` when absent (as POST /v1/analyses). */
  readonly fieldValidation?: FieldValidation | undefined;
  /** The manifest's name in problems and in each workload's `source`; `manifest` when absent. */
  readonly filename?: string | undefined;
}

export interface MaxReplicasRequest extends ManifestFields {
  /** The most replicas counted per workload, 1 to DEFAULT_REPLICA_CAP (the default). */
  readonly maxReplicas?: number | undefined;
}

export type PlanRequest = ManifestFields;

export interface ScaleOutRequest extends ManifestFields {
  /** The node templates, YAML or JSON text (podfit.dev/v1 NodeTemplate documents, or Nodes used as ones). */
  readonly templates: ManifestText;
}

export interface HeadroomRequest {
  readonly inventory: string;
  /** A node label key (`node.kubernetes.io/instance-type`) to group nodes by. */
  readonly groupBy?: string | undefined;
  /** The reference pod's requests (`{cpu: '500m', memory: '1Gi'}`); or give `manifest`, or neither. */
  readonly requests?: Readonly<Record<string, string>> | undefined;
  /** A manifest of exactly one workload, whose pod is the reference pod. */
  readonly manifest?: ManifestText | undefined;
  readonly fieldValidation?: FieldValidation | undefined;
  readonly filename?: string | undefined;
}

export interface CapacityOptions {
  /** Compute and return without storing. */
  readonly dryRun: boolean;
  /** The caller; null when the server runs open. Its token is recorded as the report's creator. */
  readonly principal: Principal | null;
}

export interface CapacityListQuery {
  readonly kind?: CapacityReportKind | undefined;
  readonly inventory?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/** A report computed, with what it was computed from, before it is stored (or not, for a dry run). */
interface Computed {
  readonly inventory: ResolvedInventory;
  readonly report: CapacityReport;
  readonly inputs: object;
  readonly fits: boolean | null;
  readonly workloadCount: number;
}

const DEFAULT_FILENAME = 'manifest';
const TEMPLATES_SOURCE = 'templates';
const REQUESTS_SOURCE = 'requests';

@Injectable()
export class CapacityService {
  constructor(
    private readonly inventories: InventoriesService,
    private readonly snapshots: InventorySnapshotsService,
    private readonly store: CapacityStore,
    private readonly metrics: MetricsService,
  ) {}

  /** How many replicas of each workload fit on the inventory as it is, each on its own. */
  async maxReplicas(request: MaxReplicasRequest, options: CapacityOptions): Promise<CapacityReportView> {
    const replicaCap = checkReplicaCap(request.maxReplicas);
    const manifest = readManifest(request, 'capacity max');
    const inventory = await this.inventories.resolve(request.inventory);
    const report = maxReplicas(manifest.workloads, inventory.cluster, { replicaCap });
    return this.finish(
      {
        inventory,
        report,
        inputs: {
          manifest: manifest.stored,
          options: { fieldValidation: manifest.fieldValidation, maxReplicas: replicaCap ?? null },
        },
        fits: report.workloads.every(placesAsNeeded),
        workloadCount: report.workloads.length,
      },
      options,
    );
  }

  /** The workloads placed together, in order, on the inventory: what fits, before and after. */
  async plan(request: PlanRequest, options: CapacityOptions): Promise<CapacityReportView> {
    const manifest = readManifest(request, 'capacity plan');
    const inventory = await this.inventories.resolve(request.inventory);
    const report = capacityPlan(manifest.workloads, inventory.cluster);
    return this.finish(
      {
        inventory,
        report,
        inputs: { manifest: manifest.stored, options: { fieldValidation: manifest.fieldValidation } },
        fits: report.fits,
        workloadCount: report.workloads.length,
      },
      options,
    );
  }

  /** The fewest nodes of each template to add so the plan fits, and their cost. */
  async scaleOut(request: ScaleOutRequest, options: CapacityOptions): Promise<CapacityReportView> {
    const manifest = readManifest(request, 'capacity scale-out');
    // Unknown and duplicate template fields are errors (the reader's default): a misspelt price would
    // otherwise be dropped unseen, and a report has no place for template warnings.
    const templates = readNodeTemplates([{ name: TEMPLATES_SOURCE, content: request.templates }]);
    const inventory = await this.inventories.resolve(request.inventory);
    const { cluster } = await this.snapshots.load(inventory.snapshotId);
    const report = scaleOut(manifest.workloads, cluster, templates);
    return this.finish(
      {
        inventory,
        report,
        inputs: {
          manifest: manifest.stored,
          templates: { name: TEMPLATES_SOURCE, content: asText(request.templates) },
          options: { fieldValidation: manifest.fieldValidation },
        },
        fits: report.fitsAsIs || report.recommended !== null,
        workloadCount: report.plan.workloads.length,
      },
      options,
    );
  }

  /** What is left on each node and node group, and how many reference pods still fit. */
  async headroom(request: HeadroomRequest, options: CapacityOptions): Promise<CapacityReportView> {
    const groupBy = checkGroupBy(request.groupBy);
    const reference = referencePod(request);
    const inventory = await this.inventories.resolve(request.inventory);
    const report = headroom(inventory.cluster, { groupBy, referencePod: reference.pod });
    return this.finish(
      {
        inventory,
        report,
        inputs: {
          manifest: reference.stored,
          options: {
            groupBy,
            requests: request.requests ?? null,
            fieldValidation: reference.fieldValidation,
          },
        },
        fits: null,
        workloadCount: 0,
      },
      options,
    );
  }

  async get(id: string): Promise<CapacityReportView> {
    const row = await this.store.read(id);
    if (row === null) throw new AppError('capacity-report-not-found', `capacity report ${id} not found`);
    return {
      id: row.id,
      kind: row.kind,
      createdAt: row.createdAt,
      createdBy: creator(row.token),
      inventory: { name: row.inventoryName, version: row.inventoryVersion },
      report: row.report,
    };
  }

  /** The stored report as one self-contained HTML page, titled `<kind> <id>`. */
  async html(id: string): Promise<string> {
    const view = await this.get(id);
    return renderHtml(view.report, {
      title: `${view.kind} ${id}`,
      createdAt: view.createdAt.toISOString(),
      inventory: `${view.inventory.name}@${view.inventory.version}`,
    });
  }

  /** The stored report's per-node rows as CSV, with the name to download it as (`<kind>-<id>.csv`). */
  async csv(id: string): Promise<{ filename: string; text: string }> {
    const view = await this.get(id);
    return { filename: `${view.kind}-${id}.csv`, text: renderCsv(view.report) };
  }

  /** Reports newest first, without their bodies. */
  async list(query: CapacityListQuery): Promise<CapacityReportPage> {
    const rows = await this.store.list({
      kind: query.kind,
      inventory: query.inventory,
      after: query.cursor === undefined ? undefined : decodeCursor(query.cursor, 'uuid'),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(summary),
      nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor(last) : null,
    };
  }

  private async finish(computed: Computed, options: CapacityOptions): Promise<CapacityReportView> {
    const { inventory, report } = computed;
    const createdAt = new Date();
    const inventoryRef = { name: inventory.name, version: inventory.version };
    if (options.dryRun) {
      this.metrics.recordCapacityReport(report.kind, 'dry-run');
      return { id: null, kind: report.kind, createdAt, createdBy: null, inventory: inventoryRef, report };
    }
    const id = randomUUID();
    const tokenId = options.principal?.tokenId ?? null;
    let tokenName: string | null;
    try {
      tokenName = await this.store.insert({
        id,
        kind: report.kind,
        createdAt,
        inventoryId: inventory.id,
        snapshotId: inventory.snapshotId,
        inventoryName: inventory.name,
        inventoryVersion: inventory.version,
        tokenId,
        inputs: computed.inputs,
        report,
        fits: computed.fits,
        workloadCount: computed.workloadCount,
      });
    } catch (error) {
      // The inventory was deleted between reading it and storing the report (foreign key violation).
      if (sqlState(error) === '23503') {
        throw new AppError(
          'inventory-not-found',
          `inventory "${inventory.name}" was deleted while its capacity report was computed`,
        );
      }
      throw error;
    }
    this.metrics.recordCapacityReport(report.kind, 'stored');
    return {
      id,
      kind: report.kind,
      createdAt,
      createdBy: tokenId === null || tokenName === null ? null : { tokenId, tokenName },
      inventory: inventoryRef,
      report,
    };
  }
}

interface ReadManifest {
  readonly workloads: WorkloadInput[];
  readonly fieldValidation: FieldValidation;
  /** The manifest as stored with the report: its name and text. */
  readonly stored: { readonly name: string; readonly content: string };
}

/** The workloads of the manifest, or a 422 listing every problem of every invalid one (as analyses do). */
function readManifest(request: ManifestFields, what: string): ReadManifest {
  const name = request.filename ?? DEFAULT_FILENAME;
  const fieldValidation = request.fieldValidation ?? 'Warn';
  const { workloads, problems, skipped } = readWorkloads([{ name, content: request.manifest }], {
    fieldValidation,
  });
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
  if (all.length > 0) throw new ManifestError('invalid-manifest', inInputOrder(all, [name]));
  if (workloads.length === 0 && skipped.length === 0) {
    throw new AppError('malformed-input', `no objects passed to ${what}`, [
      { path: 'manifest', message: 'no objects' },
    ]);
  }
  return { workloads, fieldValidation, stored: { name, content: asText(request.manifest) } };
}

interface ReferencePod {
  readonly pod: Pod | null;
  readonly fieldValidation: FieldValidation | null;
  readonly stored: { readonly name: string; readonly content: string } | null;
}

/** The headroom's reference pod: from `requests`, from a one-workload `manifest`, or none. */
function referencePod(request: HeadroomRequest): ReferencePod {
  if (request.requests !== undefined && request.manifest !== undefined) {
    throw new AppError('malformed-input', 'give the reference pod as requests or as a manifest, not both', [
      { path: 'requests', message: 'not allowed with manifest' },
    ]);
  }
  if (request.requests !== undefined) {
    return { pod: podOfRequests(request.requests), fieldValidation: null, stored: null };
  }
  if (request.manifest === undefined) return { pod: null, fieldValidation: null, stored: null };
  const manifest = readManifest(
    {
      manifest: request.manifest,
      inventory: request.inventory,
      fieldValidation: request.fieldValidation,
      filename: request.filename,
    },
    'capacity headroom',
  );
  if (manifest.workloads.length !== 1) {
    const count = manifest.workloads.length;
    throw new AppError(
      'malformed-input',
      `manifest: must hold exactly one workload (the reference pod), not ${count}`,
      [{ path: 'manifest', message: `must hold exactly one workload, not ${count}` }],
    );
  }
  return {
    pod: manifest.workloads[0]!.pod,
    fieldValidation: manifest.fieldValidation,
    stored: manifest.stored,
  };
}

/** The reference pod of `requests`; a bad request is a 400 naming `requests.<resource>`. */
function podOfRequests(requests: Readonly<Record<string, string>>): Pod {
  const { pod, problems } = referencePodOfRequests(requests, REQUESTS_SOURCE);
  if (pod !== null) return pod;
  const lines = problems.map(({ path, message }) => `${path}: ${message}`);
  throw new AppError(
    'malformed-input',
    lines.join('; '),
    problems.map(({ path, message }): ErrorDetail => ({ path, message })),
  );
}

function checkReplicaCap(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 1 || value > DEFAULT_REPLICA_CAP) {
    throw new AppError(
      'malformed-input',
      `maxReplicas: must be a whole number from 1 to ${DEFAULT_REPLICA_CAP}`,
      [{ path: 'maxReplicas', message: `must be a whole number from 1 to ${DEFAULT_REPLICA_CAP}` }],
    );
  }
  return value;
}

const QUALIFIED_NAME_RULE =
  "must be a label key: a name of at most 63 characters (alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric), with an optional DNS subdomain prefix and '/'";

function checkGroupBy(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!isQualifiedName(value)) {
    throw new AppError('malformed-input', `groupBy: ${QUALIFIED_NAME_RULE}`, [
      { path: 'groupBy', message: QUALIFIED_NAME_RULE },
    ]);
  }
  return value;
}

/**
 * Whether a workload places what it must, as `podfit capacity max` judges its exit code: at least one
 * replica; a DaemonSet, its pod on every node it should run on (so one that selects no node is fine).
 */
function placesAsNeeded(workload: MaxReplicasWorkload): boolean {
  if (workload.kind === 'DaemonSet') return workload.stopMessage === null;
  return workload.maxReplicas > 0;
}

function asText(content: ManifestText): string {
  return typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
}

function creator(token: StoredCapacityReport['token']): CapacityReportCreator | null {
  return token === null ? null : { tokenId: token.id, tokenName: token.name };
}

function summary(row: StoredCapacityReport): CapacityReportSummary {
  return {
    id: row.id,
    kind: row.kind,
    createdAt: row.createdAt,
    createdBy: creator(row.token),
    inventory: { name: row.inventoryName, version: row.inventoryVersion },
    fits: row.fits,
    workloads: row.workloadCount,
  };
}
