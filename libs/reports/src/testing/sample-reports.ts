// Hand-written capacity reports for the renderers' tests: small, with numbers worked out by hand (3 nodes of
// 4 cpu, 16Gi and 110 pods), so the tests do not depend on the report builders.
import {
  type HeadroomReport,
  type MaxReplicasReport,
  type PlanNode,
  type PlanReport,
  type ResourceUsage,
  type ScaleOutReport,
} from '@podfit/scheduling';

/** One ResourceUsage row, quantities as given. */
export function usage(
  resource: string,
  allocatable: string,
  requested: string,
  free: string,
  percent: number,
): ResourceUsage {
  return { resource, allocatable, requested, free, percent };
}

const STOP_CPU = '0/3 nodes are available: 3 Insufficient cpu.';

/** web (10 × 500m/1Gi) fits; api (3 × 2/2Gi) places 1, then no node has 2 cpu free. */
export const samplePlan: PlanReport = {
  apiVersion: 'podfit.dev/v1',
  kind: 'CapacityPlan',
  fits: false,
  workloads: [
    {
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      source: 'web.yaml',
      document: 0,
      requests: { cpu: '500m', memory: '1Gi' },
      wanted: 10,
      placed: 10,
      fits: true,
      perNode: { 'node-a': 4, 'node-c': 6 },
      limitedBy: [],
      stopMessage: null,
      warnings: [],
    },
    {
      kind: 'StatefulSet',
      namespace: 'shop',
      name: 'api',
      source: 'api.yaml',
      document: 1,
      requests: { cpu: '2', memory: '2Gi' },
      wanted: 3,
      placed: 1,
      fits: false,
      perNode: { 'node-b': 1 },
      limitedBy: ['cpu'],
      stopMessage: STOP_CPU,
      warnings: [
        {
          code: 'topology-spread-unevaluated',
          path: 'spec.template.spec.topologySpreadConstraints[0]',
          message: 'no node has the zone label',
        },
      ],
    },
  ],
  nodes: [
    {
      name: 'node-a',
      template: null,
      unschedulable: false,
      placed: 4,
      before: [
        usage('cpu', '4', '1', '3', 25),
        usage('memory', '16Gi', '4Gi', '12Gi', 25),
        usage('pods', '110', '5', '105', 4),
      ],
      after: [
        usage('cpu', '4', '3', '1', 75),
        usage('memory', '16Gi', '8Gi', '8Gi', 50),
        usage('pods', '110', '9', '101', 8),
      ],
    },
    {
      name: 'node-b',
      template: null,
      unschedulable: false,
      placed: 1,
      before: [
        usage('cpu', '4', '2', '2', 50),
        usage('memory', '16Gi', '6Gi', '10Gi', 37),
        usage('pods', '110', '8', '102', 7),
      ],
      after: [
        usage('cpu', '4', '4', '0', 100),
        usage('memory', '16Gi', '8Gi', '8Gi', 50),
        usage('pods', '110', '9', '101', 8),
      ],
    },
    {
      name: 'node-c',
      template: null,
      unschedulable: false,
      placed: 6,
      before: [
        usage('cpu', '4', '500m', '3500m', 12),
        usage('memory', '16Gi', '2Gi', '14Gi', 12),
        usage('pods', '110', '3', '107', 2),
      ],
      after: [
        usage('cpu', '4', '3500m', '500m', 87),
        usage('memory', '16Gi', '8Gi', '8Gi', 50),
        usage('pods', '110', '9', '101', 8),
      ],
    },
  ],
  cluster: {
    before: [
      usage('cpu', '12', '3500m', '8500m', 29),
      usage('memory', '48Gi', '12Gi', '36Gi', 25),
      usage('pods', '330', '16', '314', 4),
    ],
    after: [
      usage('cpu', '12', '10500m', '1500m', 87),
      usage('memory', '48Gi', '24Gi', '24Gi', 50),
      usage('pods', '330', '27', '303', 8),
    ],
  },
};

