// Anatomy checks and the pod's roommates. Kubernetes has no test table for these findings; where a check
// mirrors an upstream rule, the case names follow that rule's own test (pkg/api/pod/warnings_test.go for
// ports). Every expected message is written out here, never built from the code under test.
import fc from 'fast-check';
import { type Container, type ContainerPort, type Pod } from '../api/core-v1';
import { type SharedVolume, type Warning } from '../analysis/analysis-result';
import { applyPodDefaults } from '../pod/defaults';
import { computePodQOS } from '../pod/qos';
import { Quantity } from '../quantity/quantity';
import {
  ANATOMY_WARNING_CODES,
  type AnatomyWarningCode,
  checkPodAnatomy,
  sharedVolumes,
} from './pod-anatomy';
import { type ContainerOptions, parseList, pod, type QuantityStrings, sized } from './testing/pod.builder';

const P = 'spec.template.spec';

interface AnatomyCase {
  readonly name: string;
  readonly pod: Pod;
  readonly want: Warning[];
}

function w(code: string, path: string, message: string): Warning {
  return { code, path, message };
}

const APP = sized('500m', '256Mi');

function missingCpuRequest(path: string, who: string): Warning {
  return w(
    'missing-cpu-request',
    path,
    `${who} has no cpu request: the scheduler reserves no CPU for it (it counts it as 100m only when scoring ` +
      'nodes), and under contention it gets the smallest CPU share.',
  );
}

function missingMemoryRequest(path: string, who: string): Warning {
  return w(
    'missing-memory-request',
    path,
    `${who} has no memory request: the scheduler reserves no memory for it (it counts it as 200Mi only when ` +
      'scoring nodes), so the pod can land on a node with no memory to spare for it.',
  );
}

function missingMemoryLimit(path: string, who: string): Warning {
  return w(
    'missing-memory-limit',
    path,
    `${who} has no memory limit: it can grow into all of the node's free memory, and a pod using more memory ` +
      'than it requests is among the first the kubelet evicts under memory pressure.',
  );
}

const SAME_NETNS =
  'the containers of a pod share one network namespace, so only one of them can listen on it.';
const INIT_RESERVES = "so the scheduler reserves the larger amounts for the pod's whole life.";

const undefinedVolumeCases: AnatomyCase[] = [
  {
    name: 'mount of a volume the pod defines',
    pod: pod()
      .volumes('data')
      .container('app', { ...APP, mounts: ['data'] })
      .build(),
    want: [],
  },
  {
    name: 'mount of a volume the pod does not define',
    pod: pod()
      .volumes('data')
      .container('app', { ...APP, mounts: ['data', 'cache'] })
      .build(),
    want: [
      w(
        'undefined-volume',
        `${P}.containers[0].volumeMounts[1].name`,
        'Container "app" mounts volume "cache", but the pod defines no volume of that name, so the API server ' +
          'rejects the manifest.',
      ),
    ],
  },
  {
    name: 'init container mount in a pod without volumes',
    pod: pod()
      .init('fetch', { ...sized('100m', '64Mi'), mounts: ['config'] })
      .container('app', APP)
      .build(),
    want: [
      w(
        'undefined-volume',
        `${P}.initContainers[0].volumeMounts[0].name`,
        'Init container "fetch" mounts volume "config", but the pod defines no volume of that name, so the API ' +
          'server rejects the manifest.',
      ),
    ],
  },
];

const hugePagesCases: AnatomyCase[] = [
  {
    name: 'hugepages beside cpu and memory',
    pod: pod()
      .container('app', sized('1', '1Gi', { 'hugepages-2Mi': '4Mi' }))
      .build(),
    want: [],
  },
  {
    name: 'hugepages alone',
    pod: pod()
      .container('app', { requests: { 'hugepages-2Mi': '4Mi' }, limits: { 'hugepages-2Mi': '4Mi' } })
      .build(),
    want: [
      w(
        'hugepages-without-cpu-or-memory',
        `${P}.containers[0].resources`,
        'Container "app" asks for hugepages-2Mi but no cpu or memory, so the API server rejects the manifest ' +
          '(HugePages require cpu or memory).',
      ),
      missingCpuRequest(`${P}.containers[0]`, 'Container "app"'),
      missingMemoryRequest(`${P}.containers[0]`, 'Container "app"'),
      missingMemoryLimit(`${P}.containers[0]`, 'Container "app"'),
    ],
  },
];

