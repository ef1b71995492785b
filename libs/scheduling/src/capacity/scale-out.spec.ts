// The Scale-out report: node counts worked out by hand from the resources, DaemonSets and spreading, and every
// count checked on its own: the plan fits with it, and not with one node fewer (capacityPlan on a cluster built
// from scratch, not the search's joined states).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { type Node, type Pod, type Taint } from '../api/core-v1';
import { type WorkloadInput } from '../analysis/workload-input';
import { buildClusterState } from '../framework/cluster-state';
import { makeNode, makePod, type QuantityMap } from '../framework/testing/wrappers';
import { type NodeTemplate, type ScaleOutReport } from './capacity-reports';
import { capacityPlan } from './plan';
import { HOSTNAME_KEY, ZONE_KEY, withAntiAffinity, withSpread } from './testing/placement-builders';
import { scaleOut } from './scale-out';
import { type ClusterInput } from '../analysis/analyze';
import { type PlacementOptions } from './simulate-placement';

/** scaleOut from the cluster as `kubectl get nodes/pods` gives it (the callers build its state). */
function scaleOutOf(
  workloads: readonly WorkloadInput[],
  cluster: ClusterInput,
  templates: readonly NodeTemplate[],
  options?: PlacementOptions,
): ScaleOutReport {
  return scaleOut(workloads, buildClusterState(cluster.nodes, cluster.pods), templates, options);
}

const readSchema = (name: string): object =>
  JSON.parse(readFileSync(join(__dirname, '../../../../schema', name), 'utf8')) as object;
const validate = new Ajv({ strict: true, allErrors: true })
  .addSchema(readSchema('capacity-plan.schema.json'))
  .compile(readSchema('scale-out.schema.json'));