/** Names a user manifest could hold that must stay text: markup, quotes, spreadsheet formulas. */
export const HOSTILE_WORKLOAD = '<script>alert(1)</script>';
export const HOSTILE_NAMESPACE = `team "a" & 'b'`;
export const HOSTILE_NODE = '=HYPERLINK("http://evil.example","x")';

/** A plan whose names are hostile: one workload, one node. */
export const hostilePlan: PlanReport = {
  apiVersion: 'podfit.dev/v1',
  kind: 'CapacityPlan',
  fits: true,
  workloads: [
    {
      kind: 'Deployment',
      namespace: HOSTILE_NAMESPACE,
      name: HOSTILE_WORKLOAD,
      source: 'x.yaml',
      document: 0,
      requests: { cpu: '1' },
      wanted: 1,
      placed: 1,
      fits: true,
      perNode: { [HOSTILE_NODE]: 1 },
      limitedBy: [],
      stopMessage: null,
      warnings: [{ code: 'x', path: 'spec', message: '<img src=x onerror=alert(2)>' }],
    },
  ],
  nodes: [
    {
      name: HOSTILE_NODE,
      template: null,
      unschedulable: false,
      placed: 1,
      before: [usage('cpu', '2', '0', '2', 0)],
      after: [usage('cpu', '2', '1', '1', 50)],
    },
  ],
  cluster: { before: [usage('cpu', '2', '0', '2', 0)], after: [usage('cpu', '2', '1', '1', 50)] },
};

/** web: 14 replicas, limited by memory; batch: stopped at the replica cap of 1000. */
export const sampleMaxReplicas: MaxReplicasReport = {
  apiVersion: 'podfit.dev/v1',
  kind: 'MaxReplicas',
  workloads: [
    {
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      source: 'web.yaml',
      document: 0,
      maxReplicas: 14,
      perNode: { 'node-a': 4, 'node-b': 3, 'node-c': 7 },
      limitedBy: ['memory'],
      stopMessage: '0/3 nodes are available: 3 Insufficient memory.',
      hitReplicaCap: false,
      warnings: [],
    },
    {
      kind: 'Job',
      namespace: 'batch',
      name: 'crunch',
      source: 'crunch.yaml',
      document: 0,
      maxReplicas: 1000,
      perNode: { 'node-a': 333, 'node-b': 333, 'node-c': 334 },
      limitedBy: [],
      stopMessage: null,
      hitReplicaCap: true,
      warnings: [],
    },
  ],
};

function addedNode(name: string, cpu: string, cpuPercent: number, pods: number): PlanNode {
  return {
    name,
    template: 'm5.xlarge',
    unschedulable: false,
    placed: pods,
    before: [
      usage('cpu', '4', '0', '4', 0),
      usage('memory', '16Gi', '0', '16Gi', 0),
      usage('pods', '110', '0', '110', 0),
    ],
    after: [
      usage('cpu', '4', cpu, '0', cpuPercent),
      usage('memory', '16Gi', '2Gi', '14Gi', 12),
      usage('pods', '110', String(pods), String(110 - pods), 0),
    ],
  };
}

