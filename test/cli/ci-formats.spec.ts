// -o markdown and -o junit through the binary, on test/fixtures/ok/app.yaml (numbers worked out by hand in
// README.md here) and on test/fixtures/bad: what CI shows, the exit codes of the other formats, and the same
// findings on stderr.
import { type AnalysisResult } from '@podfit/scheduling';
import { BAD_FIXTURES, runPodfit, type PodfitRun } from './podfit-binary';
import { childElements, readXml, textOf } from './xml-reader';

const CLUSTER = ['--nodes', 'nodes.json', '--pods', 'pods.json'];
const NO_PORT =
  "0/6 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 5 node(s) didn't satisfy plugin(s) [NodeAffinity].";
const NO_ROOM =
  '0/6 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu, 2 node(s) had untolerated taint(s), 3 Insufficient memory.';
const REGEX_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const CRONJOB_CONTAINER = 'spec.jobTemplate.spec.template.spec.containers[0]';

const analyze = (...args: string[]): PodfitRun => runPodfit(['analyze', ...args]);
const analyzeBad = (...args: string[]): PodfitRun => runPodfit(['analyze', ...args], { cwd: BAD_FIXTURES });

// The wording of app.yaml's four warnings belongs to the analysis (app.spec.ts checks it); these tests take it
// from -o json and check where each format puts it.
const WARNINGS = (JSON.parse(analyze('-f', 'app.yaml', '-o', 'json').stdout) as AnalysisResult).workloads
  .flatMap((workload) => workload.warnings)
  .map((warning) => warning.message);

const row = (...cells: string[]) => `| ${cells.join(' | ')} |\n`;