const fractionalBytesCases: AnatomyCase[] = [
  {
    name: 'memory request in milli-bytes',
    pod: pod()
      .container('app', { requests: { cpu: '500m', memory: '512m' }, limits: { cpu: '500m', memory: '1Gi' } })
      .build(),
    want: [
      w(
        'fractional-bytes',
        `${P}.containers[0].resources.requests.memory`,
        'Memory request 512m of container "app" means 512 thousandths of a byte, which the scheduler and the ' +
          'kubelet round up to 1 byte; for mebibytes write 512Mi.',
      ),
    ],
  },
  {
    name: 'ephemeral-storage of one and a half bytes, request and limit',
    pod: pod()
      .container('app', sized('500m', '256Mi', { 'ephemeral-storage': '1.5' }))
      .build(),
    want: [
      w(
        'fractional-bytes',
        `${P}.containers[0].resources.requests.ephemeral-storage`,
        'Ephemeral-storage request 1500m of container "app" means 1500 thousandths of a byte, which the ' +
          'scheduler and the kubelet round up to 2 bytes; for mebibytes write 1500Mi.',
      ),
      w(
        'fractional-bytes',
        `${P}.containers[0].resources.limits.ephemeral-storage`,
        'Ephemeral-storage limit 1500m of container "app" means 1500 thousandths of a byte, which the ' +
          'scheduler and the kubelet round up to 2 bytes; for mebibytes write 1500Mi.',
      ),
    ],
  },
  {
    name: 'pod-level resources and overhead',
    pod: pod()
      .resources({ requests: { cpu: '1', memory: '0.5' }, limits: { memory: '1Gi' } })
      .overhead({ memory: '100m' })
      .container('app')
      .build(),
    want: [
      w(
        'fractional-bytes',
        `${P}.resources.requests.memory`,
        'Memory request 500m of the pod means 500 thousandths of a byte, which the scheduler and the kubelet ' +
          'round up to 1 byte; for mebibytes write 500Mi.',
      ),
      w(
        'fractional-bytes',
        `${P}.overhead.memory`,
        'Memory overhead 100m of the pod means 100 thousandths of a byte, which the scheduler and the kubelet ' +
          'round up to 1 byte; for mebibytes write 100Mi.',
      ),
    ],
  },
  {
    name: 'whole bytes in every unit',
    pod: pod()
      .container('app', sized('500m', '1k', { 'ephemeral-storage': '1e3' }))
      .build(),
    want: [],
  },
];

