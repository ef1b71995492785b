// Test helper: the conformance corpus (test/fixtures/conformance, see its README.md) decoded into core types.
// Specs read the JSON files; this module only decodes what they hand it.
import { type Node, type Pod, type ResourceList } from '../../api/core-v1';
import { Quantity } from '../../quantity/quantity';
import { applyPodDefaults } from '../../pod/defaults';
import { decodePod } from '../../pod/testing/decode-pod';
import { buildClusterState } from '../cluster-state';
import { type FilterPlugin } from '../plugin';
import { preparePod } from '../prepare-pod';

type Raw = Record<string, unknown>;

export { decodePod };

function decodeList(raw: unknown): ResourceList | undefined {
  if (raw === undefined || raw === null) return undefined;
  const list: Record<string, Quantity> = {};
  for (const [name, value] of Object.entries(raw as Record<string, string | number>)) {
    list[name] = Quantity.parse(String(value));
  }
  return list;
}

/** Parses a raw v1 Node: capacity and allocatable with Quantity.parse, everything else as given. */
export function decodeNode(raw: unknown): Node {
  const { metadata, spec, status } = raw as Raw;
  const { allocatable, capacity, ...statusRest } = (status ?? {}) as Raw;
  return {
    metadata: metadata as Node['metadata'],
    spec: (spec ?? {}) as Node['spec'],
    status: {
      ...statusRest,
      ...(allocatable != null && { allocatable: decodeList(allocatable) }),
      ...(capacity != null && { capacity: decodeList(capacity) }),
    },
  };
}

/** What the named plugin's Filter returns for one node of a fit.json case. */
export interface ExpectedNodeFit {
  readonly fits: boolean;
  readonly reasons: readonly string[];
  readonly code?: 'Unschedulable' | 'UnschedulableAndUnresolvable';
  readonly insufficientResources?: readonly {
    readonly resourceName: string;
    readonly reason: string;
    readonly requested: number;
    readonly used: number;
    readonly capacity: number;
  }[];
  readonly legacyReasons?: readonly string[];
}

/** One case of cases/fit.json. */
export interface FitCase {
  readonly name: string;
  readonly source: string;
  readonly plugin: string;
  readonly pod: Pod;
  readonly nodes: readonly Node[];
  readonly existingPods: readonly Pod[];
  readonly expected: Readonly<Record<string, ExpectedNodeFit>>;
  readonly pluginArgs?: { readonly ignoredResources?: readonly string[]; readonly ignoredResourceGroups?: readonly string[] };
  readonly featureGates?: Readonly<Record<string, boolean>>;
}

/** Decodes the parsed cases/fit.json. */
export function decodeFitCases(raw: unknown): FitCase[] {
  return (raw as Raw[]).map((c) => ({
    ...(c as unknown as FitCase),
    pod: decodePod(c.pod),
    nodes: ((c.nodes ?? []) as unknown[]).map(decodeNode),
    existingPods: ((c.existingPods ?? []) as unknown[]).map(decodePod),
  }));
}

/** One aggregate example of cases/messages.json. */
export interface MessageExample {
  readonly name: string;
  readonly numAllNodes: number;
  readonly preFilterMsg: string;
  readonly postFilterMsg: string;
  readonly nodeReasons: Readonly<Record<string, readonly string[]>>;
  readonly expected: string;
  readonly source: string;
}

/** One entry of `pluginReasons` in cases/messages.json. */
export interface PluginReason {
  readonly plugin: string;
  readonly reason: string;
  readonly code: string;
  readonly source: string;
}

/** A Filter's verdict on one node, in the shape of fit.json's `expected`. */
export interface NodeFit {
  readonly fits: boolean;
  readonly reasons: readonly string[];
  readonly code?: string;
}

/** Runs one Filter plugin on every node of a fit.json case: the nodes charged with the existing pods. */
export function filterEachNode(plugin: FilterPlugin, c: FitCase): Record<string, NodeFit> {
  const cluster = buildClusterState(c.nodes, c.existingPods);
  const pod = preparePod(applyPodDefaults(c.pod));
  const result: Record<string, NodeFit> = {};
  for (const node of cluster.nodeStates) {
    const status = plugin.filter(pod, node);
    result[node.name] =
      status.code === 'Success'
        ? { fits: true, reasons: [...status.reasons] }
        : { fits: false, reasons: [...status.reasons], code: status.code };
  }
  return result;
}

/** fit.json's expectation without the fields a Filter's Status does not carry. */
export function expectedNodeFits(c: FitCase): Record<string, NodeFit> {
  const result: Record<string, NodeFit> = {};
  for (const [name, { fits, reasons, code }] of Object.entries(c.expected)) {
    result[name] = code === undefined ? { fits, reasons } : { fits, reasons, code };
  }
  return result;
}