describe('podfit analyze -o markdown', () => {
  const HEADERS = [
    'Workload',
    'Replicas',
    'CPU request',
    'Memory request',
    'CPU limit',
    'Memory limit',
    'QoS',
  ];
  const ALIGN = ['---', '---:', '---:', '---:', '---:', '---:', '---'];
  const PODS = {
    web: ['Deployment storefront/web', '3', '600m', '704Mi', '1', '896Mi', 'Burstable'],
    postgres: ['StatefulSet storefront/postgres', '2', '2', '4Gi', '2', '4Gi', 'Guaranteed'],
    nodeExporter: [
      'DaemonSet monitoring/node-exporter',
      'per node',
      '100m',
      '180Mi',
      '250m',
      '180Mi',
      'Burstable',
    ],
    searchReindex: ['Job storefront/search-reindex', '2', '2', '16Gi', '-', '16Gi', 'Burstable'],
    nightlyReport: ['CronJob default/nightly-report', '1', '-', '-', '-', '-', 'BestEffort'],
    debugShell: ['Pod storefront/debug-shell', '1', '1250m', '1184Mi', '2250m', '2208Mi', 'Burstable'],
    inference: ['Deployment ml/inference', '2', '2', '8Gi', '-', '8Gi', 'Burstable'],
  };
  const details = () => {
    for (const message of WARNINGS) expect(message).not.toMatch(/[\\`*_[<|~&\n]/); // printed as they are
    return [
      '<details>',
      '<summary>4 warnings</summary>',
      '',
      '**Deployment storefront/web** (app.yaml, document 2)',
      '',
      `- ⚠️ \`init-phase-exceeds-running\` at \`spec.template.spec.initContainers[1]\`: ${WARNINGS[0]}`,
      '',
      '**CronJob default/nightly-report** (app.yaml, document 7)',
      '',
      `- ⚠️ \`missing-cpu-request\` at \`${CRONJOB_CONTAINER}\`: ${WARNINGS[1]}`,
      `- ⚠️ \`missing-memory-request\` at \`${CRONJOB_CONTAINER}\`: ${WARNINGS[2]}`,
      `- ⚠️ \`missing-memory-limit\` at \`${CRONJOB_CONTAINER}\`: ${WARNINGS[3]}`,
      '',
      '</details>',
      '',
    ].join('\n');
  };

  it('sums up app.yaml for a pull request, exits 0, and reports the warnings on stderr as the table does', () => {
    const run = analyze('-f', 'app.yaml', '-o', 'markdown');
    expect(run.stdout).toBe(
      '## podfit analyze\n\n7 workloads, 0 invalid\n\n' +
        row(...HEADERS, 'Status') +
        row(...ALIGN, '---') +
        Object.values(PODS)
          .map((cells) => row(...cells, '✅ valid'))
          .join('') +
        '\n' +
        details(),
    );
    expect(run.stderr).toBe(analyze('-f', 'app.yaml').stderr);
    expect(run.stderr).not.toBe('');
    expect(run.code).toBe(0);
  });

  it("against nodes and bound pods: feasible nodes, kube-scheduler's message, and exit 1", () => {
    const run = analyze('-f', 'app.yaml', ...CLUSTER, '-o', 'markdown');
    expect(run.stdout).toBe(
      '## podfit analyze\n\n7 workloads, 0 invalid, 2 not fitting\n\n' +
        row(...HEADERS, 'Feasible nodes', 'Status') +
        row(...ALIGN, '---:', '---') +
        row(...PODS.web, '3/6', '✅ fits') +
        row(...PODS.postgres, '1/6', '✅ fits') +
        row(
          ...PODS.nodeExporter.map((cell) => (cell === 'per node' ? '6' : cell)),
          '5/6',
          `❌ ${NO_PORT.replace('[', '\\[')}`,
        ) +
        row(...PODS.searchReindex, '0/6', `❌ ${NO_ROOM}`) +
        row(...PODS.nightlyReport, '3/6', '✅ fits') +
        row(...PODS.debugShell, '2/6', '✅ fits') +
        row(...PODS.inference, '1/6', '✅ fits') +
        '\n' +
        details(),
    );
    expect(run.stderr).toBe(analyze('-f', 'app.yaml', ...CLUSTER).stderr);
    expect(run.code).toBe(1);
  });

  it('lists invalid workloads and unreadable documents (row 17 and row 19), and exits 1', () => {
    const files = ['-f', 'row-17-list.yaml', '-f', 'row-19-kind-missing.yaml'];
    const run = analyzeBad(...files, '-o', 'markdown');
    const cpu = 'items[1].spec.template.spec.containers[0].resources.requests.cpu';
    const escapedRegex = REGEX_MESSAGE.replace(/[[*]/g, '\\$&');
    expect(run.stdout).toBe(
      '## podfit analyze\n\n1 workload, 1 invalid, 2 unreadable documents\n\n' +
        row(...HEADERS, 'Status') +
        row(...ALIGN, '---') +
        row(
          'Deployment default/web',
          '1',
          '-',
          '-',
          '-',
          '-',
          '-',
          `⚠️ invalid: ${cpu.replace(/\[/g, '\\[')}: invalid quantity "12x": ${escapedRegex}`,
        ) +
        [
          '',
          '<details>',
          '<summary>3 errors</summary>',
          '',
          '**Deployment default/web** (row-17-list.yaml, document 0)',
          '',
          `- ❌ \`${cpu}\`: invalid quantity "12x": ${escapedRegex}`,
          '',
          '**row-17-list.yaml, document 0**',
          '',
          `- ❌ \`items[2]\`: Object 'apiVersion' is missing in '{"kind":"Pod","metadata":{"name":"no-api-version"}}'`,
          '',
          '**row-19-kind-missing.yaml, document 0**',
          '',
          `- ❌ Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"nameless"}}'`,
          '',
          '</details>',
          '',
        ].join('\n'),
    );
    expect(run.stderr).toBe(analyzeBad(...files).stderr);
    expect(run.stderr.split('\n')).toHaveLength(4);
    expect(run.code).toBe(1);
  });
});

describe('podfit analyze -o junit', () => {
  const testCase = (name: string, document: number, line: number, body: string[] = []) => [
    `    <testcase classname="app.yaml" name="${name}" file="app.yaml">`,
    '      <properties>',
    `        <property name="document" value="${document}"/>`,
    `        <property name="line" value="${line}"/>`,
    '      </properties>',
    ...body.map((element) => `      ${element}`),
    '    </testcase>',
  ];
  const unschedulable = (message: string) =>
    `<failure message="${message}" type="unschedulable"><![CDATA[${message}]]></failure>`;
  const warnings = (document: number, lines: [string, string, string][]) =>
    `<system-out><![CDATA[${lines
      .map(
        ([path, message, code]) => `Warning: app.yaml: document ${document}: ${path}: ${message} (${code})`,
      )
      .join('\n')}]]></system-out>`;

  it('reports app.yaml against nodes and bound pods, search-reindex and node-exporter failing, and exits 1', () => {
    const run = analyze('-f', 'app.yaml', ...CLUSTER, '-o', 'junit');
    // Lines: where each document's first key is in app.yaml.
    expect(run.stdout).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites tests="7" failures="2" errors="0" skipped="0">',
        '  <testsuite name="podfit analyze" tests="7" failures="2" errors="0" skipped="0">',
        ...testCase('Deployment storefront/web', 2, 16, [
          warnings(2, [['spec.template.spec.initContainers[1]', WARNINGS[0]!, 'init-phase-exceeds-running']]),
        ]),
        ...testCase('StatefulSet storefront/postgres', 4, 95),
        ...testCase('DaemonSet monitoring/node-exporter', 5, 152, [unschedulable(NO_PORT)]),
        ...testCase('Job storefront/search-reindex', 6, 195, [unschedulable(NO_ROOM)]),
        ...testCase('CronJob default/nightly-report', 7, 218, [
          warnings(7, [
            [CRONJOB_CONTAINER, WARNINGS[1]!, 'missing-cpu-request'],
            [CRONJOB_CONTAINER, WARNINGS[2]!, 'missing-memory-request'],
            [CRONJOB_CONTAINER, WARNINGS[3]!, 'missing-memory-limit'],
          ]),
        ]),
        ...testCase('Pod storefront/debug-shell', 8, 233),
        ...testCase('Deployment ml/inference', 9, 265),
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    const suite = childElements(readXml(run.stdout), 'testsuite')[0]!;
    expect(
      childElements(suite, 'testcase').map((testCase) =>
        childElements(testCase, 'failure').map((failure) => failure.attributes.message),
      ),
    ).toEqual([[], [], [NO_PORT], [NO_ROOM], [], [], []]);
    expect(run.stderr).toBe(analyze('-f', 'app.yaml', ...CLUSTER).stderr);
    expect(run.code).toBe(1);
  });

  it('passes every workload of app.yaml without nodes, and exits 0', () => {
    const run = analyze('-f', 'app.yaml', '-o', 'junit');
    const suites = readXml(run.stdout);
    expect(suites.attributes).toEqual({ tests: '7', failures: '0', errors: '0', skipped: '0' });
    const testCases = childElements(childElements(suites, 'testsuite')[0]!, 'testcase');
    expect(testCases.map((testCase) => testCase.attributes.name)).toEqual([
      'Deployment storefront/web',
      'StatefulSet storefront/postgres',
      'DaemonSet monitoring/node-exporter',
      'Job storefront/search-reindex',
      'CronJob default/nightly-report',
      'Pod storefront/debug-shell',
      'Deployment ml/inference',
    ]);
    expect(testCases.flatMap((testCase) => childElements(testCase, 'failure'))).toEqual([]);
    expect(textOf(childElements(testCases[4]!, 'system-out')[0]!).split('\n')).toHaveLength(3);
    expect(run.stderr).toBe(analyze('-f', 'app.yaml').stderr);
    expect(run.code).toBe(0);
  });

  it('fails the invalid workload and each unreadable document (row 17 and row 19), and exits 1', () => {
    const files = ['-f', 'row-17-list.yaml', '-f', 'row-19-kind-missing.yaml'];
    const run = analyzeBad(...files, '-o', 'junit');
    const cpuError = `items[1].spec.template.spec.containers[0].resources.requests.cpu: invalid quantity "12x": ${REGEX_MESSAGE}`;
    const apiVersion = `items[2]: Object 'apiVersion' is missing in '{"kind":"Pod","metadata":{"name":"no-api-version"}}'`;
    const kind = `Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"nameless"}}'`;
    const attribute = (text: string) => text.replace(/"/g, '&quot;');
    expect(run.stdout).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites tests="3" failures="3" errors="0" skipped="0">',
        '  <testsuite name="podfit analyze" tests="3" failures="3" errors="0" skipped="0">',
        '    <testcase classname="row-17-list.yaml" name="Deployment default/web" file="row-17-list.yaml">',
        '      <properties>',
        '        <property name="document" value="0"/>',
        '        <property name="line" value="11"/>',
        '      </properties>',
        `      <failure message="${attribute(cpuError)}" type="invalid"><![CDATA[${cpuError}]]></failure>`,
        '    </testcase>',
        '    <testcase classname="row-17-list.yaml" name="document 0" file="row-17-list.yaml">',
        '      <properties>',
        '        <property name="document" value="0"/>',
        '      </properties>',
        `      <failure message="${attribute(apiVersion)}" type="invalid"><![CDATA[${apiVersion}]]></failure>`,
        '    </testcase>',
        '    <testcase classname="row-19-kind-missing.yaml" name="document 0" file="row-19-kind-missing.yaml">',
        '      <properties>',
        '        <property name="document" value="0"/>',
        '      </properties>',
        `      <failure message="${attribute(kind)}" type="invalid"><![CDATA[${kind}]]></failure>`,
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    const failures = childElements(childElements(readXml(run.stdout), 'testsuite')[0]!, 'testcase').map(
      (testCase) => textOf(childElements(testCase, 'failure')[0]!),
    );
    expect(failures).toEqual([cpuError, apiVersion, kind]);
    expect(run.stderr).toBe(analyzeBad(...files).stderr);
    expect(run.code).toBe(1);
  });
});

describe('both formats, as the others', () => {
  const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';

  it.each(['markdown', 'junit'])(
    '-o %s prints nothing for input podfit cannot read, and exits 2 with the same error',
    (format) => {
      const file = 'row-03-yaml-syntax-error.yaml';
      const table = analyzeBad('-f', file);
      expect(table.code).toBe(2);
      expect(analyzeBad('-f', file, '-o', format)).toEqual({ stdout: '', stderr: table.stderr, code: 2 });
    },
  );

  it('with no workload in the input, still write their document and exit 0', () => {
    expect(runPodfit(['analyze', '-f', '-', '-o', 'markdown'], { input: SERVICE })).toEqual({
      stdout: '## podfit analyze\n\n0 workloads, 0 invalid\n',
      stderr: '',
      code: 0,
    });
    expect(runPodfit(['analyze', '-f', '-', '-o', 'junit'], { input: SERVICE })).toEqual({
      stdout:
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<testsuites tests="0" failures="0" errors="0" skipped="0">\n' +
        '  <testsuite name="podfit analyze" tests="0" failures="0" errors="0" skipped="0"/>\n' +
        '</testsuites>\n',
      stderr: '',
      code: 0,
    });
  });

  it('are listed by --help', () => {
    expect(runPodfit(['analyze', '--help']).stdout).toContain(
      '  -o, --output <format>  output format: json|junit|markdown|table|wide|yaml\n',
    );
  });
});
