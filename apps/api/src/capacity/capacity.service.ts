// Capacity reports: read the manifest (and node templates, or the reference pod), compute the report on the
// inventory's current version (the core, on the cached cluster state of its snapshot), then store it whole
// with its inputs, in one statement. The report is exactly what `podfit capacity … -o json` prints.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { readNodeTemplates, referencePodOfRequests, type FieldValidation } from '@podfit/manifests';
import {
  capacityPlan,
  headroom,
  maxReplicas,
  scaleOut,
  type CapacityReport,
  type CapacityReportKind,
  type ClusterState,
  type Pod,
  type WorkloadInput,
  placesAsNeeded,
} from '@podfit/scheduling';
import { renderCsv, renderHtml } from '@podfit/reports';
import { type Principal } from '../auth/principal';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { readValidWorkloads } from '../common/valid-workloads';
import { sqlState } from '../errors/database-errors';
import { AppError, type ErrorDetail } from '../errors/error-codes';
import { InventoriesService } from '../inventories/inventories.service';
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
  /** The most replicas counted per workload, 1 to DEFAULT_REPLICA_CAP (the default; checked by the request). */
  readonly maxReplicas?: number | undefined;
}

export type PlanRequest = ManifestFields;

export interface ScaleOutRequest extends ManifestFields {
  /** The node templates, YAML or JSON text (podfit.dev/v1 NodeTemplate documents, or Nodes used as ones). */
  readonly templates: ManifestText;
}

export interface HeadroomRequest {
  readonly inventory: string;
  /** A node label key (`node.kubernetes.io/instance-type`) to group nodes by (checked by the request). */
  readonly groupBy?: string | undefined;
  /** The reference pod's requests (`{cpu: '500m', memory: '1Gi'}`); or give `manifest`, or neither. */
  readonly requests?: Readonly<Record<string, string>> | undefined;
  /** A manifest of exactly one workload, whose pod is the reference pod; never with `requests`. */
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
  readonly report: CapacityReport;
  /** The manifest and templates as text, and the options: what the report was computed from. */
  readonly inputs: object;
  /** The summary's `fits` (CapacityReportSummary). */
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
    private readonly store: CapacityStore,
    private readonly metrics: MetricsService,
  ) {}

  /** How many replicas of each workload fit on the inventory as it is, each on its own. */
  async maxReplicas(request: MaxReplicasRequest, options: CapacityOptions): Promise<CapacityReportView> {
    const manifest = readManifest(request, 'capacity max');
    return this.report(request.inventory, options, (cluster) => {
      const report = maxReplicas(manifest.workloads, cluster, { replicaCap: request.maxReplicas });
      return {
        report,
        inputs: {
          manifest: manifest.stored,
          options: { fieldValidation: manifest.fieldValidation, maxReplicas: request.maxReplicas ?? null },
        },
        fits: report.workloads.every(placesAsNeeded),
        workloadCount: report.workloads.length,
      };
    });
  }

  /** The workloads placed together, in order, on the inventory: what fits, before and after. */
  async plan(request: PlanRequest, options: CapacityOptions): Promise<CapacityReportView> {
    const manifest = readManifest(request, 'capacity plan');
    return this.report(request.inventory, options, (cluster) => {
      const report = capacityPlan(manifest.workloads, cluster);
      return {
        report,
        inputs: { manifest: manifest.stored, options: { fieldValidation: manifest.fieldValidation } },
        fits: report.fits,
        workloadCount: report.workloads.length,
      };
    });
  }

  /** The fewest nodes of each template to add so the plan fits, and their cost. */
  async scaleOut(request: ScaleOutRequest, options: CapacityOptions): Promise<CapacityReportView> {
    const manifest = readManifest(request, 'capacity scale-out');
    // Unknown and duplicate template fields are errors (the reader's default): a misspelt price would
    // otherwise be dropped unseen, and a report has no place for template warnings.
    const templates = readNodeTemplates([{ name: TEMPLATES_SOURCE, content: request.templates }]);
    return this.report(request.inventory, options, (cluster) => {
      const report = scaleOut(manifest.workloads, cluster, templates);
      return {
        report,
        inputs: {
          manifest: manifest.stored,
          templates: { name: TEMPLATES_SOURCE, content: asText(request.templates) },
          options: { fieldValidation: manifest.fieldValidation },
        },
        fits: report.fitsAsIs || report.recommended !== null,
        workloadCount: report.plan.workloads.length,
      };
    });
  }

  /** What is left on each node and node group, and how many reference pods still fit. */
  async headroom(request: HeadroomRequest, options: CapacityOptions): Promise<CapacityReportView> {
    const groupBy = request.groupBy ?? null;
    const reference = referencePod(request);
    return this.report(request.inventory, options, (cluster) => ({
      report: headroom(cluster, { groupBy, referencePod: reference.pod }),
      inputs: {
        manifest: reference.stored,
        options: { groupBy, requests: request.requests ?? null, fieldValidation: reference.fieldValidation },
      },
      fits: null,
      workloadCount: 0,
    }));
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

  /**
   * The flow of every report: the inventory's current version (one statement; its cluster state comes from
   * the snapshot cache), the report computed on that state, then stored whole in one statement unless a dry
   * run.
   */
  private async report(
    inventoryName: string,
    options: CapacityOptions,
    compute: (cluster: ClusterState) => Computed,
  ): Promise<CapacityReportView> {
    const inventory = await this.inventories.resolve(inventoryName);
    const computed = compute(inventory.cluster);
    const { report } = computed;
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
function readManifest(request: ManifestFields, command: string): ReadManifest {
  const name = request.filename ?? DEFAULT_FILENAME;
  const fieldValidation = request.fieldValidation ?? 'Warn';
  const workloads = readValidWorkloads([{ name, content: request.manifest }], fieldValidation, command);
  return { workloads, fieldValidation, stored: { name, content: asText(request.manifest) } };
}

interface ReferencePod {
  readonly pod: Pod | null;
  readonly fieldValidation: FieldValidation | null;
  readonly stored: { readonly name: string; readonly content: string } | null;
}

/** The headroom's reference pod: from `requests`, from a one-workload `manifest`, or none. */
function referencePod(request: HeadroomRequest): ReferencePod {
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
