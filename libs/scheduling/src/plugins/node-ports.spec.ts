// Cases from TestNodePorts, pkg/scheduler/framework/plugins/nodeports/node_ports_test.go, as the conformance
// corpus (test/fixtures/conformance/cases/fit.json) carries them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClusterState } from '../framework/cluster-state';
import { preparePod } from '../framework/prepare-pod';
import { decodeFitCases, expectedNodeFits, filterEachNode } from '../framework/testing/conformance';
import { makeNode, makePod } from '../framework/testing/wrappers';
import { applyPodDefaults } from '../pod/defaults';
import { ERR_REASON, nodePorts } from './node-ports';

const cases = decodeFitCases(
  JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/conformance/cases/fit.json'), 'utf8')),
).filter((c) => c.plugin === 'NodePorts');

describe('NodePorts Filter', () => {
  it('has the corpus cases', () => expect(cases).toHaveLength(13));

  it.each(cases)('$name', (c) => {
    expect(filterEachNode(nodePorts, c)).toEqual(expectedNodeFits(c));
  });

  // pkg/scheduler/util/utils.go GetHostPorts: sidecars (restartable init containers) hold their host ports.
  it('counts the host ports of a bound pod’s sidecar, not of its plain init containers', () => {
    const node = makeNode().name('n').capacity({ cpu: '4', memory: '4Gi', pods: '10' }).obj();
    const bound = makePod().name('bound').node('n').container().obj();
    const withSidecar = {
      ...bound,
      spec: {
        ...bound.spec,
        initContainers: [
          { name: 'init', ports: [{ containerPort: 81, hostPort: 81 }] },
          { name: 'sidecar', restartPolicy: 'Always', ports: [{ containerPort: 80, hostPort: 80 }] },
        ],
      },
    };
    const cluster = buildClusterState([node], [withSidecar]);
    const on80 = preparePod(applyPodDefaults(makePod().hostPort(80).obj()));
    const on81 = preparePod(applyPodDefaults(makePod().hostPort(81).obj()));
    expect(nodePorts.filter(on80, cluster.nodeStates[0]!).reasons).toEqual([ERR_REASON]);
    expect(nodePorts.filter(on81, cluster.nodeStates[0]!).code).toBe('Success');
  });
});
