// `-o markdown` on hand-made results: the summary as GitHub renders it in a pull request or a step summary,
// escaping, the Change column of server results, and the 1 MiB step-summary limit.
import { type ManifestProblem } from '@podfit/manifests';
import {
  printMarkdown,
  STEP_SUMMARY_LIMIT_BYTES,
  type MarkdownAnalysis,
  type MarkdownPrintOptions,
  type MarkdownWorkload,
} from '../../apps/cli/src/output/markdown.printer';
import { fitResult, workloadResult } from './result-builders';

const workload = (overrides: Partial<MarkdownWorkload>) => workloadResult<MarkdownWorkload>(overrides);

const fit = fitResult;

function markdown(
  workloads: readonly MarkdownWorkload[],
  options: Partial<MarkdownPrintOptions> = {},
): string {
  let text = '';
  const result: MarkdownAnalysis = { workloads };
  printMarkdown(result, { problems: [], ...options }, (chunk) => {
    text += chunk;
  });
  return text;
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

const NO_MEMORY = '0/3 nodes are available: 3 Insufficient memory.';
const NO_PORT =
  "0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].";
const HEADERS_WITH_NODES =
  '| Workload | Replicas | CPU request | Memory request | CPU limit | Memory limit | QoS | Feasible nodes | Status |\n' +
  '| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |\n';

describe('printMarkdown', () => {
  it('sums up, gives one row per workload with its status, and lists the findings under <details>', () => {
    const problems: ManifestProblem[] = [
      {
        file: 'list.yaml',
        document: 0,
        path: 'items[1]',
        message: 'Object \'apiVersion\' is missing in \'{"kind":"Pod"}\'',
      },
      { file: 'list.yaml', document: 0, path: 'items[3]', message: "Object 'Kind' is missing in '{}'" },
      { file: 'web.yaml', document: 4, path: '', line: 7, message: 'not an object' },
    ];
    const text = markdown(
      [
        workload({
          fit: fit(2, 3),
          warnings: [
            {
              code: 'missing-memory-limit',
              path: 'spec.template.spec.containers[1]',
              message: 'Container "sidecar" has no memory limit.',
            },
          ],
        }),
        workload({
          kind: 'StatefulSet',
          name: 'db',
          source: 'db.yaml',
          document: 1,
          pod: null,
          errors: [
            {
              path: 'spec.template.spec.containers[0].resources.requests.cpu',
              message: 'invalid quantity "12x"',
            },
            { path: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' },
          ],
        }),
        workload({ kind: 'Job', name: 'reindex', document: 2, fit: fit(0, 3, NO_MEMORY) }),
        workload({
          kind: 'DaemonSet',
          namespace: 'kube-system',
          name: 'agent',
          source: 'agent.yaml',
          replicas: 3,
          fit: fit(2, 3, NO_PORT),
        }),
        workload({ kind: 'PodTemplate', name: 'template', document: 3, replicas: null, fit: fit(3, 3) }),
      ],
      { problems },
    );
    expect(text).toBe(`## podfit analyze

5 workloads, 1 invalid, 2 not fitting, 2 unreadable documents

| Workload | Replicas | CPU request | Memory request | CPU limit | Memory limit | QoS | Feasible nodes | Status |
| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |
| Deployment shop/web | 2 | 250m | 64Mi | - | 128Mi | Burstable | 2/3 | ✅ fits |
| StatefulSet shop/db | 2 | - | - | - | - | - | - | ⚠️ invalid: spec.template.spec.containers\\[0].resources.requests.cpu: invalid quantity "12x"<br>spec.replicas: Invalid value: -1: must be greater than or equal to 0 |
| Job shop/reindex | 2 | 250m | 64Mi | - | 128Mi | Burstable | 0/3 | ❌ 0/3 nodes are available: 3 Insufficient memory. |
| DaemonSet kube-system/agent | 3 | 250m | 64Mi | - | 128Mi | Burstable | 2/3 | ❌ 0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 2 node(s) didn't satisfy plugin(s) \\[NodeAffinity]. |
| PodTemplate shop/template | - | 250m | 64Mi | - | 128Mi | Burstable | 3/3 | ✅ fits |

<details>
<summary>1 warning, 5 errors</summary>

**Deployment shop/web** (web.yaml, document 0)

- ⚠️ \`missing-memory-limit\` at \`spec.template.spec.containers[1]\`: Container "sidecar" has no memory limit.

**StatefulSet shop/db** (db.yaml, document 1)

- ❌ \`spec.template.spec.containers[0].resources.requests.cpu\`: invalid quantity "12x"
- ❌ \`spec.replicas\`: Invalid value: -1: must be greater than or equal to 0

**list.yaml, document 0**

- ❌ \`items[1]\`: Object 'apiVersion' is missing in '{"kind":"Pod"}'
- ❌ \`items[3]\`: Object 'Kind' is missing in '{}'

**web.yaml, document 4**

- ❌ line 7: not an object

</details>
`);
  });

  it('without nodes: no Feasible nodes column, valid workloads are ✅ valid, a DaemonSet runs one per node', () => {
    expect(
      markdown([
        workload({}),
        workload({ kind: 'DaemonSet', namespace: 'kube-system', name: 'agent', document: 1, replicas: null }),
      ]),
    ).toBe(`## podfit analyze

2 workloads, 0 invalid

| Workload | Replicas | CPU request | Memory request | CPU limit | Memory limit | QoS | Status |
| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |
| Deployment shop/web | 2 | 250m | 64Mi | - | 128Mi | Burstable | ✅ valid |
| DaemonSet kube-system/agent | per node | 250m | 64Mi | - | 128Mi | Burstable | ✅ valid |
`);
  });

  it('with nothing found, gives the totals alone', () => {
    expect(markdown([])).toBe('## podfit analyze\n\n0 workloads, 0 invalid\n');
  });

  it('adds a Change column when some workload carries a change', () => {
    const changed = workload({
      fit: fit(11, 14),
      change: { summary: 'memory request +512Mi, feasible nodes 14 -> 11, QoS Guaranteed -> Burstable' },
    });
    expect(
      markdown([
        changed,
        workload({ name: 'api', fit: fit(3, 14), change: null }),
        workload({ name: 'ui', fit: fit(3, 14) }),
      ]),
    ).toBe(`## podfit analyze

3 workloads, 0 invalid, 0 not fitting

| Workload | Replicas | CPU request | Memory request | CPU limit | Memory limit | QoS | Feasible nodes | Status | Change |
| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |
| Deployment shop/web | 2 | 250m | 64Mi | - | 128Mi | Burstable | 11/14 | ✅ fits | memory request +512Mi, feasible nodes 14 -> 11, QoS Guaranteed -> Burstable |
| Deployment shop/api | 2 | 250m | 64Mi | - | 128Mi | Burstable | 3/14 | ✅ fits | - |
| Deployment shop/ui | 2 | 250m | 64Mi | - | 128Mi | Burstable | 3/14 | ✅ fits | - |
`);
  });

  it('has no Change column when every change is null', () => {
    expect(markdown([workload({ fit: fit(1, 1), change: null })])).toBe(`## podfit analyze

1 workload, 0 invalid, 0 not fitting

${HEADERS_WITH_NODES}| Deployment shop/web | 2 | 250m | 64Mi | - | 128Mi | Burstable | 1/1 | ✅ fits |
`);
  });

  it('escapes what GitHub would read as markup or a cell boundary, and keeps each cell and item on one line', () => {
    const message = 'x | y\nz *a* <b> `c` &amp; _d_ ~e~ [f](g) \\h';
    const text = markdown([
      workload({
        source: 'my|file.yaml',
        fit: fit(0, 3, message),
        warnings: [{ code: 'unknown-field', path: 'metadata.annotations.`x`', message: 'one\r\ntwo' }],
      }),
    ]);
    expect(text).toBe(`## podfit analyze

1 workload, 0 invalid, 1 not fitting

${HEADERS_WITH_NODES}| Deployment shop/web | 2 | 250m | 64Mi | - | 128Mi | Burstable | 0/3 | ❌ x \\| y<br>z \\*a\\* \\<b> \\\`c\\\` \\&amp; \\_d\\_ \\~e\\~ \\[f](g) \\\\h |

<details>
<summary>1 warning</summary>

**Deployment shop/web** (my\\|file.yaml, document 0)

- ⚠️ \`unknown-field\` at \`\` metadata.annotations.\`x\` \`\`: one<br>two

</details>
`);
  });
});

describe('printMarkdown within the step-summary limit', () => {
  const HEAD = '## podfit analyze\n\n4 workloads, 0 invalid, 1 not fitting\n\n';
  const row = (name: string, status: string) =>
    `| Deployment shop/${name} | 2 | 250m | 64Mi | - | 128Mi | Burstable | ${status} |\n`;
  const ROW_A = row('a', '1/3 | ✅ fits');
  const ROW_B = row('b', '1/3 | ✅ fits');
  const ROW_C = row('c', '1/3 | ✅ fits');
  const ROW_D = row('d', `0/3 | ❌ ${NO_MEMORY}`);
  const WORKLOADS = [
    workload({ name: 'a', fit: fit(1, 3) }),
    workload({ name: 'b', fit: fit(1, 3) }),
    workload({ name: 'c', fit: fit(1, 3) }),
    workload({ name: 'd', fit: fit(0, 3, NO_MEMORY) }),
  ];
  const FULL = HEAD + HEADERS_WITH_NODES + ROW_A + ROW_B + ROW_C + ROW_D;
  const note = (leftOut: number, limit: number) =>
    `\n_${leftOut} more workload${leftOut === 1 ? '' : 's'} left out to keep this summary under ${limit} bytes._\n`;
  // The limit a text that names it fits exactly.
  const exactLimit = (text: (limit: number) => string): number => {
    let limit = 0;
    while (bytes(text(limit)) !== limit) limit = bytes(text(limit));
    return limit;
  };

  it('writes everything when it fits exactly', () => {
    expect(markdown(WORKLOADS, { maxBytes: bytes(FULL) })).toBe(FULL);
  });

  it('one byte less: leaves the last row out, and says so, within the limit', () => {
    const limit = bytes(FULL) - 1;
    const text = markdown(WORKLOADS, { maxBytes: limit });
    expect(text).toBe(HEAD + HEADERS_WITH_NODES + ROW_A + ROW_B + ROW_D + note(1, limit));
    expect(bytes(text)).toBeLessThanOrEqual(limit);
  });

  it('keeps the rows that fail first, then the others in input order, and prints them in input order', () => {
    const twoRows = (limit: number) => HEAD + HEADERS_WITH_NODES + ROW_A + ROW_D + note(2, limit);
    const limit = exactLimit(twoRows);
    expect(markdown(WORKLOADS, { maxBytes: limit })).toBe(twoRows(limit));
    expect(markdown(WORKLOADS, { maxBytes: limit - 1 })).toBe(
      HEAD + HEADERS_WITH_NODES + ROW_D + note(3, limit - 1),
    );
  });

  it('keeps a huge result under 1 MiB, the failing rows included, and counts what it left out', () => {
    const total = 15_000;
    const warning = {
      code: 'missing-memory-limit',
      path: 'spec.template.spec.containers[0]',
      message: 'm'.repeat(200),
    };
    const workloads = Array.from({ length: total }, (_, i) =>
      workload({
        name: `web-${i}`,
        fit: i >= total - 3 ? fit(0, 3, NO_MEMORY) : fit(2, 3),
        warnings: [warning],
      }),
    );
    const text = markdown(workloads);
    expect(bytes(text)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT_BYTES);
    expect(bytes(text)).toBeGreaterThan(STEP_SUMMARY_LIMIT_BYTES - 1024);
    expect(text.startsWith(`## podfit analyze\n\n${total} workloads, 0 invalid, 3 not fitting\n\n`)).toBe(
      true,
    );

    const rows = text.split('\n').filter((line) => line.startsWith('| Deployment '));
    const leftOut = Number(
      /\n_(\d+) more workloads left out to keep this summary under 1 MiB\._\n/.exec(text)?.[1],
    );
    expect(rows.length + leftOut).toBe(total);
    expect(rows.slice(-3).map((line) => line.split(' | ')[0])).toEqual([
      `| Deployment shop/web-${total - 3}`,
      `| Deployment shop/web-${total - 2}`,
      `| Deployment shop/web-${total - 1}`,
    ]);
    expect(
      text.endsWith(
        `<details>\n<summary>${total} warnings</summary>\n\n_Findings of ${total} more workloads or documents left out to keep this summary under 1 MiB._\n\n</details>\n`,
      ),
    ).toBe(true);
  });

  it('leaves findings out, and counts them, when the rows fit but the findings do not', () => {
    const total = 100;
    const warning = { code: 'unknown-field', path: 'spec.x', message: 'w'.repeat(20_000) };
    const text = markdown(
      Array.from({ length: total }, (_, i) => workload({ name: `web-${i}`, warnings: [warning] })),
    );
    expect(bytes(text)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT_BYTES);
    expect(text.split('\n').filter((line) => line.startsWith('| Deployment '))).toHaveLength(total);
    expect(text).not.toContain('more workloads left out');
    const shown = text.split('\n').filter((line) => line.startsWith('**Deployment ')).length;
    expect(shown).toBeGreaterThan(0);
    expect(text).toContain(
      `\n_Findings of ${total - shown} more workloads or documents left out to keep this summary under 1 MiB._\n\n</details>\n`,
    );
  });
});
