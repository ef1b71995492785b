// `kubectl get pods -A -o json|yaml` -> the pods already bound to the nodes podfit knows, with what the core
// needs to count what they use: labels and namespace (inter-pod affinity, spreading), containers' resources
// and ports, overhead, pod-level resources, affinity, hostNetwork, and the status the kubelet reports
// (actuated and admitted resources after an in-place resize).
import { type Pod, type PodSpec, type PodStatus } from '@podfit/scheduling';
import { BOUND_POD } from './api-schema';
import { readClusterObjects } from './cluster-objects';
import { type SourceText } from './documents';
import { type ManifestObject } from './objects';
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
  const isBoundAndRunning = ({ value }: ManifestObject) => {
    const nodeName = field(field(value, 'spec'), 'nodeName');
    const phase = field(field(value, 'status'), 'phase');
    return (
      typeof nodeName === 'string' &&
      knownNodes.has(nodeName) &&
      !(typeof phase === 'string' && TERMINAL_PHASES.has(phase))
    );
  };
  return readClusterObjects<BoundPodInput, Pod>(
    sources,
    'Pod',
    BOUND_POD,
    ({ metadata, spec, status }) => ({
      metadata: {
        name: metadata?.name ?? '',
        namespace: metadata?.namespace || 'default',
        ...(metadata?.labels !== undefined ? { labels: metadata.labels } : {}),
      },
      spec: { containers: [], ...spec },
      ...(status !== undefined ? { status } : {}),
    }),
    isBoundAndRunning,
  );
}
