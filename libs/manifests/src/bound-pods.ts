// `kubectl get pods -A -o json|yaml` -> the pods already bound to the nodes podfit knows, with what the core
// needs to count what they use: labels and namespace (inter-pod affinity, spreading), containers' resources
// and ports, overhead, pod-level resources, affinity, hostNetwork, and the status the kubelet reports
// (actuated and admitted resources after an in-place resize).
import { type Pod, type PodSpec, type PodStatus } from '@podfit/scheduling';
import { BOUND_POD } from './api-schema';
import { decodeObject } from './decode';
import { parseDocuments, type SourceText } from './documents';
import { ManifestError, type ManifestProblem } from './errors';
import { eachObject } from './objects';
import { isRawObject, type RawValue } from './raw-value';
import { type ReadOptions } from './workloads';

/** Terminated pods hold nothing on their node (the scheduler's cache drops them). */
const TERMINAL_PHASES = new Set(['Succeeded', 'Failed']);

function field(value: RawValue | undefined, key: string): RawValue | undefined {
  return isRawObject(value) ? value[key] : undefined;
}

interface BoundPodInput {
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly spec?: PodSpec;
  readonly status?: PodStatus;
}

/**
 * The pods of `sources` bound (spec.nodeName) to one of `knownNodes` and not terminated. Throws ManifestError:
 * `malformed-input` for text that cannot be read, `invalid-manifest` listing every bad field of those pods.
 */
export function readBoundPods(
  sources: readonly SourceText[],
  knownNodes: ReadonlySet<string>,
  _options: ReadOptions = {},
): Pod[] {
  const pods: Pod[] = [];
  const problems: ManifestProblem[] = [];
  for (const source of sources) {
    for (const document of parseDocuments(source)) {
      const report = (path: string, message: string) =>
        problems.push({ file: document.file, document: document.index, path, message });
      eachObject(
        document,
        (object) => {
          if (object.kind !== 'Pod' || object.apiVersion !== 'v1') {
            return report(
              object.path,
              `expected a Pod (apiVersion v1), not ${object.kind} ${object.apiVersion}`,
            );
          }
          const nodeName = field(field(object.value, 'spec'), 'nodeName');
          const phase = field(field(object.value, 'status'), 'phase');
          if (typeof nodeName !== 'string' || !knownNodes.has(nodeName)) return;
          if (typeof phase === 'string' && TERMINAL_PHASES.has(phase)) return;
          const decoded = decodeObject<BoundPodInput>(object.value, BOUND_POD, object.path, {
            fromYaml: document.format === 'yaml',
            hasBigInts: document.hasBigInts,
          });
          decoded.errors.forEach((e) => report(e.path, e.message));
          if (decoded.errors.length > 0) return;
          const { metadata, spec, status } = decoded.value!;
          pods.push({
            metadata: {
              name: metadata?.name ?? '',
              namespace: metadata?.namespace || 'default',
              ...(metadata?.labels !== undefined ? { labels: metadata.labels } : {}),
            },
            spec: { containers: [], ...spec },
            ...(status !== undefined ? { status } : {}),
          });
        },
        (problem) => problems.push(problem),
        { lines: false },
      );
    }
  }
  if (problems.length > 0) throw new ManifestError('invalid-manifest', problems);
  return pods;
}
