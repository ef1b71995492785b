// What changed between two analyses of one workload; expected lines written by hand.
import { type PodResult, type WorkloadResult } from './analysis-result';
import { describeWorkloadChange as describeFootprints, workloadFootprint } from './workload-change';

const describeWorkloadChange = (previous: WorkloadResult, current: WorkloadResult) =>
  describeFootprints(workloadFootprint(previous), workloadFootprint(current));

function workload(
  requests: Record<string, string>,
  limits: Record<string, string>,
  qosClass: PodResult['qosClass'],
  feasibleNodes: number | null,
  replicas: number | null = 3,
): WorkloadResult {
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    namespace: 'shop',
    name: 'web',
    replicas,
    document: 0,
    source: 'web.yaml',
    pod: { requests, limits, qosClass, breakdown: {}, containers: [], sharedVolumes: [] },
    ...(feasibleNodes === null
      ? {}
      : {
          fit: { feasibleNodes, totalNodes: 20, message: null, reasonCounts: {}, bestNodes: [], nodes: [] },
        }),
    warnings: [],
  };
}

describe('describeWorkloadChange', () => {
  it('names each changed request, the feasible nodes and the QoS class, in that order', () => {
    const before = workload(
      { cpu: '500m', memory: '512Mi' },
      { cpu: '500m', memory: '512Mi' },
      'Guaranteed',
      14,
    );
    const after = workload({ cpu: '500m', memory: '1Gi' }, { cpu: '500m', memory: '2Gi' }, 'Burstable', 11);
    const change = describeWorkloadChange(before, after);
    expect(change.summary).toBe(
      'memory request +512Mi, memory limit +1536Mi, feasible nodes 14 -> 11, QoS Guaranteed -> Burstable',
    );
    expect(change.requests).toEqual({ memory: { from: '512Mi', to: '1Gi', delta: '+512Mi' } });
    expect(change.limits).toEqual({ memory: { from: '512Mi', to: '2Gi', delta: '+1536Mi' } });
    expect(change.qosClass).toEqual({ from: 'Guaranteed', to: 'Burstable' });
    expect(change.feasibleNodes).toEqual({ from: 14, to: 11 });
  });

  it('signs decreases and reports resources that appear or disappear', () => {
    const before = workload({ cpu: '1', memory: '256Mi' }, { memory: '256Mi' }, 'Burstable', null);
    const after = workload({ cpu: '750m', 'nvidia.com/gpu': '1' }, {}, 'BestEffort', null);
    const change = describeWorkloadChange(before, after);
    expect(change.requests).toEqual({
      cpu: { from: '1', to: '750m', delta: '-250m' },
      memory: { from: '256Mi', to: null, delta: '-256Mi' },
      'nvidia.com/gpu': { from: null, to: '1', delta: '+1' },
    });
    expect(change.limits).toEqual({ memory: { from: '256Mi', to: null, delta: '-256Mi' } });
    expect(change.summary).toBe(
      'cpu request -250m, memory request -256Mi, nvidia.com/gpu request +1, memory limit -256Mi, QoS Burstable -> BestEffort',
    );
  });

  it('says "no change" for equal quantities written differently', () => {
    const before = workload({ cpu: '1000m', memory: '1024Mi' }, {}, 'Burstable', 5);
    const after = workload({ cpu: '1', memory: '1Gi' }, {}, 'Burstable', 5);
    expect(describeWorkloadChange(before, after)).toEqual({ requests: {}, limits: {}, summary: 'no change' });
  });

  it('reports replicas, and an inventory that is no longer given', () => {
    const before = workload({ cpu: '1' }, {}, 'Burstable', 4, 3);
    const after = workload({ cpu: '1' }, {}, 'Burstable', null, 5);
    const change = describeWorkloadChange(before, after);
    expect(change.summary).toBe('replicas 3 -> 5, feasible nodes 4 -> none');
  });
});