/** The sample plan made to fit by 2 m5.xlarge nodes, each taking one api replica. */
export const sampleScaleOut: ScaleOutReport = {
  apiVersion: 'podfit.dev/v1',
  kind: 'ScaleOut',
  fitsAsIs: false,
  options: [
    { template: 'm5.xlarge', nodesToAdd: 2, hourlyPrice: '0.192', hourlyCost: '0.384', reason: null },
    { template: 'm5.2xlarge', nodesToAdd: 1, hourlyPrice: '0.384', hourlyCost: '0.384', reason: null },
    {
      template: 'c5.large',
      nodesToAdd: null,
      hourlyPrice: '0.085',
      hourlyCost: null,
      reason: '0/4 nodes are available: 1 Insufficient cpu, 3 Insufficient memory.',
    },
  ],
  recommended: 'm5.xlarge',
  plan: {
    ...samplePlan,
    fits: true,
    workloads: [
      samplePlan.workloads[0]!,
      {
        ...samplePlan.workloads[1]!,
        placed: 3,
        fits: true,
        perNode: { 'node-b': 1, 'm5.xlarge-1': 1, 'm5.xlarge-2': 1 },
        limitedBy: [],
        stopMessage: null,
      },
    ],
    nodes: [...samplePlan.nodes, addedNode('m5.xlarge-1', '2', 50, 1), addedNode('m5.xlarge-2', '2', 50, 1)],
    cluster: {
      before: [
        usage('cpu', '20', '3500m', '16500m', 17),
        usage('memory', '80Gi', '12Gi', '68Gi', 15),
        usage('pods', '550', '16', '534', 2),
      ],
      after: [
        usage('cpu', '20', '14500m', '5500m', 72),
        usage('memory', '80Gi', '28Gi', '52Gi', 35),
        usage('pods', '550', '29', '521', 5),
      ],
    },
  },
};

/** Four nodes by instance type, one cordoned and one without the label; reference pod 500m/1Gi. */
export const sampleHeadroom: HeadroomReport = {
  apiVersion: 'podfit.dev/v1',
  kind: 'Headroom',
  groupBy: 'node.kubernetes.io/instance-type',
  referencePod: { requests: { cpu: '500m', memory: '1Gi' } },
  nodes: [
    {
      name: 'node-a',
      group: 'm5.xlarge',
      unschedulable: false,
      resources: [
        usage('cpu', '4', '1', '3', 25),
        usage('memory', '16Gi', '4Gi', '12Gi', 25),
        usage('pods', '110', '5', '105', 4),
      ],
      referencePods: 6,
    },
    {
      name: 'node-b',
      group: 'm5.xlarge',
      unschedulable: true,
      resources: [
        usage('cpu', '4', '2', '2', 50),
        usage('memory', '16Gi', '6Gi', '10Gi', 37),
        usage('pods', '110', '8', '102', 7),
      ],
      referencePods: 0,
    },
    {
      name: 'node-c',
      group: 'c5.2xlarge',
      unschedulable: false,
      resources: [
        usage('cpu', '8', '6500m', '1500m', 81),
        usage('memory', '16Gi', '3Gi', '13Gi', 18),
        usage('pods', '110', '12', '98', 10),
      ],
      referencePods: 3,
    },
    {
      name: 'node-d',
      group: null,
      unschedulable: false,
      resources: [
        usage('cpu', '2', '500m', '1500m', 25),
        usage('memory', '8Gi', '7Gi', '1Gi', 87),
        usage('pods', '110', '4', '106', 3),
      ],
      referencePods: 1,
    },
  ],
  groups: [
    {
      group: 'c5.2xlarge',
      nodes: 1,
      resources: [
        usage('cpu', '8', '6500m', '1500m', 81),
        usage('memory', '16Gi', '3Gi', '13Gi', 18),
        usage('pods', '110', '12', '98', 10),
      ],
      referencePods: 3,
    },
    {
      group: 'm5.xlarge',
      nodes: 2,
      resources: [
        usage('cpu', '8', '3', '5', 37),
        usage('memory', '32Gi', '10Gi', '22Gi', 31),
        usage('pods', '220', '13', '207', 5),
      ],
      referencePods: 6,
    },
    {
      group: null,
      nodes: 1,
      resources: [
        usage('cpu', '2', '500m', '1500m', 25),
        usage('memory', '8Gi', '7Gi', '1Gi', 87),
        usage('pods', '110', '4', '106', 3),
      ],
      referencePods: 1,
    },
  ],
  total: {
    group: null,
    nodes: 4,
    resources: [
      usage('cpu', '18', '10', '8', 55),
      usage('memory', '56Gi', '20Gi', '36Gi', 35),
      usage('pods', '440', '29', '411', 6),
    ],
    referencePods: 10,
  },
};

