// `-o junit` on hand-made results: which testcases fail and with what message, the exact XML, and that the
// XML stays well-formed whatever the manifests hold.
import { type ManifestProblem } from '@podfit/manifests';
import { type AnalysisResult, type WorkloadResult } from '@podfit/scheduling';
import { printJunit } from '../../apps/cli/src/output/junit.printer';
import { childElements, readXml, textOf } from './xml-reader';
import { fitResult, workloadResult } from './result-builders';

const workload = (overrides: Partial<WorkloadResult>) => workloadResult(overrides);

const fit = fitResult;

function analysis(...workloads: WorkloadResult[]): AnalysisResult {
  return { apiVersion: 'podfit.dev/v1', kind: 'Analysis', workloads };
}

function junit(result: AnalysisResult, problems: readonly ManifestProblem[] = []): string {
  let text = '';
  printJunit(result, { problems }, (chunk) => {
    text += chunk;
  });
  return text;
}

const NO_MEMORY = '0/3 nodes are available: 3 Insufficient memory.';
const NO_PORT =
  "0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].";

describe('printJunit', () => {
  it('fails invalid workloads, those that fit nowhere, DaemonSets missing a node, and unreadable documents', () => {
    const result = analysis(
      workload({
        line: 1,
        fit: fit(2, 3),
        warnings: [
          {
            code: 'missing-memory-limit',
            path: 'spec.template.spec.containers[0]',
            message: 'Container "web" has no memory limit.',
          },
        ],
      }),
      workload({
        kind: 'StatefulSet',
        name: 'db',
        source: 'db.yaml',
        document: 1,
        line: 12,
        pod: null,
        errors: [
          {
            path: 'spec.template.spec.containers[0].resources.requests.cpu',
            message: 'invalid quantity "12x"',
          },
          { path: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' },
        ],
      }),
      workload({
        kind: 'Job',
        name: 'reindex',
        document: 2,
        fit: fit(0, 3, NO_MEMORY),
        warnings: [{ code: 'host-port', path: '', message: 'Two pods cannot share a node.' }],
      }),
      workload({
        kind: 'DaemonSet',
        namespace: 'kube-system',
        name: 'agent',
        source: 'agent.yaml',
        line: 3,
        replicas: 3,
        fit: fit(2, 3, NO_PORT),
      }),
      workload({
        kind: 'DaemonSet',
        namespace: 'kube-system',
        name: 'logs',
        source: 'agent.yaml',
        document: 1,
        replicas: 3,
        fit: fit(3, 3),
      }),
      workload({
        kind: 'DaemonSet',
        namespace: 'kube-system',
        name: 'quiet',
        source: 'agent.yaml',
        document: 2,
        replicas: 3,
        fit: fit(1, 3),
      }),
    );
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
    const xml = junit(result, problems);

    expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="8" failures="6" errors="0" skipped="0">
  <testsuite name="podfit analyze" tests="8" failures="6" errors="0" skipped="0">
    <testcase classname="web.yaml" name="Deployment shop/web" file="web.yaml">
      <properties>
        <property name="document" value="0"/>
        <property name="line" value="1"/>
      </properties>
      <system-out><![CDATA[Warning: web.yaml: document 0: spec.template.spec.containers[0]: Container "web" has no memory limit. (missing-memory-limit)]]></system-out>
    </testcase>
    <testcase classname="db.yaml" name="StatefulSet shop/db" file="db.yaml">
      <properties>
        <property name="document" value="1"/>
        <property name="line" value="12"/>
      </properties>
      <failure message="spec.template.spec.containers[0].resources.requests.cpu: invalid quantity &quot;12x&quot;&#xA;spec.replicas: Invalid value: -1: must be greater than or equal to 0" type="invalid"><![CDATA[spec.template.spec.containers[0].resources.requests.cpu: invalid quantity "12x"
spec.replicas: Invalid value: -1: must be greater than or equal to 0]]></failure>
    </testcase>
    <testcase classname="web.yaml" name="Job shop/reindex" file="web.yaml">
      <properties>
        <property name="document" value="2"/>
      </properties>
      <failure message="0/3 nodes are available: 3 Insufficient memory." type="unschedulable"><![CDATA[0/3 nodes are available: 3 Insufficient memory.]]></failure>
      <system-out><![CDATA[Warning: web.yaml: document 2: Two pods cannot share a node. (host-port)]]></system-out>
    </testcase>
    <testcase classname="agent.yaml" name="DaemonSet kube-system/agent" file="agent.yaml">
      <properties>
        <property name="document" value="0"/>
        <property name="line" value="3"/>
      </properties>
      <failure message="0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]." type="unschedulable"><![CDATA[0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].]]></failure>
    </testcase>
    <testcase classname="agent.yaml" name="DaemonSet kube-system/logs" file="agent.yaml">
      <properties>
        <property name="document" value="1"/>
      </properties>
    </testcase>
    <testcase classname="agent.yaml" name="DaemonSet kube-system/quiet" file="agent.yaml">
      <properties>
        <property name="document" value="2"/>
      </properties>
      <failure message="1/3 nodes can take its pod" type="unschedulable"><![CDATA[1/3 nodes can take its pod]]></failure>
    </testcase>
    <testcase classname="list.yaml" name="document 0" file="list.yaml">
      <properties>
        <property name="document" value="0"/>
      </properties>
      <failure message="items[1]: Object 'apiVersion' is missing in '{&quot;kind&quot;:&quot;Pod&quot;}'&#xA;items[3]: Object 'Kind' is missing in '{}'" type="invalid"><![CDATA[items[1]: Object 'apiVersion' is missing in '{"kind":"Pod"}'
items[3]: Object 'Kind' is missing in '{}']]></failure>
    </testcase>
    <testcase classname="web.yaml" name="document 4" file="web.yaml">
      <properties>
        <property name="document" value="4"/>
        <property name="line" value="7"/>
      </properties>
      <failure message="line 7: not an object" type="invalid"><![CDATA[line 7: not an object]]></failure>
    </testcase>
  </testsuite>
</testsuites>
`);

    const suites = readXml(xml);
    const [suite] = childElements(suites, 'testsuite');
    const failing = childElements(suite!, 'testcase')
      .filter((testCase) => childElements(testCase, 'failure').length > 0)
      .map((testCase) => testCase.attributes.name);
    expect(failing).toEqual([
      'StatefulSet shop/db',
      'Job shop/reindex',
      'DaemonSet kube-system/agent',
      'DaemonSet kube-system/quiet',
      'document 0',
      'document 4',
    ]);
  });

  it('passes every valid workload when no nodes were given, a DaemonSet without replicas too', () => {
    const xml = junit(
      analysis(
        workload({}),
        workload({ kind: 'DaemonSet', namespace: 'kube-system', name: 'agent', document: 1, replicas: null }),
      ),
    );
    expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="2" failures="0" errors="0" skipped="0">
  <testsuite name="podfit analyze" tests="2" failures="0" errors="0" skipped="0">
    <testcase classname="web.yaml" name="Deployment shop/web" file="web.yaml">
      <properties>
        <property name="document" value="0"/>
      </properties>
    </testcase>
    <testcase classname="web.yaml" name="DaemonSet kube-system/agent" file="web.yaml">
      <properties>
        <property name="document" value="1"/>
      </properties>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it('writes an empty suite when there is nothing to report', () => {
    expect(junit(analysis())).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="0" failures="0" errors="0" skipped="0">
  <testsuite name="podfit analyze" tests="0" failures="0" errors="0" skipped="0"/>
</testsuites>
`);
  });

  it('builds each report on its own: printing twice gives the same one report', () => {
    const result = analysis(workload({}));
    const first = junit(result);
    expect(junit(result)).toBe(first);
    expect(first).toContain('<testsuites tests="1" ');
  });

  it('stays well-formed, and reads back as written, whatever the names, paths and messages hold', () => {
    const hostile = 'a & b <c> "d" \'e\' ]]> f ]]> g ]]]]> h\ttab\r\nline\u0001 \uD800 😀';
    // XML has no way to carry U+0001 or a lone surrogate: they are left out.
    const readable = 'a & b <c> "d" \'e\' ]]> f ]]> g ]]]]> h\ttab\r\nline  😀';
    // An attribute keeps CR LF (written as references); text reads it as LF (XML 1.0 section 2.11).
    const readableText = readable.replace('\r\n', '\n');
    const xml = junit(
      analysis(
        workload({
          source: `dir/${hostile}.yaml`,
          name: hostile,
          pod: null,
          errors: [{ path: `spec.${hostile}`, message: hostile }],
          warnings: [{ code: 'unknown-field', path: hostile, message: hostile }],
        }),
      ),
      [{ file: hostile, document: 3, path: '', message: hostile }],
    );
    const [testCase, problemCase] = childElements(childElements(readXml(xml), 'testsuite')[0]!, 'testcase');
    expect(testCase!.attributes).toEqual({
      classname: `dir/${readable}.yaml`,
      name: `Deployment shop/${readable}`,
      file: `dir/${readable}.yaml`,
    });
    const [failure] = childElements(testCase!, 'failure');
    expect(failure!.attributes).toEqual({ message: `spec.${readable}: ${readable}`, type: 'invalid' });
    expect(textOf(failure!)).toBe(`spec.${readableText}: ${readableText}`);
    expect(textOf(childElements(testCase!, 'system-out')[0]!)).toBe(
      `Warning: dir/${readableText}.yaml: document 0: ${readableText}: ${readableText} (unknown-field)`,
    );
    expect(problemCase!.attributes.classname).toBe(readable);
    expect(textOf(childElements(problemCase!, 'failure')[0]!)).toBe(readableText);
  });
});

describe('the XML reader these tests use', () => {
  it('reads what is well-formed', () => {
    const root = readXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 &amp; &#xA;2"><b/>t&lt;<![CDATA[<]]]]><![CDATA[>]]></a>',
    );
    expect(root.attributes).toEqual({ x: '1 & \n2' });
    expect(childElements(root, 'b')).toHaveLength(1);
    expect(textOf(root)).toBe('t<<]]>');
  });

  it.each([
    ['a second ]]> ending the CDATA early', '<a><![CDATA[x]]]]><![CDATA[>y]]>z]]></a>'],
    ['an unclosed element', '<a><b></a>'],
    ['a bare &', '<a>b & c</a>'],
    ['a bare < in an attribute', '<a x="<"/>'],
    ['an attribute twice', '<a x="1" x="2"/>'],
    ['a control character', '<a>\u0001</a>'],
    ['a reference to a control character', '<a>&#1;</a>'],
    ['text after the root', '<a/><b/>'],
    ['an unquoted attribute', '<a x=1/>'],
  ])('refuses %s', (_, xml) => {
    expect(() => readXml(xml)).toThrow();
  });
});