function expectValid(report: ScaleOutReport): void {
  const ok = validate(JSON.parse(JSON.stringify(report)));
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

function workload(kind: string, name: string, pod: Pod, replicas: number | null): WorkloadInput {
  return {
    kind,
    apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
    namespace: pod.metadata.namespace ?? 'default',
    name,
    source: 'plan.yaml',
    document: 0,
    podSpecPath: 'spec.template.spec',
    replicas,
    pod,
    warnings: [],
    errors: [],
  };
}

const deployment = (name: string, pod: Pod, replicas: number) => workload('Deployment', name, pod, replicas);
const daemonSet = (name: string, pod: Pod) => workload('DaemonSet', name, pod, null);

function node(name: string, capacity: QuantityMap, labels: Record<string, string> = {}): Node {
  let wrapper = makeNode().name(name).label(HOSTNAME_KEY, name).capacity(capacity);
  for (const [key, value] of Object.entries(labels)) wrapper = wrapper.label(key, value);
  return wrapper.obj();
}

function template(
  name: string,
  capacity: QuantityMap,
  extra: {
    price?: string;
    maxNodes?: number;
    taints?: Taint[];
    labels?: Record<string, string>;
  } = {},
): NodeTemplate {
  let wrapper = makeNode().name(name).capacity(capacity);
  for (const [key, value] of Object.entries(extra.labels ?? {})) wrapper = wrapper.label(key, value);
  if (extra.taints !== undefined) wrapper = wrapper.taints(extra.taints);
  return { name, node: wrapper.obj(), hourlyPrice: extra.price ?? null, maxNodes: extra.maxNodes ?? null };
}

/** `count` copies of the template's node as the report describes them, built here independently. */
function copies(t: NodeTemplate, count: number, first = 1): Node[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${t.name}-${first + i}`;
    return {
      ...t.node,
      metadata: { ...t.node.metadata, name, labels: { ...t.node.metadata.labels, [HOSTNAME_KEY]: name } },
    };
  });
}

function fitsWith(
  workloads: readonly WorkloadInput[],
  inventory: readonly Node[],
  pods: readonly Pod[],
  t: NodeTemplate,
  count: number,
): boolean {
  return capacityPlan(workloads, buildClusterState([...inventory, ...copies(t, count)], pods)).fits;
}

/** The count of each option with a count fits, and one fewer does not. */
function expectLeastCounts(
  report: ScaleOutReport,
  workloads: readonly WorkloadInput[],
  inventory: readonly Node[],
  pods: readonly Pod[],
  templates: readonly NodeTemplate[],
): void {
  report.options.forEach((option, t) => {
    if (option.nodesToAdd === null || option.nodesToAdd === 0) return;
    expect([option.template, fitsWith(workloads, inventory, pods, templates[t]!, option.nodesToAdd)]).toEqual(
      [option.template, true],
    );
    expect([
      option.template,
      fitsWith(workloads, inventory, pods, templates[t]!, option.nodesToAdd - 1),
    ]).toEqual([option.template, false]);
  });
}

const NODE_4CPU = { cpu: '4', memory: '16Gi', pods: '110' };
const web = makePod().name('web').label('app', 'web').req({ cpu: '1', memory: '1Gi' }).obj();
const agent = makePod().namespace('kube-system').name('agent').label('app', 'agent').req({ cpu: '1' }).obj();

/** Two 4-cpu nodes whose bound pods request `used` cpu each. */
function inventoryUsing(used: string): { nodes: Node[]; pods: Pod[] } {
  const nodes = [node('node-1', NODE_4CPU), node('node-2', NODE_4CPU)];
  const pods = nodes.map((n, i) =>
    makePod().name(`busy-${i}`).node(n.metadata.name).req({ cpu: used }).obj(),
  );
  return { nodes, pods };
}

describe('scaleOut', () => {
  const full = inventoryUsing('4');
  const tenWeb = [deployment('web', web, 10)];

  it('adds 3 nodes of 4 cpu for 10 replicas of 1 cpu on a full inventory, spread 4/3/3, at 3 × 0.192', () => {
    const m5 = template('m5', NODE_4CPU, { price: '0.192' });
    const report = scaleOutOf(tenWeb, full, [m5], {});
    expect(report).toMatchObject({
      apiVersion: 'podfit.dev/v1',
      kind: 'ScaleOut',
      fitsAsIs: false,
      options: [{ template: 'm5', nodesToAdd: 3, hourlyPrice: '0.192', hourlyCost: '0.576', reason: null }],
      recommended: 'm5',
    });
    expect(report.plan.fits).toBe(true);
    expect(report.plan.workloads[0]!.perNode).toEqual({ 'm5-1': 4, 'm5-2': 3, 'm5-3': 3 });
    expect(report.plan.nodes.map((n) => [n.name, n.template, n.placed])).toEqual([
      ['node-1', null, 0],
      ['node-2', null, 0],
      ['m5-1', 'm5', 4],
      ['m5-2', 'm5', 3],
      ['m5-3', 'm5', 3],
    ]);
    expectLeastCounts(report, tenWeb, full.nodes, full.pods, [m5]);
    expectValid(report);
  });

  it('names added nodes after the template, skipping names the inventory uses, each its own hostname', () => {
    const inventory = [...full.nodes, node('m5-1', NODE_4CPU), node('m5-3', NODE_4CPU)];
    const pods = [
      ...full.pods,
      makePod().name('busy-m5-1').node('m5-1').req({ cpu: '4' }).obj(),
      makePod().name('busy-m5-3').node('m5-3').req({ cpu: '4' }).obj(),
    ];
    const report = scaleOutOf(tenWeb, { nodes: inventory, pods }, [template('m5', NODE_4CPU)]);
    expect(report.options[0]!.nodesToAdd).toBe(3);
    expect(report.plan.nodes.filter((n) => n.template !== null).map((n) => n.name)).toEqual([
      'm5-2',
      'm5-4',
      'm5-5',
    ]);
    expect(report.plan.workloads[0]!.perNode).toEqual({ 'm5-2': 4, 'm5-4': 3, 'm5-5': 3 });
  });

  it('says why no count helps when the pod is bigger than an empty node of the template', () => {
    const small = template('small', { cpu: '500m', memory: '16Gi', pods: '110' }, { price: '0.05' });
    const report = scaleOutOf(tenWeb, full, [small]);
    expect(report.options).toEqual([
      {
        template: 'small',
        nodesToAdd: null,
        hourlyPrice: '0.05',
        hourlyCost: null,
        reason:
          'default/web: an empty small node does not fit its pod: 0/1 nodes are available: 1 Insufficient cpu.',
      },
    ]);
    expect(report.recommended).toBeNull();
    expect(report.plan).toEqual(capacityPlan(tenWeb, buildClusterState(full.nodes, full.pods)));
    expectValid(report);
  });

  it('says why no count helps when the template is tainted and the pod does not tolerate it', () => {
    const batch = template('batch', NODE_4CPU, {
      taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }],
    });
    const [option] = scaleOutOf(tenWeb, full, [batch]).options;
    expect(option!.reason).toBe(
      'default/web: an empty batch node does not fit its pod: 0/1 nodes are available: 1 node(s) had untolerated taint(s).',
    );
    const tolerating = makePod()
      .name('web')
      .req({ cpu: '1', memory: '1Gi' })
      .toleration({ key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' })
      .obj();
    expect(scaleOutOf([deployment('web', tolerating, 10)], full, [batch]).options[0]!.nodesToAdd).toBe(3);
  });

  it('gives up at maxNodes with the message of the replica that did not fit there', () => {
    const report = scaleOutOf(tenWeb, full, [template('m5', NODE_4CPU, { maxNodes: 2, price: '1' })]);
    expect(report.options[0]).toEqual({
      template: 'm5',
      nodesToAdd: null,
      hourlyPrice: '1',
      hourlyCost: null,
      reason: 'default/web: 0/4 nodes are available: 4 Insufficient cpu.',
    });
    expect(fitsWith(tenWeb, full.nodes, full.pods, template('m5', NODE_4CPU), 2)).toBe(false);
    expect(
      scaleOutOf(tenWeb, full, [template('m5', NODE_4CPU, { maxNodes: 3 })]).options[0]!.nodesToAdd,
    ).toBe(3);
  });

  describe('recommends', () => {
    const m5 = (price?: string) => template('m5', NODE_4CPU, { price }); // 3 nodes
    const m5x2 = (price?: string) => template('m5x2', { cpu: '8', memory: '32Gi', pods: '110' }, { price }); // 2 nodes

    it.each([
      ['the cheapest when every option has a price', m5('0.192'), m5x2('0.384'), 'm5', ['0.576', '0.768']],
      ['the cheapest, though it adds more nodes', m5('0.1'), m5x2('0.2'), 'm5', ['0.3', '0.4']],
      ['the cheapest, fewer nodes', m5('0.192'), m5x2('0.25'), 'm5x2', ['0.576', '0.50']],
      ['the first of equal costs', m5('0.20'), m5x2('0.3'), 'm5', ['0.60', '0.6']],
      ['the fewest nodes when an option has no price', m5('0.1'), m5x2(), 'm5x2', ['0.3', null]],
    ])('%s', (_, a, b, recommended, costs) => {
      const report = scaleOutOf(tenWeb, full, [a, b]);
      expect(report.options.map((o) => [o.template, o.nodesToAdd, o.hourlyCost])).toEqual([
        ['m5', 3, costs[0]],
        ['m5x2', 2, costs[1]],
      ]);
      expect(report.recommended).toBe(recommended);
      expect(report.plan.nodes.filter((n) => n.template !== null).map((n) => n.template)).toEqual(
        recommended === 'm5' ? ['m5', 'm5', 'm5'] : ['m5x2', 'm5x2'],
      );
      expectLeastCounts(report, tenWeb, full.nodes, full.pods, [a, b]);
    });

    it('the first of equal node counts without prices, and skips options without a count', () => {
      const small = template('small', { cpu: '500m', memory: '1Gi', pods: '110' });
      const report = scaleOutOf(tenWeb, full, [small, template('a', NODE_4CPU), template('b', NODE_4CPU)]);
      expect(report.options.map((o) => o.nodesToAdd)).toEqual([null, 3, 3]);
      expect(report.recommended).toBe('a');
    });

    it('the cheapest when the only option without a price has no count', () => {
      const small = template('small', { cpu: '500m', memory: '1Gi', pods: '110' });
      const report = scaleOutOf(tenWeb, full, [small, m5('0.1'), m5x2('0.3')]);
      expect(report.options.map((o) => [o.nodesToAdd, o.hourlyCost])).toEqual([
        [null, null],
        [3, '0.3'],
        [2, '0.6'],
      ]);
      expect(report.recommended).toBe('m5');
    });

    it('the fewest nodes when an option without a price comes first, whatever the costs after it', () => {
      const report = scaleOutOf(tenWeb, full, [
        m5x2(),
        m5('0.1'),
        template('cheap', NODE_4CPU, { price: '0.01' }),
      ]);
      expect(report.options.map((o) => o.nodesToAdd)).toEqual([2, 3, 3]);
      expect(report.recommended).toBe('m5x2');
    });
  });

  it('reports the plan as capacityPlan places it on the inventory and the recommended nodes, built from scratch', () => {
    const m5x2 = template('m5x2', { cpu: '8', memory: '32Gi', pods: '110' });
    const report = scaleOutOf(tenWeb, full, [template('m5', NODE_4CPU, { price: '0.1' }), m5x2]);
    expect(report.recommended).toBe('m5x2');
    const added = copies(m5x2, 2);
    const templateByNode = new Map(added.map((n) => [n.metadata.name, 'm5x2']));
    expect(report.plan).toEqual(
      capacityPlan(tenWeb, buildClusterState([...full.nodes, ...added], full.pods), { templateByNode }),
    );
  });

  it('counts the DaemonSet pod every added node takes: 4 nodes of 3 free cpu, not 3', () => {
    const roomForAgent = inventoryUsing('3');
    const plan = [daemonSet('agent', agent), ...tenWeb];
    const m5 = template('m5', NODE_4CPU);
    const report = scaleOutOf(plan, roomForAgent, [m5]);
    expect(report.options[0]!.nodesToAdd).toBe(4);
    expect(report.plan.workloads.map((w) => [w.name, w.wanted, w.placed])).toEqual([
      ['agent', 6, 6],
      ['web', 10, 10],
    ]);
    expectLeastCounts(report, plan, roomForAgent.nodes, roomForAgent.pods, [m5]);
  });

  it('cannot help a DaemonSet pod that does not fit on an inventory node', () => {
    const report = scaleOutOf([daemonSet('agent', agent), ...tenWeb], full, [template('m5', NODE_4CPU)]);
    expect(report.options[0]!.reason).toBe(
      'kube-system/agent: its pod does not fit on an inventory node, which adding nodes cannot change: ' +
        "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
    expect(report.recommended).toBeNull();
  });

  it('says so when the DaemonSet pods alone do not fit an empty node of the template', () => {
    const roomForAgent = inventoryUsing('3');
    const tiny = template('tiny', { cpu: '500m', memory: '1Gi', pods: '110' });
    expect(scaleOutOf([daemonSet('agent', agent), ...tenWeb], roomForAgent, [tiny]).options[0]!.reason).toBe(
      'kube-system/agent: an empty tiny node does not fit its pod: 0/1 nodes are available: 1 Insufficient cpu.',
    );
  });

  it('adds a node per replica the inventory cannot take under hostname anti-affinity, though one big node has room', () => {
    const spread = withAntiAffinity(
      makePod().name('spread').label('app', 'spread').req({ cpu: '100m' }).obj(),
      HOSTNAME_KEY,
      { app: 'spread' },
    );
    const plan = [deployment('spread', spread, 5)];
    const inventory = [node('node-1', NODE_4CPU), node('node-2', NODE_4CPU)];
    const big = template('big', { cpu: '64', memory: '256Gi', pods: '110' });
    const report = scaleOutOf(plan, { nodes: inventory, pods: [] }, [big]);
    expect(report.options[0]!.nodesToAdd).toBe(3);
    expect(report.plan.workloads[0]!.perNode).toEqual({
      'node-1': 1,
      'node-2': 1,
      'big-1': 1,
      'big-2': 1,
      'big-3': 1,
    });
    expectLeastCounts(report, plan, inventory, [], [big]);
  });

  it('searches up to the replica count when only the spread stops it, and quotes the spread at the limit', () => {
    // Zone a holds one 4-cpu node, zone b one of 2 cpu: as is, b takes 2 and a 3 before the skew stops the
    // 6th. Nodes added in zone a cannot raise b, so a stays at 3; one 4-cpu node in zone b lets both reach 4.
    const zonal = withSpread(makePod().name('web').label('app', 'web').req({ cpu: '1' }).obj(), ZONE_KEY, 1, {
      app: 'web',
    });
    const plan = [deployment('web', zonal, 8)];
    const inventory = [
      node('node-a', NODE_4CPU, { [ZONE_KEY]: 'a' }),
      node('node-b', { cpu: '2', memory: '16Gi', pods: '110' }, { [ZONE_KEY]: 'b' }),
    ];
    const inZoneA = template('zone-a', NODE_4CPU, { labels: { [ZONE_KEY]: 'a' } });
    const inZoneB = template('zone-b', NODE_4CPU, { labels: { [ZONE_KEY]: 'b' } });
    const report = scaleOutOf(plan, { nodes: inventory, pods: [] }, [inZoneA, inZoneB]);
    expect(report.options.map((o) => [o.template, o.nodesToAdd, o.reason])).toEqual([
      [
        'zone-a',
        null,
        "default/web: 0/10 nodes are available: 1 Insufficient cpu, 9 node(s) didn't match pod topology spread constraints.",
      ],
      ['zone-b', 1, null],
    ]);
    expect(report.recommended).toBe('zone-b');
    const { perNode } = report.plan.workloads[0]!;
    expect([perNode['node-a'], (perNode['node-b'] ?? 0) + (perNode['zone-b-1'] ?? 0)]).toEqual([4, 4]);
    expect(fitsWith(plan, inventory, [], inZoneA, 8)).toBe(false);
    expectLeastCounts(report, plan, inventory, [], [inZoneA, inZoneB]);
  });

  it('looks below an estimate that overshoots: replicas moving off the inventory make room there (shrunk counterexample)', () => {
    // As is, the 3-cpu node (1 cpu bound, 104m agent) takes 5 × 327m of w0 and no w1: 4 × 327m + 3 × 1495m =
    // 5793m is left, over the 2896m a new node offers after its agent: an estimate of 3. Two nodes suffice, as
    // w0 spreads onto them and the inventory node takes a w1 (104m + 327m + 1495m <= 2 cpu); one cannot, as the
    // whole plan needs 7428m and the inventory and one node offer 1896m + 2896m.
    const inventory = [node('node-0', { cpu: '3', memory: '64Gi', pods: '110' })];
    const pods = [makePod().name('busy').node('node-0').req({ cpu: '1' }).obj()];
    const plan = [
      daemonSet('ds', makePod().name('ds').req({ cpu: '104m' }).obj()),
      deployment('w0', makePod().name('w0').req({ cpu: '327m' }).obj(), 9),
      deployment('w1', makePod().name('w1').req({ cpu: '1495m' }).obj(), 3),
    ];
    const t = template('t', { cpu: '3', memory: '64Gi', pods: '110' });
    const report = scaleOutOf(plan, { nodes: inventory, pods }, [t]);
    expect(report.options[0]!.nodesToAdd).toBe(2);
    expect(report.plan.workloads.find((w) => w.name === 'w1')!.perNode['node-0']).toBe(1);
    expectLeastCounts(report, plan, inventory, pods, [t]);
  });

  it('adds nothing when the plan fits as is: every option 0 nodes at zero cost, the first recommended', () => {
    const free = inventoryUsing('1');
    const plan = [deployment('web', web, 6)];
    const templates = [template('m5', NODE_4CPU, { price: '0.192' }), template('m6', NODE_4CPU)];
    const report = scaleOutOf(plan, free, templates);
    expect(report).toEqual({
      apiVersion: 'podfit.dev/v1',
      kind: 'ScaleOut',
      fitsAsIs: true,
      options: [
        { template: 'm5', nodesToAdd: 0, hourlyPrice: '0.192', hourlyCost: '0.000', reason: null },
        { template: 'm6', nodesToAdd: 0, hourlyPrice: null, hourlyCost: null, reason: null },
      ],
      recommended: 'm5',
      plan: capacityPlan(plan, buildClusterState(free.nodes, free.pods)),
    });
    expectValid(report);
  });

  it('leaves out invalid workloads and PodTemplates, as the plan does', () => {
    const invalid = {
      ...deployment('broken', web, 100),
      pod: null,
      errors: [{ path: 'spec', message: 'Required value' }],
    };
    const podTemplate = workload('PodTemplate', 'tmpl', web, null);
    const report = scaleOutOf([invalid, podTemplate, ...tenWeb], full, [template('m5', NODE_4CPU)]);
    expect(report.options[0]!.nodesToAdd).toBe(3);
    expect(report.plan.workloads.map((w) => w.name)).toEqual(['web']);
  });

  it('says a workload wanting more replicas than the cap cannot fit', () => {
    const report = scaleOutOf(tenWeb, full, [template('m5', NODE_4CPU)], { replicaCap: 5 });
    expect(report.options[0]!.reason).toBe('default/web: wants 10 replicas, more than the replica cap of 5');
  });

  it('finds, on random small clusters, counts that fit where one fewer does not', () => {
    const arbitraryCase = fc.record({
      nodeCpu: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 4 }),
      used: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }),
      workloads: fc.array(
        fc.record({
          cpuMillis: fc.integer({ min: 100, max: 3000 }),
          replicas: fc.integer({ min: 1, max: 12 }),
          antiAffinity: fc.boolean(),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      daemonCpuMillis: fc.option(fc.integer({ min: 100, max: 1000 }), { nil: undefined }),
      templateCpu: fc.integer({ min: 1, max: 8 }),
      maxNodes: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const inventory = c.nodeCpu.map((cpu, i) =>
          node(`node-${i}`, { cpu: String(cpu), memory: '64Gi', pods: '110' }),
        );
        const pods = inventory.map((n, i) =>
          makePod()
            .name(`busy-${i}`)
            .node(n.metadata.name)
            .req({ cpu: `${Math.min(c.used[i]!, c.nodeCpu[i]!)}` })
            .obj(),
        );
        const plan: WorkloadInput[] = c.workloads.map((w, i) => {
          let pod = makePod()
            .name(`w${i}`)
            .label('app', `w${i}`)
            .req({ cpu: `${w.cpuMillis}m` })
            .obj();
          if (w.antiAffinity) pod = withAntiAffinity(pod, HOSTNAME_KEY, { app: `w${i}` });
          return deployment(`w${i}`, pod, w.replicas);
        });
        if (c.daemonCpuMillis !== undefined) {
          plan.unshift(
            daemonSet(
              'ds',
              makePod()
                .name('ds')
                .req({ cpu: `${c.daemonCpuMillis}m` })
                .obj(),
            ),
          );
        }
        const t = template(
          't',
          { cpu: String(c.templateCpu), memory: '64Gi', pods: '110' },
          { maxNodes: c.maxNodes },
        );
        const report = scaleOutOf(plan, { nodes: inventory, pods }, [t]);
        const [option] = report.options;
        expect(report.fitsAsIs).toBe(capacityPlan(plan, buildClusterState(inventory, pods)).fits);
        expect(report.plan.fits).toBe(report.fitsAsIs || option!.nodesToAdd !== null);
        // The report's plan is the search's own placement: the same as placing the plan from scratch.
        const added = option!.nodesToAdd === null ? [] : copies(t, option!.nodesToAdd);
        const templateByNode = new Map(added.map((n) => [n.metadata.name, 't']));
        expect(report.plan).toEqual(
          capacityPlan(plan, buildClusterState([...inventory, ...added], pods), { templateByNode }),
        );
        if (option!.nodesToAdd !== null && option!.nodesToAdd > 0) {
          expect(fitsWith(plan, inventory, pods, t, option!.nodesToAdd)).toBe(true);
          expect(fitsWith(plan, inventory, pods, t, option!.nodesToAdd - 1)).toBe(false);
        }
        if (
          option!.nodesToAdd === null &&
          c.maxNodes !== undefined &&
          option!.reason!.startsWith('default/w')
        ) {
          expect(fitsWith(plan, inventory, pods, t, c.maxNodes)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });
});
