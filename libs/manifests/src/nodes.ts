// `kubectl get nodes -o json|yaml` -> the core's Node: name, labels, unschedulable, taints, allocatable and
// capacity (the core takes capacity when allocatable is absent). Every node must be valid.
import { type Node, type ResourceList, type Taint } from '@podfit/scheduling';
import { NODE } from './api-schema';
import { readClusterObjects, type Report } from './cluster-objects';
import { type SourceText } from './documents';
import { joinPath } from './json-path';
import { type ManifestObject } from './objects';
import { type ReadOptions } from './workloads';

export interface NodeInput {
  readonly metadata?: { readonly name?: string; readonly labels?: Readonly<Record<string, string>> };
  readonly spec?: { readonly unschedulable?: boolean; readonly taints?: ReadonlyArray<Partial<Taint>> };
  readonly status?: { readonly allocatable?: ResourceList; readonly capacity?: ResourceList };
}

/**
 * The nodes in `sources`: Node documents, or Lists of them. Throws ManifestError: `malformed-input` for text
 * that cannot be read, `invalid-manifest` listing every bad field (`items[3].status.allocatable.cpu`).
 * Fields of Node the scheduler does not read are not checked, whatever `options` say: this is a cluster's
 * own output.
 */
export function readNodes(sources: readonly SourceText[], _options: ReadOptions = {}): Node[] {
  return readClusterObjects<NodeInput, Node>(sources, 'Node', NODE, nodeFromInput);
}

/** The core's Node from a Node object decoded with `NODE`; a missing name is reported. */
export function nodeFromInput(
  { metadata, spec, status }: NodeInput,
  object: ManifestObject,
  report: Report,
): Node {
  const name = metadata?.name ?? '';
  if (name === '') report(joinPath(object.path, 'metadata.name'), 'Required value');
  return {
    metadata: { name, ...(metadata?.labels !== undefined ? { labels: metadata.labels } : {}) },
    spec: {
      ...(spec?.unschedulable !== undefined ? { unschedulable: spec.unschedulable } : {}),
      ...(spec?.taints !== undefined
        ? {
            taints: spec.taints.map(({ key, value, effect }) => ({
              key: key ?? '',
              ...(value !== undefined ? { value } : {}),
              effect: effect!,
            })),
          }
        : {}),
    },
    status: {
      ...(status?.allocatable !== undefined ? { allocatable: status.allocatable } : {}),
      ...(status?.capacity !== undefined ? { capacity: status.capacity } : {}),
    },
  };
}
