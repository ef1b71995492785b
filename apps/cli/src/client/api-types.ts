// The podfit server's REST contract as the CLI reads it. It mirrors apps/api/src/analyses/analysis.view.ts,
// apps/api/src/inventories/inventory.view.ts and apps/api/src/errors/error-codes.ts, which the CLI may not
// import: it never loads Nest, and its bundle holds none of the server.
import { type FieldValidation } from '@podfit/manifests';
import { type ANALYSIS_API_VERSION, type WorkloadResult } from '@podfit/scheduling';

/** One manifest file of POST /v1/analyses, its text as read from disk or stdin. */
export interface ManifestFile {
  readonly name: string;
  readonly content: string;
}

/** The JSON body of POST /v1/analyses. */
export interface AnalysisRequestBody {
  readonly files: readonly ManifestFile[];
  readonly inventory?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly fieldValidation: FieldValidation;
}

/** What changed in a workload since its previous analysis; `summary` is one line a person reads. */
export interface WorkloadChange {
  readonly summary: string;
  readonly [detail: string]: unknown;
}

/**
 * A workload as the server returns it: the offline contract, plus what changed since its previous analysis
 * (null for its first). Without `?include=nodes`, `fit` has no `nodes`.
 */
export type AnalysedWorkload = WorkloadResult & { change: WorkloadChange | null };

export interface AnalysisView {
  readonly apiVersion: typeof ANALYSIS_API_VERSION;
  readonly kind: 'Analysis';
  /** null for a dry run, which is not stored. */
  readonly id: string | null;
  readonly createdAt: string;
  readonly inventory: { readonly name: string; readonly version: number } | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly manifestSha256: string;
  readonly workloads: AnalysedWorkload[];
}

/** The JSON body of PUT /v1/inventories/NAME: nodes and pods as the text kubectl printed. */
export interface InventoryRequestBody {
  readonly description?: string;
  readonly nodes: string;
  readonly pods?: string;
}

export interface InventoryView {
  readonly name: string;
  readonly description: string;
  /** Goes up by one on every change; the ETag. */
  readonly version: number;
  readonly nodeCount: number;
  readonly podCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface InventoryList {
  readonly items: InventoryView[];
}

/** Where in the input a problem is, when the server knows. */
export interface ErrorDetail {
  readonly file?: string;
  readonly document?: number;
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** The body of every error response. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly details: readonly ErrorDetail[];
}