/**
 * A plan on `nodeCount` nodes of 16 cpu, 64Gi and 110 pods, with allocation varying from node to node
 * (arithmetic, no randomness): the size a big inventory gives the page.
 */
export function largePlan(nodeCount: number): PlanReport {
  const nodes: PlanNode[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const beforeMilli = (i * 7919) % 12000;
    const placedMilli = ((i * 104729) % 4) * 1000;
    const afterMilli = beforeMilli + placedMilli;
    const beforeGi = (i * 31) % 40;
    const afterGi = beforeGi + placedMilli / 250;
    nodes.push({
      name: `ip-10-0-${Math.floor(i / 250)}-${i % 250}.eu-west-1.compute.internal`,
      template: null,
      unschedulable: false,
      placed: placedMilli / 1000,
      before: [
        usage('cpu', '16', `${beforeMilli}m`, `${16000 - beforeMilli}m`, Math.trunc(beforeMilli / 160)),
        usage('memory', '64Gi', `${beforeGi}Gi`, `${64 - beforeGi}Gi`, Math.trunc((beforeGi * 100) / 64)),
        usage('pods', '110', '10', '100', 9),
      ],
      after: [
        usage('cpu', '16', `${afterMilli}m`, `${16000 - afterMilli}m`, Math.trunc(afterMilli / 160)),
        usage('memory', '64Gi', `${afterGi}Gi`, `${64 - afterGi}Gi`, Math.trunc((afterGi * 100) / 64)),
        usage('pods', '110', String(10 + placedMilli / 1000), String(100 - placedMilli / 1000), 10),
      ],
    });
  }
  const placed = nodes.reduce((sum, node) => sum + node.placed, 0);
  const cpuBefore = nodes.reduce((sum, node) => sum + parseInt(node.before[0]!.requested, 10), 0);
  const cpuAfter = nodes.reduce((sum, node) => sum + parseInt(node.after[0]!.requested, 10), 0);
  const memoryBefore = nodes.reduce((sum, node) => sum + parseInt(node.before[1]!.requested, 10), 0);
  const memoryAfter = nodes.reduce((sum, node) => sum + parseInt(node.after[1]!.requested, 10), 0);
  const cpu = 16000 * nodeCount;
  const memory = 64 * nodeCount;
  return {
    apiVersion: 'podfit.dev/v1',
    kind: 'CapacityPlan',
    fits: true,
    workloads: [
      {
        kind: 'Deployment',
        namespace: 'default',
        name: 'big',
        source: 'big.yaml',
        document: 0,
        requests: { cpu: '1', memory: '4Gi' },
        wanted: placed,
        placed,
        fits: true,
        perNode: {},
        limitedBy: [],
        stopMessage: null,
        warnings: [],
      },
    ],
    nodes,
    cluster: {
      before: [
        usage('cpu', `${cpu}m`, `${cpuBefore}m`, `${cpu - cpuBefore}m`, Math.trunc((cpuBefore * 100) / cpu)),
        usage(
          'memory',
          `${memory}Gi`,
          `${memoryBefore}Gi`,
          `${memory - memoryBefore}Gi`,
          Math.trunc((memoryBefore * 100) / memory),
        ),
      ],
      after: [
        usage('cpu', `${cpu}m`, `${cpuAfter}m`, `${cpu - cpuAfter}m`, Math.trunc((cpuAfter * 100) / cpu)),
        usage(
          'memory',
          `${memory}Gi`,
          `${memoryAfter}Gi`,
          `${memory - memoryAfter}Gi`,
          Math.trunc((memoryAfter * 100) / memory),
        ),
      ],
    },
  };
}
