// `kubectl get nodes -o json|yaml` -> the core's Node: name, labels, unschedulable, taints, allocatable and
// capacity (the core falls back to capacity where allocatable is absent). Every node must be valid.
import { type Node, type ResourceList, type Taint } from '@podfit/scheduling';
import { NODE } from './api-schema';
import { decodeObject } from './decode';
import { parseDocuments, type SourceText } from './documents';
import { ManifestError, type ManifestProblem } from './errors';
import { joinPath } from './json-path';
import { eachObject } from './objects';
import { type ReadOptions } from './workloads';

interface NodeInput {
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
  const nodes: Node[] = [];
  const problems: ManifestProblem[] = [];
  for (const source of sources) {
    for (const document of parseDocuments(source)) {
      const report = (path: string, message: string) =>
        problems.push({ file: document.file, document: document.index, path, message });
      eachObject(
        document,
        (object) => {
          if (object.kind !== 'Node' || object.apiVersion !== 'v1') {
            return report(
              object.path,
              `expected a Node (apiVersion v1), not ${object.kind} ${object.apiVersion}`,
            );
          }
          const decoded = decodeObject<NodeInput>(object.value, NODE, object.path, {
            fromYaml: document.format === 'yaml',
            hasBigInts: document.hasBigInts,
          });
          decoded.errors.forEach((e) => report(e.path, e.message));
          const name = decoded.value?.metadata?.name ?? '';
          if (name === '') report(joinPath(object.path, 'metadata.name'), 'Required value');
          if (decoded.errors.length > 0 || name === '') return;
          const { metadata, spec, status } = decoded.value!;
          nodes.push({
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
          });
        },
        (problem) => problems.push(problem),
        { lines: false },
      );
    }
  }
  if (problems.length > 0) throw new ManifestError('invalid-manifest', problems);
  return nodes;
}
