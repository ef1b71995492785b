// Inputs the end-to-end suites share: the `kubectl get -o json` fixtures as their exact text, and small
// manifests built in place.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIXTURES = resolve(__dirname, '../../fixtures');

/** A fixture file's exact text, e.g. `fixtureText('ok/nodes.json')`. */
export function fixtureText(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

/** One Pod with one container requesting `cpu` and `memory`. */
export function podYaml(name: string, cpu = '100m', memory = '64Mi'): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    '  namespace: e2e',
    'spec:',
    '  containers:',
    '    - name: app',
    '      image: registry.example.com/app:1',
    '      resources:',
    `        requests: {cpu: ${cpu}, memory: ${memory}}`,
    '',
  ].join('\n');
}

/** A `kubectl get nodes -o json` List of nodes, each with `cpu` and `memory` allocatable. */
export function nodeList(nodes: Array<{ name: string; cpu: string; memory: string; zone?: string }>): object {
  return {
    apiVersion: 'v1',
    kind: 'List',
    metadata: { resourceVersion: '' },
    items: nodes.map(({ name, cpu, memory, zone }) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(zone ? { zone } : {}) } },
      spec: {},
      status: {
        capacity: { cpu, memory, pods: '110' },
        allocatable: { cpu, memory, pods: '110' },
      },
    })),
  };
}
