// What libs/manifests hands the core for each workload document: the pod its controller would create.
import { type Pod } from '../api/core-v1';
import { type Problem, type Warning } from './analysis-result';

export interface WorkloadInput {
  readonly kind: string;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly name: string;
  /** File name as the user gave it, or `<stdin>`. */
  readonly source: string;
  /** 0-based index of the document in its file (skipped empty documents are not counted). */
  readonly document: number;
  /** 1-based line where the document, or the List item, starts. */
  readonly line?: number;
  /**
   * JSON path of the pod spec within the document, used to prefix warnings:
   * `spec` (Pod), `spec.template.spec`, `spec.jobTemplate.spec.template.spec` (CronJob), `template.spec`
   * (PodTemplate); prefixed with `items[i].` inside a List.
   */
  readonly podSpecPath: string;
  /**
   * `spec.replicas` (default 1), Job/CronJob `parallelism` (default 1), 1 for a Pod; null for a PodTemplate
   * and for a DaemonSet (the analysis counts the nodes its controller would run a pod on).
   */
  readonly replicas: number | null;
  /** The pod its controller would create (template labels, the workload's namespace), as written: API-server
   *  defaults are applied by the core. null when `errors` is non-empty. */
  readonly pod: Pod | null;
  /** Manifest-level findings (unknown or duplicate fields), paths relative to the document. */
  readonly warnings: readonly Warning[];
  /** What the API server would reject, paths relative to the document. Non-empty means invalid. */
  readonly errors: readonly Problem[];
}
