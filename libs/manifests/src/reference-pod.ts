// A reference pod given by its requests alone (`--requests cpu=500m,memory=1Gi`, REST's `requests`), for the
// Headroom report: read by the manifest reader as any Pod is, so a bad resource name or quantity is reported in
// the reader's words.
import { type Pod } from '@podfit/scheduling';
import { readWorkloads } from './workloads';

/** A problem with one of the requests, at `requests.<resource>` (or `requests`). */
export interface RequestProblem {
  readonly path: string;
  readonly message: string;
}

const RESOURCE_PATHS = ['spec.containers[0].resources.requests', 'spec.containers[0].resources.limits'];

/**
 * A pod of one container requesting `requests`, or every problem with them. Its limits equal its requests,
 * as the API server requires of extended resources and hugepages (`nvidia.com/gpu=1`); limits play no part in
 * where a pod fits. A bad request is reported once, at its place in `requests`, not again for its limit.
 */
export function referencePodOfRequests(
  requests: Readonly<Record<string, string>>,
  source: string,
): { pod: Pod; problems: [] } | { pod: null; problems: RequestProblem[] } {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'reference', namespace: 'default' },
    spec: {
      containers: [{ name: 'reference', image: 'reference', resources: { requests, limits: requests } }],
    },
  };
  const { workloads, problems } = readWorkloads([{ name: source, content: JSON.stringify(pod) }], {
    fieldValidation: 'Strict',
  });
  const workload = workloads[0];
  const found = [...problems, ...(workload?.errors ?? [])];
  if (workload !== undefined && workload.pod !== null && found.length === 0) {
    return { pod: workload.pod, problems: [] };
  }
  const unique = new Map<string, RequestProblem>();
  for (const problem of found) {
    const prefix = RESOURCE_PATHS.find((path) => problem.path.startsWith(path));
    const path = prefix === undefined ? 'requests' : `requests${problem.path.slice(prefix.length)}`;
    unique.set(`${path}: ${problem.message}`, { path, message: problem.message });
  }
  return { pod: null, problems: [...unique.values()] };
}
