// "Allocated resources" of `kubectl describe node`: k8s.io/kubectl pkg/describe/describe.go,
// describeNodeResource and getPodsTotalRequestsAndLimits. Expected values are worked out by hand from those
// functions (see RELIABILITY.md 7.3: `cpu  950m (47%)  100m (5%)`).
import { type Node, type Pod } from '../api/core-v1';
import { makeNode, resourceList } from '../framework/testing/wrappers';
import { pod } from '../pod/testing/pod-builder';
import { describeNodeAllocation, type ResourceAllocation } from './node-allocation';

/** Binds a pod to a node, optionally in a phase. */
function bound(p: Pod, nodeName = 'n1', phase?: string): Pod {
  return {
    ...p,
    spec: { ...p.spec, nodeName },
    ...(phase !== undefined && { status: { ...p.status, phase } }),
  };
}

function row(
  resource: string,
  allocatable: string,
  requests: string,
  limits: string,
  free: string,
  pct: [number, number],
) {
  return { resource, allocatable, requests, limits, free, requestsPercent: pct[0], limitsPercent: pct[1] };
}

const byResource = (rows: readonly ResourceAllocation[]) =>
  Object.fromEntries(rows.map((r) => [r.resource, r]));

describe('describeNodeAllocation', () => {
  const node = makeNode()
    .name('n1')
    .label('zone', 'a')
    .capacity({ cpu: '2', memory: '4Gi', pods: '110' })
    .obj();
  const web = bound(pod('web').container({ cpu: '850m', memory: '1Gi' }).obj());
  const api = bound(
    pod('api')
      .container({ cpu: '100m', memory: '512Mi' }, { limits: { cpu: '100m', memory: '1Gi' } })
      .obj(),
  );

  it('prints cpu 950m (47%) 100m (5%) on a node with cpu 2 and memory 4Gi', () => {
    expect(describeNodeAllocation(node, [web, api])).toEqual({
      name: 'n1',
      unschedulable: false,
      labels: { zone: 'a' },
      podCount: 2,
      allocatablePods: '110',
      resources: [
        row('cpu', '2', '950m', '100m', '1050m', [47, 5]),
        // 1536Mi of 4Gi is 37.5%, truncated.
        row('memory', '4Gi', '1536Mi', '1Gi', '2560Mi', [37, 25]),
        row('ephemeral-storage', '0', '0', '0', '0', [0, 0]),
      ],
    });
  });

  it('leaves out Succeeded and Failed pods (kubectl lists non-terminated pods only)', () => {
    const done = bound(pod('done').container({ cpu: '1' }).obj(), 'n1', 'Succeeded');
    const failed = bound(pod('failed').container({ cpu: '1' }).obj(), 'n1', 'Failed');
    const running = bound(pod('running').container({ cpu: '50m' }).obj(), 'n1', 'Running');
    const pending = bound(pod('pending').container({ memory: '512Mi' }).obj(), 'n1', 'Pending');
    const allocation = describeNodeAllocation(node, [web, done, api, failed, running, pending]);
    expect(allocation.podCount).toBe(4);
    expect(byResource(allocation.resources)['cpu']).toEqual(row('cpu', '2', '1', '100m', '1', [50, 5]));
    expect(byResource(allocation.resources)['memory']).toEqual(
      row('memory', '4Gi', '2Gi', '1Gi', '2Gi', [50, 25]),
    );
  });

  it('counts only pods bound to this node (spec.nodeName)', () => {
    const elsewhere = bound(pod('elsewhere').container({ cpu: '1' }).obj(), 'n2');
    const unbound = pod('unbound').container({ cpu: '1' }).obj();
    const allocation = describeNodeAllocation(node, [elsewhere, unbound, web]);
    expect(allocation.podCount).toBe(1);
    expect(allocation.resources[0]).toEqual(row('cpu', '2', '850m', '0', '1150m', [42, 0]));
  });

  it('takes capacity when the node lists no allocatable at all', () => {
    const capacityOnly: Node = {
      metadata: { name: 'n1' },
      spec: {},
      status: { capacity: resourceList({ cpu: '4', memory: '8Gi', pods: '10' }) },
    };
    const allocation = describeNodeAllocation(capacityOnly, [
      bound(pod().container({ cpu: '1', memory: '1Gi' }).obj()),
    ]);
    expect(allocation.allocatablePods).toBe('10');
    expect(allocation.resources.slice(0, 2)).toEqual([
      row('cpu', '4', '1', '0', '3', [25, 0]),
      row('memory', '8Gi', '1Gi', '0', '7Gi', [12, 0]),
    ]);
  });

  it('uses allocatable as listed, a resource it leaves out being 0 even where capacity has it', () => {
    const partial = makeNode()
      .name('n1')
      .capacity({ cpu: '4', memory: '8Gi' })
      .allocatable({ cpu: '3500m' })
      .obj();
    const allocation = describeNodeAllocation(partial, [
      bound(pod().container({ cpu: '1', memory: '1Gi' }).obj()),
    ]);
    expect(allocation.allocatablePods).toBeNull();
    expect(allocation.resources.slice(0, 2)).toEqual([
      // 1000m of 3500m is 28.57%.
      row('cpu', '3500m', '1', '0', '2500m', [28, 0]),
      row('memory', '0', '1Gi', '0', '-1Gi', [0, 0]),
    ]);
  });

  it('gives 0% where allocatable is zero, and a negative free amount', () => {
    const empty = makeNode().name('n1').capacity({ cpu: '0', memory: '0' }).obj();
    const allocation = describeNodeAllocation(empty, [
      bound(
        pod()
          .container({ cpu: '500m' }, { limits: { cpu: '1', memory: '64Mi' } })
          .obj(),
      ),
    ]);
    expect(allocation.resources.slice(0, 2)).toEqual([
      row('cpu', '0', '500m', '1', '-500m', [0, 0]),
      // The container's memory request defaults to its limit.
      row('memory', '0', '64Mi', '64Mi', '-64Mi', [0, 0]),
    ]);
  });

  it('reports an overcommitted node above 100% with a negative free amount', () => {
    const small = makeNode().name('n1').capacity({ cpu: '1', memory: '1Gi' }).obj();
    const allocation = describeNodeAllocation(small, [
      bound(
        pod('a')
          .container({ cpu: '600m', memory: '1Gi' }, { limits: { cpu: '2', memory: '2Gi' } })
          .obj(),
      ),
      bound(pod('b').container({ cpu: '600m', memory: '512Mi' }).obj()),
    ]);
    expect(allocation.resources.slice(0, 2)).toEqual([
      row('cpu', '1', '1200m', '2', '-200m', [120, 200]),
      row('memory', '1Gi', '1536Mi', '2Gi', '-512Mi', [150, 200]),
    ]);
  });

  it('divides in doubles and truncates, as kubectl does: 29m of 100m is 28%, 57 of 100 bytes 56%', () => {
    // float64(29) / float64(100) * 100 = 28.999999999999996; 57 / 100 * 100 = 56.99999999999999.
    const tiny = makeNode().name('n1').capacity({ cpu: '100m', memory: '100' }).obj();
    const allocation = describeNodeAllocation(tiny, [
      bound(pod().container({ cpu: '29m', memory: '57' }).obj()),
    ]);
    expect(allocation.resources.slice(0, 2).map((r) => r.requestsPercent)).toEqual([28, 56]);
  });

  it('lists hugepages and then other resources, each sorted by name, after cpu, memory and ephemeral-storage', () => {
    const gpuNode = makeNode()
      .name('n1')
      .capacity({
        cpu: '8',
        memory: '32Gi',
        pods: '110',
        'nvidia.com/gpu': '4',
        'example.com/foo': '2',
        'hugepages-2Mi': '1Gi',
        'hugepages-1Gi': '2Gi',
        'attachable-volumes-aws-ebs': '39',
      })
      .obj();
    const extended = { 'hugepages-2Mi': '512Mi', 'nvidia.com/gpu': '1', 'acme.io/fpga': '1' };
    const trainer = bound(
      pod('trainer')
        .container({ cpu: '1', memory: '1Gi', ...extended }, { limits: { memory: '1Gi', ...extended } })
        .obj(),
    );
    expect(describeNodeAllocation(gpuNode, [trainer]).resources).toEqual([
      row('cpu', '8', '1', '0', '7', [12, 0]),
      row('memory', '32Gi', '1Gi', '1Gi', '31Gi', [3, 3]),
      row('ephemeral-storage', '0', '0', '0', '0', [0, 0]),
      row('hugepages-1Gi', '2Gi', '0', '0', '2Gi', [0, 0]),
      row('hugepages-2Mi', '1Gi', '512Mi', '512Mi', '512Mi', [50, 50]),
      // Requested but not allocatable: listed with allocatable 0.
      row('acme.io/fpga', '0', '1', '1', '-1', [0, 0]),
      row('attachable-volumes-aws-ebs', '39', '0', '0', '39', [0, 0]),
      row('example.com/foo', '2', '0', '0', '2', [0, 0]),
      row('nvidia.com/gpu', '4', '1', '1', '3', [25, 25]),
    ]);
  });

  it('counts init containers, sidecars and overhead as PodRequests does', () => {
    // max(100m + 200m + sidecar 100m, init 500m + sidecar 100m) + overhead 50m = 650m.
    const p = bound(
      pod()
        .container({ cpu: '100m' })
        .container({ cpu: '200m' })
        .sidecar({ cpu: '100m' })
        .init({ cpu: '500m' })
        .overhead({ cpu: '50m' })
        .obj(),
    );
    expect(describeNodeAllocation(node, [p]).resources[0]).toEqual(
      row('cpu', '2', '650m', '0', '1350m', [32, 0]),
    );
  });

  it("sums spec requests, not the kubelet's status resources (getPodsTotalRequestsAndLimits sets no UseStatusResources)", () => {
    const resized = bound(
      pod()
        .container({ cpu: '100m' }, { name: 'app' })
        .status({
          containerStatuses: [
            {
              name: 'app',
              allocatedResources: resourceList({ cpu: '500m' }),
              resources: { requests: resourceList({ cpu: '500m' }) },
            },
          ],
        })
        .obj(),
    );
    expect(describeNodeAllocation(node, [resized]).resources[0]!.requests).toBe('100m');
  });

  it('reports the node as cordoned and copies its labels', () => {
    const cordoned = makeNode().name('n9').label('role', 'db').unschedulable().capacity({ cpu: '1' }).obj();
    const allocation = describeNodeAllocation(cordoned, []);
    expect(allocation).toMatchObject({
      name: 'n9',
      unschedulable: true,
      labels: { role: 'db' },
      podCount: 0,
    });
    expect(allocation.labels).not.toBe(cordoned.metadata.labels);
  });

  it('does not list pods as a resource row', () => {
    expect(describeNodeAllocation(node, [web]).resources.map((r) => r.resource)).toEqual([
      'cpu',
      'memory',
      'ephemeral-storage',
    ]);
  });
});