const missingCases: AnatomyCase[] = [
  {
    name: 'app container without resources',
    pod: pod().container('app').build(),
    want: [
      missingCpuRequest(`${P}.containers[0]`, 'Container "app"'),
      missingMemoryRequest(`${P}.containers[0]`, 'Container "app"'),
      missingMemoryLimit(`${P}.containers[0]`, 'Container "app"'),
    ],
  },
  {
    name: 'cpu only',
    pod: pod()
      .container('app', { requests: { cpu: '250m' }, limits: { cpu: '250m' } })
      .build(),
    want: [
      missingMemoryRequest(`${P}.containers[0]`, 'Container "app"'),
      missingMemoryLimit(`${P}.containers[0]`, 'Container "app"'),
    ],
  },
  {
    name: 'memory request without a limit',
    pod: pod()
      .container('app', { requests: { cpu: '250m', memory: '128Mi' } })
      .build(),
    want: [missingMemoryLimit(`${P}.containers[0]`, 'Container "app"')],
  },
  {
    name: 'limits without requests, as written before defaulting',
    pod: pod()
      .container('app', { limits: { cpu: '1', memory: '1Gi' } })
      .build(),
    want: [],
  },
  {
    name: 'pod-level resources cover cpu, memory and the memory limit',
    pod: pod()
      .resources({ requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi' } })
      .container('app')
      .container('log')
      .build(),
    want: [],
  },
  {
    name: 'a pod-level cpu limit covers the cpu request only',
    pod: pod()
      .resources({ limits: { cpu: '2' } })
      .container('app')
      .build(),
    want: [
      missingMemoryRequest(`${P}.containers[0]`, 'Container "app"'),
      missingMemoryLimit(`${P}.containers[0]`, 'Container "app"'),
    ],
  },
  {
    name: 'partly sized sidecar',
    pod: pod()
      .sidecar('log', { requests: { cpu: '50m' } })
      .container('app', APP)
      .build(),
    want: [
      missingMemoryRequest(`${P}.initContainers[0]`, 'Sidecar "log"'),
      missingMemoryLimit(`${P}.initContainers[0]`, 'Sidecar "log"'),
      w(
        'almost-guaranteed',
        `${P}.initContainers[0]`,
        'Sidecar "log" alone keeps the pod from Guaranteed QoS, so the pod is Burstable: its cpu has a request ' +
          'but no limit and it sets no memory.',
      ),
    ],
  },
  {
    name: 'init container without resources that shapes nothing',
    pod: pod()
      .init('wait')
      .container('app', { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '256Mi' } })
      .build(),
    want: [],
  },
];

const SIDECAR_LIMIT_RANGE =
  "a namespace LimitRange default would become its cpu and memory request, counted beside the app containers and in every later init container's phase";

const unsizedSidecarCases: AnatomyCase[] = [
  {
    name: 'unsized sidecar beside a Guaranteed app container',
    pod: pod().sidecar('log').container('app', APP).build(),
    want: [
      w(
        'unsized-sidecar',
        `${P}.initContainers[0]`,
        'Sidecar "log" sets no cpu or memory, yet it runs beside the app containers for the pod\'s whole life: ' +
          `NodeResourcesFit scoring counts it as 100m CPU and 200Mi memory; ${SIDECAR_LIMIT_RANGE}; it alone ` +
          'keeps the pod from Guaranteed QoS, so the pod is Burstable.',
      ),
    ],
  },
  {
    name: 'unsized sidecar beside a Burstable app container',
    pod: pod()
      .sidecar('log')
      .container('app', { requests: { cpu: '500m', memory: '256Mi' }, limits: { memory: '256Mi' } })
      .build(),
    want: [
      w(
        'unsized-sidecar',
        `${P}.initContainers[0]`,
        'Sidecar "log" sets no cpu or memory, yet it runs beside the app containers for the pod\'s whole life: ' +
          `NodeResourcesFit scoring counts it as 100m CPU and 200Mi memory; ${SIDECAR_LIMIT_RANGE}.`,
      ),
    ],
  },
  {
    name: 'pod-level requests cover the sidecar',
    pod: pod()
      .resources({ requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi' } })
      .sidecar('log')
      .container('app', APP)
      .build(),
    want: [],
  },
  {
    name: 'pod-level requests cover cpu only',
    pod: pod()
      .resources({ requests: { cpu: '1' } })
      .sidecar('log')
      .container('app', APP)
      .build(),
    want: [
      w(
        'unsized-sidecar',
        `${P}.initContainers[0]`,
        'Sidecar "log" sets no cpu or memory, yet it runs beside the app containers for the pod\'s whole life: ' +
          'NodeResourcesFit scoring counts it as 200Mi memory; a namespace LimitRange default would become its ' +
          "memory request, counted beside the app containers and in every later init container's phase.",
      ),
    ],
  },
];

const unsizedInitCases: AnatomyCase[] = [
  {
    name: 'unsized init container in an otherwise Guaranteed pod',
    pod: pod().init('wait').sidecar('log', sized('100m', '64Mi')).container('app', APP).build(),
    want: [
      w(
        'unsized-init-container',
        `${P}.initContainers[0]`,
        'Init container "wait" sets no cpu or memory: it alone keeps the pod from Guaranteed QoS, so the pod is ' +
          'Burstable.',
      ),
    ],
  },
  {
    name: 'unsized init container scored above small app containers',
    pod: pod().init('wait').container('app', sized('50m', '64Mi')).build(),
    want: [
      w(
        'unsized-init-container',
        `${P}.initContainers[0]`,
        'Init container "wait" sets no cpu or memory: it alone keeps the pod from Guaranteed QoS, so the pod is ' +
          'Burstable; NodeResourcesFit scoring counts it as 100m CPU and 200Mi memory, which makes its phase the ' +
          'largest when nodes are scored: cpu 100m instead of 50m and memory 200Mi instead of 64Mi.',
      ),
    ],
  },
  {
    name: 'unsized init container after a sidecar',
    pod: pod()
      .sidecar('log', { requests: { cpu: '20m', memory: '32Mi' }, limits: { memory: '32Mi' } })
      .init('wait')
      .container('app', { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '64Mi' } })
      .build(),
    want: [
      w(
        'unsized-init-container',
        `${P}.initContainers[1]`,
        'Init container "wait" sets no cpu or memory: NodeResourcesFit scoring counts it as 100m CPU and 200Mi ' +
          'memory, which makes its phase the largest when nodes are scored: cpu 120m instead of 70m and memory ' +
          '232Mi instead of 96Mi.',
      ),
    ],
  },
  {
    name: 'a larger init container sets the scored phase',
    pod: pod().init('migrate', sized('1', '1Gi')).init('wait').container('app', sized('50m', '64Mi')).build(),
    want: [
      w(
        'unsized-init-container',
        `${P}.initContainers[1]`,
        'Init container "wait" sets no cpu or memory: it alone keeps the pod from Guaranteed QoS, so the pod is ' +
          'Burstable.',
      ),
      w(
        'init-phase-exceeds-running',
        `${P}.initContainers[0]`,
        `Init container "migrate" requests cpu 1 and memory 1Gi, more than the cpu 50m and memory 64Mi the ` +
          `running containers request, ${INIT_RESERVES}`,
      ),
    ],
  },
  {
    name: 'BestEffort pod',
    pod: pod().init('wait').container('app').build(),
    want: [
      missingCpuRequest(`${P}.containers[0]`, 'Container "app"'),
      missingMemoryRequest(`${P}.containers[0]`, 'Container "app"'),
      missingMemoryLimit(`${P}.containers[0]`, 'Container "app"'),
    ],
  },
];

const almostGuaranteedCases: AnatomyCase[] = [
  {
    name: 'memory request below its limit in one of two containers',
    pod: pod()
      .container('app', APP)
      .container('log', {
        requests: { cpu: '100m', memory: '64Mi' },
        limits: { cpu: '100m', memory: '128Mi' },
      })
      .build(),
    want: [
      w(
        'almost-guaranteed',
        `${P}.containers[1]`,
        'Container "log" alone keeps the pod from Guaranteed QoS, so the pod is Burstable: its memory request ' +
          '64Mi differs from its limit 128Mi.',
      ),
    ],
  },
  {
    name: 'cpu request below its limit',
    pod: pod()
      .container('app', APP)
      .container('log', { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '1', memory: '64Mi' } })
      .build(),
    want: [
      w(
        'almost-guaranteed',
        `${P}.containers[1]`,
        'Container "log" alone keeps the pod from Guaranteed QoS, so the pod is Burstable: its cpu request 250m ' +
          'differs from its limit 1.',
      ),
    ],
  },
  {
    name: 'init container with a cpu request but no cpu limit',
    pod: pod()
      .init('migrate', { requests: { cpu: '200m', memory: '128Mi' }, limits: { memory: '128Mi' } })
      .container('app', APP)
      .build(),
    want: [
      w(
        'almost-guaranteed',
        `${P}.initContainers[0]`,
        'Init container "migrate" alone keeps the pod from Guaranteed QoS, so the pod is Burstable: its cpu has ' +
          'a request but no limit.',
      ),
    ],
  },
  {
    name: 'two containers short of Guaranteed',
    pod: pod()
      .container('a', { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi' } })
      .container('b', { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi' } })
      .build(),
    want: [],
  },
  {
    name: 'pod-level resources decide the QoS class',
    pod: pod()
      .resources({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } })
      .container('a', APP)
      .container('b', { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } })
      .build(),
    want: [],
  },
  {
    name: 'unsized app container beside a Guaranteed sidecar',
    pod: pod().sidecar('log', sized('100m', '64Mi')).container('app').build(),
    want: [
      missingCpuRequest(`${P}.containers[0]`, 'Container "app"'),
      missingMemoryRequest(`${P}.containers[0]`, 'Container "app"'),
      missingMemoryLimit(`${P}.containers[0]`, 'Container "app"'),
      w(
        'almost-guaranteed',
        `${P}.containers[0]`,
        'Container "app" alone keeps the pod from Guaranteed QoS, so the pod is Burstable: it sets no cpu or memory.',
      ),
    ],
  },
  {
    name: 'a single Burstable container',
    pod: pod()
      .container('app', { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi' } })
      .build(),
    want: [],
  },
];

const initPhaseCases: AnatomyCase[] = [
  {
    name: 'init container larger than the app container',
    pod: pod().init('migrate', sized('2', '1Gi')).container('app', APP).build(),
    want: [
      w(
        'init-phase-exceeds-running',
        `${P}.initContainers[0]`,
        'Init container "migrate" requests cpu 2 and memory 1Gi, more than the cpu 500m and memory 256Mi the ' +
          `running containers request, ${INIT_RESERVES}`,
      ),
    ],
  },
  {
    name: 'init container with a sidecar started before it',
    pod: pod()
      .sidecar('proxy', sized('100m', '64Mi'))
      .init('migrate', sized('1', '128Mi'))
      .container('app', APP)
      .build(),
    want: [
      w(
        'init-phase-exceeds-running',
        `${P}.initContainers[1]`,
        'Init container "migrate" and the sidecars started before it request cpu 1100m, more than the cpu 600m ' +
          `the running containers request, ${INIT_RESERVES}`,
      ),
    ],
  },
  {
    name: 'a sidecar started after the init container does not run beside it',
    pod: pod()
      .init('migrate', sized('1', '128Mi'))
      .sidecar('proxy', sized('100m', '64Mi'))
      .container('app', APP)
      .build(),
    want: [
      w(
        'init-phase-exceeds-running',
        `${P}.initContainers[0]`,
        'Init container "migrate" requests cpu 1, more than the cpu 600m the running containers request, ' +
          INIT_RESERVES,
      ),
    ],
  },
  {
    name: 'pod-level cpu request replaces the cpu aggregate',
    pod: pod()
      .resources({ requests: { cpu: '2' } })
      .init('migrate', sized('2', '1Gi'))
      .container('app', APP)
      .build(),
    want: [
      w(
        'init-phase-exceeds-running',
        `${P}.initContainers[0]`,
        'Init container "migrate" requests memory 1Gi, more than the memory 256Mi the running containers request, ' +
          INIT_RESERVES,
      ),
    ],
  },
  {
    name: 'extended resource requested by an init container only',
    pod: pod()
      .init('warmup', sized('500m', '256Mi', { 'example.com/gpu': '1' }))
      .container('app', APP)
      .build(),
    want: [
      w(
        'init-phase-exceeds-running',
        `${P}.initContainers[0]`,
        'Init container "warmup" requests example.com/gpu 1, more than the example.com/gpu 0 the running ' +
          `containers request, ${INIT_RESERVES}`,
      ),
    ],
  },
  {
    name: 'the larger of two init containers',
    pod: pod().init('a', sized('1', '128Mi')).init('b', sized('2', '128Mi')).container('app', APP).build(),
    want: [
      w(
        'init-phase-exceeds-running',
        `${P}.initContainers[1]`,
        `Init container "b" requests cpu 2, more than the cpu 500m the running containers request, ${INIT_RESERVES}`,
      ),
    ],
  },
  {
    name: 'init container equal to the app container',
    pod: pod().init('migrate', APP).container('app', APP).build(),
    want: [],
  },
];

function withPorts(options: ContainerOptions, ...ports: ContainerPort[]): ContainerOptions {
  return { ...options, ports };
}

// Case names from TestWarnings, pkg/api/pod/warnings_test.go, where one applies.
const duplicatePortCases: AnatomyCase[] = [
  {
    name: 'two containers, one port each, same protocol and port',
    pod: pod()
      .container('a', withPorts(APP, { containerPort: 8080 }))
      .container('b', withPorts(APP, { containerPort: 8080, protocol: 'TCP' }))
      .build(),
    want: [
      w(
        'duplicate-container-port',
        `${P}.containers[1].ports[0]`,
        `Container "b" declares port 8080/TCP, as does container "a", which runs beside it: ${SAME_NETNS}`,
      ),
    ],
  },
  {
    name: 'two containers, one port each, different protocols',
    pod: pod()
      .container('a', withPorts(APP, { containerPort: 53, protocol: 'UDP' }))
      .container('b', withPorts(APP, { containerPort: 53, protocol: 'TCP' }))
      .build(),
    want: [],
  },
  {
    name: 'init container and app container take turns on one port',
    pod: pod()
      .init('setup', withPorts(sized('100m', '64Mi'), { containerPort: 8080 }))
      .container('app', withPorts(APP, { containerPort: 8080 }))
      .build(),
    want: [],
  },
  {
    name: 'init container and a sidecar started before it',
    pod: pod()
      .sidecar('proxy', withPorts(sized('100m', '64Mi'), { containerPort: 15001 }))
      .init('probe', withPorts(sized('100m', '64Mi'), { containerPort: 15001 }))
      .container('app', APP)
      .build(),
    want: [
      w(
        'duplicate-container-port',
        `${P}.initContainers[1].ports[0]`,
        `Init container "probe" declares port 15001/TCP, as does sidecar "proxy", which runs beside it: ${SAME_NETNS}`,
      ),
    ],
  },
  {
    name: 'sidecar and app container',
    pod: pod()
      .sidecar('proxy', withPorts(sized('100m', '64Mi'), { containerPort: 9090, protocol: 'TCP' }))
      .container('app', withPorts(APP, { containerPort: 8080 }, { containerPort: 9090 }))
      .build(),
    want: [
      w(
        'duplicate-container-port',
        `${P}.containers[0].ports[1]`,
        `Container "app" declares port 9090/TCP, as does sidecar "proxy", which runs beside it: ${SAME_NETNS}`,
      ),
    ],
  },
  {
    name: 'duplicate container ports with same port and protocol',
    pod: pod()
      .container(
        'app',
        withPorts(APP, { containerPort: 80, protocol: 'UDP' }, { containerPort: 80, protocol: 'UDP' }),
      )
      .build(),
    want: [],
  },
];

const hostPortCases: AnatomyCase[] = [
  {
    name: 'one host port',
    pod: pod()
      .container('app', withPorts(APP, { containerPort: 80, hostPort: 80 }))
      .build(),
    want: [
      w(
        'host-port',
        `${P}.containers[0]`,
        'Container "app" takes host port 80/TCP: two pods of this workload never share a node, and none lands on ' +
          'a node where another pod holds it (NodePorts).',
      ),
    ],
  },
  {
    name: 'two host ports and a plain port',
    pod: pod()
      .container(
        'app',
        withPorts(
          APP,
          { containerPort: 80, hostPort: 80 },
          { containerPort: 443, hostPort: 443 },
          { containerPort: 9090 },
        ),
      )
      .build(),
    want: [
      w(
        'host-port',
        `${P}.containers[0]`,
        'Container "app" takes host ports 80/TCP and 443/TCP: two pods of this workload never share a node, and ' +
          'none lands on a node where another pod holds them (NodePorts).',
      ),
    ],
  },
  {
    name: 'hostNetwork',
    pod: pod()
      .hostNetwork()
      .container('agent', withPorts(APP, { containerPort: 9100, hostPort: 9100 }))
      .build(),
    want: [
      w(
        'host-port',
        `${P}.containers[0]`,
        'Container "agent" takes host port 9100/TCP (under hostNetwork every container port is a host port): two ' +
          'pods of this workload never share a node, and none lands on a node where another pod holds it (NodePorts).',
      ),
    ],
  },
  {
    name: 'regular init container host port is not counted',
    pod: pod()
      .init('setup', withPorts(sized('100m', '64Mi'), { containerPort: 80, hostPort: 80 }))
      .container('app', APP)
      .build(),
    want: [],
  },
  {
    name: 'sidecar host port',
    pod: pod()
      .sidecar('dns', withPorts(sized('100m', '64Mi'), { containerPort: 53, hostPort: 53, protocol: 'UDP' }))
      .container('app', APP)
      .build(),
    want: [
      w(
        'host-port',
        `${P}.initContainers[0]`,
        'Sidecar "dns" takes host port 53/UDP: two pods of this workload never share a node, and none lands on a ' +
          'node where another pod holds it (NodePorts).',
      ),
    ],
  },
];

const processNamespaceCases: AnatomyCase[] = [
  {
    name: 'shared process namespace',
    pod: pod().shareProcessNamespace().container('app', APP).build(),
    want: [
      w(
        'share-process-namespace',
        `${P}.shareProcessNamespace`,
        "The containers share one process namespace: they see and can signal each other's processes, and PID 1 is " +
          "the pause container, not the app's entrypoint.",
      ),
    ],
  },
  {
    name: 'shareProcessNamespace false',
    pod: pod().shareProcessNamespace(false).container('app', APP).build(),
    want: [],
  },
];

const orderCases: AnatomyCase[] = [
  {
    name: 'findings of several codes come grouped by code',
    pod: pod()
      .volumes('logs')
      .shareProcessNamespace()
      .sidecar('log', { mounts: ['logs', 'tmp'] })
      .container('app', {
        requests: { cpu: '250m' },
        ports: [{ containerPort: 80, hostPort: 80 }],
        mounts: ['logs'],
      })
      .container('metrics', withPorts(sized('100m', '64Mi'), { containerPort: 80 }))
      .build(),
    want: [
      w(
        'undefined-volume',
        `${P}.initContainers[0].volumeMounts[1].name`,
        'Sidecar "log" mounts volume "tmp", but the pod defines no volume of that name, so the API server rejects ' +
          'the manifest.',
      ),
      missingMemoryRequest(`${P}.containers[0]`, 'Container "app"'),
      missingMemoryLimit(`${P}.containers[0]`, 'Container "app"'),
      w(
        'unsized-sidecar',
        `${P}.initContainers[0]`,
        'Sidecar "log" sets no cpu or memory, yet it runs beside the app containers for the pod\'s whole life: ' +
          `NodeResourcesFit scoring counts it as 100m CPU and 200Mi memory; ${SIDECAR_LIMIT_RANGE}.`,
      ),
      w(
        'duplicate-container-port',
        `${P}.containers[1].ports[0]`,
        `Container "metrics" declares port 80/TCP, as does container "app", which runs beside it: ${SAME_NETNS}`,
      ),
      w(
        'host-port',
        `${P}.containers[0]`,
        'Container "app" takes host port 80/TCP: two pods of this workload never share a node, and none lands on ' +
          'a node where another pod holds it (NodePorts).',
      ),
      w(
        'share-process-namespace',
        `${P}.shareProcessNamespace`,
        "The containers share one process namespace: they see and can signal each other's processes, and PID 1 is " +
          "the pause container, not the app's entrypoint.",
      ),
    ],
  },
];

describe('checkPodAnatomy', () => {
  describe.each([
    ['undefined-volume', undefinedVolumeCases],
    ['hugepages-without-cpu-or-memory', hugePagesCases],
    ['fractional-bytes', fractionalBytesCases],
    ['missing-cpu-request, missing-memory-request, missing-memory-limit', missingCases],
    ['unsized-sidecar', unsizedSidecarCases],
    ['unsized-init-container', unsizedInitCases],
    ['almost-guaranteed', almostGuaranteedCases],
    ['init-phase-exceeds-running', initPhaseCases],
    ['duplicate-container-port', duplicatePortCases],
    ['host-port', hostPortCases],
    ['share-process-namespace', processNamespaceCases],
    ['order', orderCases],
  ])('%s', (_code, cases) => {
    it.each(cases)('$name', ({ pod: input, want }) => {
      expect(checkPodAnatomy(input, P)).toEqual(want);
    });
  });

  it('prefixes paths with a bare Pod spec path', () => {
    expect(checkPodAnatomy(pod().shareProcessNamespace().container('app', APP).build(), 'spec')).toEqual([
      w(
        'share-process-namespace',
        'spec.shareProcessNamespace',
        "The containers share one process namespace: they see and can signal each other's processes, and PID 1 is " +
          "the pause container, not the app's entrypoint.",
      ),
    ]);
  });
});

interface SharedVolumesCase {
  readonly name: string;
  readonly pod: Pod;
  readonly want: SharedVolume[];
}

const sharedVolumesCases: SharedVolumesCase[] = [
  {
    name: 'volume mounted by a sidecar and an app container',
    pod: pod()
      .volumes('logs')
      .container('app', { mounts: ['logs'] })
      .sidecar('shipper', { mounts: ['logs'] })
      .build(),
    want: [{ volume: 'logs', containers: ['shipper', 'app'] }],
  },
  {
    name: 'volume mounted twice by one container',
    pod: pod()
      .volumes('data')
      .container('app', { mounts: ['data', 'data'] })
      .build(),
    want: [],
  },
  {
    name: 'volumes in declaration order',
    pod: pod()
      .volumes('b', 'a')
      .container('x', { mounts: ['a', 'b'] })
      .container('y', { mounts: ['a', 'b'] })
      .build(),
    want: [
      { volume: 'b', containers: ['x', 'y'] },
      { volume: 'a', containers: ['x', 'y'] },
    ],
  },
  {
    name: 'mounts of an undefined volume are left out',
    pod: pod()
      .volumes('a')
      .container('x', { mounts: ['z'] })
      .container('y', { mounts: ['z'] })
      .build(),
    want: [],
  },
  {
    name: 'init container, sidecar and app container',
    pod: pod()
      .volumes('cache', 'config')
      .init('fetch', { mounts: ['config'] })
      .sidecar('proxy', { mounts: ['config'] })
      .container('app', { mounts: ['cache', 'config'] })
      .build(),
    want: [{ volume: 'config', containers: ['fetch', 'proxy', 'app'] }],
  },
  {
    name: 'pod without volumes',
    pod: pod().container('app').build(),
    want: [],
  },
];

describe('sharedVolumes', () => {
  it.each(sharedVolumesCases)('$name', ({ pod: input, want }) => {
    expect(sharedVolumes(input)).toEqual(want);
  });
});

// Random pods from a small vocabulary, so that ports, volumes and sizes collide often.
type Kind = 'app' | 'init' | 'sidecar';

interface ContainerInput {
  readonly kind: Kind;
  readonly requests: QuantityStrings;
  readonly limits: QuantityStrings;
  readonly ports: ContainerPort[];
  readonly mounts: string[];
}

interface PodInput {
  readonly containers: ContainerInput[];
  readonly volumes: string[];
  readonly podResources: { requests: QuantityStrings; limits: QuantityStrings } | null;
  readonly hostNetwork: boolean;
  readonly shareProcessNamespace: boolean;
}

const resourceListArb: fc.Arbitrary<QuantityStrings> = fc
  .record({
    cpu: fc.constantFrom(undefined, '0', '50m', '100m', '1'),
    memory: fc.constantFrom(undefined, '64Mi', '128Mi', '200Mi', '512m'),
    'example.com/gpu': fc.constantFrom(undefined, undefined, '1'),
  })
  .map(
    (list) => Object.fromEntries(Object.entries(list).filter(([, v]) => v !== undefined)) as QuantityStrings,
  );

const portArb: fc.Arbitrary<ContainerPort> = fc
  .record({
    containerPort: fc.constantFrom(80, 8080),
    protocol: fc.constantFrom(undefined, 'TCP' as const, 'UDP' as const),
    hostPort: fc.constantFrom(undefined, 0, 80),
  })
  .map(
    (port) =>
      Object.fromEntries(Object.entries(port).filter(([, v]) => v !== undefined)) as unknown as ContainerPort,
  );

const containerArb: fc.Arbitrary<ContainerInput> = fc.record({
  kind: fc.constantFrom<Kind>('app', 'init', 'sidecar'),
  requests: resourceListArb,
  limits: resourceListArb,
  ports: fc.array(portArb, { maxLength: 2 }),
  mounts: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }),
});

const podInputArb: fc.Arbitrary<PodInput> = fc.record({
  containers: fc.array(containerArb, { minLength: 1, maxLength: 5 }),
  volumes: fc.subarray(['a', 'b', 'c']),
  podResources: fc.option(fc.record({ requests: resourceListArb, limits: resourceListArb })),
  hostNetwork: fc.boolean(),
  shareProcessNamespace: fc.boolean(),
});

function buildPod(input: PodInput): Pod {
  const builder = pod();
  if (input.volumes.length > 0) builder.volumes(...input.volumes);
  if (input.podResources !== null) builder.resources(input.podResources);
  if (input.hostNetwork) builder.hostNetwork();
  if (input.shareProcessNamespace) builder.shareProcessNamespace();
  input.containers.forEach((c, i) => {
    const options: ContainerOptions = {
      requests: c.requests,
      limits: c.limits,
      ports: c.ports,
      mounts: c.mounts,
    };
    if (c.kind === 'app') builder.container(`app-${i}`, options);
    else if (c.kind === 'init') builder.init(`init-${i}`, options);
    else builder.sidecar(`sidecar-${i}`, options);
  });
  if (!input.containers.some((c) => c.kind === 'app')) builder.container('app');
  return builder.build();
}

function deepFreeze<T>(value: T): T {
  // A Quantity is immutable by contract and free to cache inside; everything else is frozen.
  if (value === null || typeof value !== 'object' || value instanceof Quantity) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

function allContainers(input: Pod): Container[] {
  return [...(input.spec.initContainers ?? []), ...input.spec.containers];
}

describe('properties', () => {
  it('paths lie under the pod spec path, codes are the documented ones, and the path only prefixes', () => {
    fc.assert(
      fc.property(podInputArb, (input) => {
        const built = buildPod(input);
        const bare = checkPodAnatomy(built, '');
        const prefixed = checkPodAnatomy(built, P);
        expect(prefixed).toEqual(bare.map((warning) => ({ ...warning, path: `${P}.${warning.path}` })));
        for (const warning of prefixed) expect(ANATOMY_WARNING_CODES).toContain(warning.code);
        // The three missing-* codes form one group, taken container by container.
        const rank = prefixed.map((warning) =>
          ANATOMY_WARNING_CODES.indexOf(
            (warning.code.startsWith('missing-')
              ? 'missing-cpu-request'
              : warning.code) as AnatomyWarningCode,
          ),
        );
        expect(rank).toEqual([...rank].sort((a, b) => a - b));
      }),
    );
  });

  it('reads the pod without changing it', () => {
    fc.assert(
      fc.property(podInputArb, (input) => {
        const frozen = deepFreeze(buildPod(input));
        expect(checkPodAnatomy(frozen, P)).toEqual(checkPodAnatomy(buildPod(input), P));
        expect(sharedVolumes(frozen)).toEqual(sharedVolumes(buildPod(input)));
      }),
    );
  });

  it('sizing every running container silences missing-* and unsized-sidecar', () => {
    fc.assert(
      fc.property(podInputArb, (input) => {
        const running = (c: ContainerInput): ContainerInput =>
          c.kind === 'init'
            ? c
            : {
                ...c,
                requests: { ...c.requests, cpu: '100m', memory: '64Mi' },
                limits: { ...c.limits, memory: '64Mi' },
              };
        const built = buildPod({
          ...input,
          containers: [...input.containers.map(running), { ...running(app()) }],
        });
        const codes = checkPodAnatomy(built, P).map((warning) => warning.code);
        expect(codes).not.toContain('missing-cpu-request');
        expect(codes).not.toContain('missing-memory-request');
        expect(codes).not.toContain('missing-memory-limit');
        expect(codes).not.toContain('unsized-sidecar');
      }),
    );
  });

  it('a container blamed for missing Guaranteed is the one computePodQOS needs fixed', () => {
    fc.assert(
      fc.property(podInputArb, (input) => {
        const built = applyPodDefaults(buildPod(input));
        const blamed = checkPodAnatomy(built, P).filter(
          (warning) =>
            warning.code === 'almost-guaranteed' ||
            warning.message.includes('keeps the pod from Guaranteed QoS'),
        );
        if (blamed.length === 0) return;
        expect(blamed).toHaveLength(1);
        expect(computePodQOS(built)).toBe('Burstable');
        const index = /(initContainers|containers)\[(\d+)\]$/.exec(blamed[0]!.path)!;
        const fixed = fixContainer(built, index[1] as 'initContainers' | 'containers', Number(index[2]));
        expect(computePodQOS(fixed)).toBe('Guaranteed');
      }),
    );
  });

  it('sharedVolumes lists exactly the defined volumes two or more containers mount', () => {
    fc.assert(
      fc.property(podInputArb, (input) => {
        const built = buildPod(input);
        const shared = sharedVolumes(built);
        const containers = allContainers(built);
        const mounters = (volume: string) =>
          containers.filter((c) => (c.volumeMounts ?? []).some((m) => m.name === volume)).map((c) => c.name);
        const declared = (built.spec.volumes ?? []).map((v) => v.name);
        expect(shared.map((s) => s.volume)).toEqual(declared.filter((v) => mounters(v).length >= 2));
        for (const { volume, containers: names } of shared) expect(names).toEqual(mounters(volume));
      }),
    );
  });
});

function app(): ContainerInput {
  return { kind: 'app', requests: {}, limits: {}, ports: [], mounts: [] };
}

function fixContainer(input: Pod, list: 'initContainers' | 'containers', index: number): Pod {
  const fix = (c: Container, i: number): Container =>
    i !== index
      ? c
      : {
          ...c,
          resources: {
            requests: parseList({ cpu: '1', memory: '1Gi' }),
            limits: parseList({ cpu: '1', memory: '1Gi' }),
          },
        };
  return {
    ...input,
    spec: {
      ...input.spec,
      ...(list === 'containers'
        ? { containers: input.spec.containers.map(fix) }
        : { initContainers: (input.spec.initContainers ?? []).map(fix) }),
    },
  };
}
