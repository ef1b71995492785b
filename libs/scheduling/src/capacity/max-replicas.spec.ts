// The Max-replicas report: each workload placed alone on the inventory as given, expected counts by hand.
import { type Pod } from '../api/core-v1';
import { type WorkloadInput } from '../analysis/workload-input';
import { buildClusterState } from '../framework/cluster-state';
import { makeNode, makePod } from '../framework/testing/wrappers';
import { HOSTNAME_KEY } from './testing/placement-builders';
import { maxReplicas } from './max-replicas';

const node = (name: string) =>
  makeNode().name(name).label(HOSTNAME_KEY, name).capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj();

function workload(kind: string, name: string, pod: Pod | null, errors: WorkloadInput['errors'] = []) {
  return {
    kind,
    apiVersion: 'apps/v1',
    namespace: 'default',
    name,
    source: 'app.yaml',
    document: 0,
    podSpecPath: 'spec.template.spec',
    replicas: 3,
    pod,
    warnings: [],
    errors,
  } satisfies WorkloadInput;
}

describe('maxReplicas', () => {
  const nodes = ['n1', 'n2', 'n3'].map(node);

  it('places each workload alone: two workloads of 1500m cpu both get 6 (2 per 4-cpu node), not 6 together', () => {
    const pod = makePod().namespace('default').label('app', 'web').req({ cpu: '1500m' }).obj();
    const report = maxReplicas(
      [workload('Deployment', 'a', pod), workload('Deployment', 'b', pod)],
      buildClusterState(nodes, []),
    );
    const expected = (name: string) => ({
      kind: 'Deployment',
      namespace: 'default',
      name,
      source: 'app.yaml',
      document: 0,
      maxReplicas: 6,
      perNode: { n1: 2, n2: 2, n3: 2 },
      limitedBy: ['cpu'],
      stopMessage: '0/3 nodes are available: 3 Insufficient cpu.',
      hitReplicaCap: false,
      warnings: [],
    });
    expect(report).toEqual({
      apiVersion: 'podfit.dev/v1',
      kind: 'MaxReplicas',
      workloads: [expected('a'), expected('b')],
    });
  });

  it('stops at the replica cap and says so, with no stop message', () => {
    const pod = makePod().namespace('default').req({ cpu: '100m' }).obj();
    const [result] = maxReplicas([workload('Deployment', 'web', pod)], buildClusterState(nodes, []), {
      replicaCap: 4,
    }).workloads;
    expect(result).toMatchObject({
      maxReplicas: 4,
      perNode: { n1: 2, n2: 1, n3: 1 },
      limitedBy: [],
      stopMessage: null,
      hitReplicaCap: true,
    });
  });

  it('leaves out invalid workloads, which have no pod to place', () => {
    const invalid = workload('Deployment', 'broken', null, [{ path: 'spec', message: 'Required value' }]);
    expect(maxReplicas([invalid], buildClusterState(nodes, [])).workloads).toEqual([]);
  });
});
