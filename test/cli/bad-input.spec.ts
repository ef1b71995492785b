// Every file of test/fixtures/bad/ through the binary (RELIABILITY.md rows 3-19 and 24): input podfit cannot
// read is exit 2, a workload or document the API server would reject is exit 1, each problem is one
// `error: <file>: document N: <path or line>: <message>` line, and nothing ever prints a stack trace.
import { readdirSync } from 'node:fs';
import { BAD_FIXTURES, kubectlTable, runPodfit, type PodfitRun } from './podfit-binary';

const HEADERS = ['NAMESPACE', 'NAME', 'REPLICAS', 'CPU REQ', 'MEM REQ', 'CPU LIM', 'MEM LIM', 'QOS', 'OTHER'];
const REGEX_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const SUFFIX_MESSAGE = "unable to parse quantity's suffix";

const analyze = (...args: string[]): PodfitRun => runPodfit(['analyze', ...args], { cwd: BAD_FIXTURES });

/** Input that cannot be read at all: exit 2, nothing on stdout, one error line matching `line`. */
function expectUnreadable(run: PodfitRun, line: RegExp): void {
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(line);
  expect(run.stderr.split('\n')).toHaveLength(2);
  expect(run.code).toBe(2);
}

const covered = new Set<string>();
function fixture(name: string): string {
  covered.add(name);
  return name;
}

describe('malformed input: exit 2, one error line with the line number', () => {
  it('row 3: a YAML syntax error in document 3 of 5 rejects the whole file', () => {
    const file = fixture('row-03-yaml-syntax-error.yaml');
    expectUnreadable(analyze('-f', file), new RegExp(`^error: ${file}: document 2: line 31: .+\\n$`));
  });

  it('row 4: a tab used as indentation', () => {
    const file = fixture('row-04-tab-indentation.yaml');
    expectUnreadable(analyze('-f', file), new RegExp(`^error: ${file}: document 0: line 7: .*tab.*\\n$`));
  });

  it('row 4: `--- foo` as a separator (apimachinery util/yaml/decoder.go)', () => {
    const file = fixture('row-04-invalid-separator.yaml');
    expectUnreadable(
      analyze('-f', file),
      new RegExp(`^error: ${file}: document \\d+: line 35: invalid Yaml document separator: foo\\n$`),
    );
  });

  it.each([
    ['row-05-configmap-bomb.yaml', 1, 19],
    ['row-06-doubling-bomb.yaml', 0, 2],
  ])(
    'rows 5-6: %s is rejected for the aliases it would expand to (go-yaml decode.go)',
    (name, document, line) => {
      const started = Date.now();
      const run = analyze('-f', fixture(name));
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(run).toEqual({
        stdout: '',
        stderr: `error: ${name}: document ${document}: line ${line}: document contains excessive aliasing\n`,
        code: 2,
      });
    },
  );

  it.each(['row-07-deep-block-mapping.yaml', 'row-07-deep-brackets.json', 'row-07-deep-json-objects.json'])(
    'row 7: %s nests too deep',
    (name) => {
      expectUnreadable(
        analyze('-f', fixture(name)),
        new RegExp(`^error: ${name}: document 0: line \\d+: nesting too deep.*\\n$`),
      );
    },
  );

  it.each([
    ['row-15-invalid-utf8.yaml', 4, /UTF-8/],
    ['row-15-nul.yaml', 6, /null byte|NUL/i],
    ['row-15-png.yaml', 1, /UTF-8/],
  ])('row 15: %s is not text', (name, line, words) => {
    const run = analyze('-f', fixture(name));
    expectUnreadable(run, new RegExp(`^error: ${name}: document 0: line ${line}: .+\\n$`));
    expect(run.stderr).toMatch(words);
  });
});

describe('what the API server would reject: exit 1', () => {
  it('row 8: a duplicate field is an error under --validate=strict (the default), a warning under warn', () => {
    const file = fixture('row-08-duplicate-field.yaml');
    const path = 'spec.template.spec.containers[0].imagePullPolicy';
    expect(analyze('-f', file)).toEqual({
      stdout: '',
      stderr: `error: ${file}: document 0: ${path}: duplicate field "${path}"\n`,
      code: 1,
    });
    const warned = analyze('-f', file, '--validate=warn');
    expect(warned.stderr.split('\n')[0]).toBe(
      `Warning: ${file}: document 0: ${path}: duplicate field "${path}" (duplicate-field)`,
    );
    expect(warned.stdout).toBe(
      kubectlTable([
        HEADERS,
        ['default', 'deployment/web', '1', '100m', '128Mi', '<none>', '<none>', 'Burstable', '<none>'],
      ]),
    );
    expect(warned.code).toBe(0);
  });

  it('row 9: a misspelt `resourcse` is an error, a warning, or (ignore) a silently BestEffort pod', () => {
    const file = fixture('row-09-unknown-field.yaml');
    const path = 'spec.template.spec.containers[0].resourcse';
    expect(analyze('-f', file)).toEqual({
      stdout: '',
      stderr: `error: ${file}: document 0: ${path}: unknown field "${path}"\n`,
      code: 1,
    });
    const bestEffort = kubectlTable([
      HEADERS,
      ['default', 'deployment/web', '1', '<none>', '<none>', '<none>', '<none>', 'BestEffort', '<none>'],
    ]);
    const warned = analyze('-f', file, '--validate', 'warn');
    expect(warned.stderr.split('\n')[0]).toBe(
      `Warning: ${file}: document 0: ${path}: unknown field "${path}" (unknown-field)`,
    );
    expect(warned.stdout).toBe(bestEffort);
    expect(warned.code).toBe(0);
    for (const ignore of ['--validate=ignore', '--validate=false']) {
      const ignored = analyze('-f', file, ignore);
      expect(ignored.stderr).not.toContain('resourcse');
      expect(ignored.stdout).toBe(bestEffort);
      expect(ignored.code).toBe(0);
    }
  });

  it("row 10: every malformed quantity, at its path, in Kubernetes' words", () => {
    const file = fixture('row-10-bad-quantities.yaml');
    const at = (i: number, value: string, message: string) =>
      `error: ${file}: document 0: spec.template.spec.containers[${i}].resources.requests.cpu: invalid quantity "${value}": ${message}\n`;
    expect(analyze('-f', file)).toEqual({
      stdout: '',
      stderr:
        at(0, '12x', REGEX_MESSAGE) +
        at(1, '0.1mi', SUFFIX_MESSAGE) +
        at(2, '1.1.M', REGEX_MESSAGE) +
        at(3, '-3.01e-', SUFFIX_MESSAGE) +
        at(4, '', REGEX_MESSAGE),
      code: 1,
    });
  });

  it('row 13: a negative request, a request above its limit, and GPU rules (ValidateResourceRequirements)', () => {
    const file = fixture('row-13-resource-rules.yaml');
    const at = (i: number, rest: string) =>
      `error: ${file}: document 0: spec.template.spec.containers[${i}].resources.${rest}\n`;
    expect(analyze('-f', file)).toEqual({
      stdout: '',
      stderr:
        at(0, 'requests.cpu: Invalid value: "-1": must be greater than or equal to 0') +
        at(1, 'requests: Invalid value: "1": must be less than or equal to cpu limit of 500m') +
        at(2, 'requests: Invalid value: "2": must be equal to nvidia.com/gpu limit of 1') +
        at(3, 'limits: Required value: Limit must be set for non overcommitable resources'),
      code: 1,
    });
  });

  it('row 14: values of the wrong type, one workload per document, as encoding/json words them', () => {
    const file = fixture('row-14-wrong-types.yaml');
    expect(analyze('-f', file)).toEqual({
      stdout: '',
      stderr: [
        `error: ${file}: document 0: spec.template.spec.containers: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container`,
        `error: ${file}: document 1: spec.replicas: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`,
        `error: ${file}: document 2: spec.template.spec.containers[0].resources: cannot unmarshal array into Go struct field Container.spec.template.spec.containers.resources of type v1.ResourceRequirements`,
        `error: ${file}: document 3: spec.template.spec.containers: Required value`,
        '',
      ].join('\n'),
      code: 1,
    });
  });

  it('row 16: empty, comment-only and null documents are skipped and not counted', () => {
    const file = fixture('row-16-empty-documents.yaml');
    const run = analyze('-f', file);
    expect(run.stdout).toBe(
      kubectlTable([
        HEADERS,
        ['default', 'deployment/web', '1', '100m', '128Mi', '<none>', '<none>', 'Burstable', '<none>'],
      ]),
    );
    expect(run.stderr.split('\n').slice(1)).toEqual([
      `error: ${file}: document 1: spec.template.spec.containers[0].resources.requests.cpu: invalid quantity "12x": ${REGEX_MESSAGE}`,
      '',
    ]);
    expect(run.stderr.split('\n')[0]).toMatch(
      new RegExp(
        `^Warning: ${file}: document 0: spec.template.spec.containers\\[0\\]: .+ \\(missing-memory-limit\\)$`,
      ),
    );
    expect(run.code).toBe(1);
  });

  it('row 17: a List is flattened; its items are named in paths, in item order', () => {
    const file = fixture('row-17-list.yaml');
    expect(analyze('-f', file)).toEqual({
      stdout: '',
      stderr:
        `error: ${file}: document 0: items[1].spec.template.spec.containers[0].resources.requests.cpu: invalid quantity "12x": ${REGEX_MESSAGE}\n` +
        `error: ${file}: document 0: items[2]: Object 'apiVersion' is missing in '{"kind":"Pod","metadata":{"name":"no-api-version"}}'\n`,
      code: 1,
    });
  });

  it("row 17: a DeploymentList's items are Deployments", () => {
    const file = fixture('row-17-deployment-list.json');
    const run = analyze('-f', file);
    expect(run.stdout).toBe(
      kubectlTable([
        HEADERS,
        ['default', 'deployment/web', '1', '250m', '<none>', '<none>', '<none>', 'Burstable', '<none>'],
        ['default', 'deployment/api', '1', '250m', '<none>', '<none>', '<none>', 'Burstable', '<none>'],
      ]),
    );
    expect(
      run.stderr
        .split('\n')
        .map((line) =>
          /^Warning: [^:]+: document 0: (items\[\d\])\.\S+: .+ \(([a-z-]+)\)$/.exec(line)?.slice(1),
        ),
    ).toEqual([
      ['items[0]', 'missing-memory-request'],
      ['items[0]', 'missing-memory-limit'],
      ['items[1]', 'missing-memory-request'],
      ['items[1]', 'missing-memory-limit'],
      undefined,
    ]);
    expect(run.code).toBe(0);
  });

  it('row 18: YAML 1.1 as Kubernetes reads it: << merges, and an unquoted yes is a boolean', () => {
    const file = fixture('row-18-yaml11.yaml');
    const run = analyze('-f', file);
    // The merge gives the sidecar app's 100m: the pod requests 200m.
    expect(run.stdout).toBe(
      kubectlTable([
        HEADERS,
        ['default', 'deployment/merged', '1', '200m', '<none>', '<none>', '<none>', 'Burstable', '<none>'],
      ]),
    );
    const lines = run.stderr.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.pop()).toMatch(
      new RegExp(
        `^error: ${file}: document 1: spec\\.template\\.spec\\.nodeSelector\\.gpu: cannot unmarshal bool into Go struct field PodSpec\\.spec\\.template\\.spec\\.nodeSelector of type string`,
      ),
    );
    expect(lines.every((line) => line.startsWith(`Warning: ${file}: document 0: `))).toBe(true);
    expect(run.code).toBe(1);
  });

  it('row 19: a document without a kind is an error; a Service, a CRD and a foreign Deployment are skipped', () => {
    const file = fixture('row-19-kind-missing.yaml');
    expect(analyze('-f', file)).toEqual({
      stdout: '',
      stderr: `error: ${file}: document 0: Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"nameless"}}'\n`,
      code: 1,
    });
  });
});

describe('row 24: node inventories', () => {
  const POD = '../ok/scoring/batch-runner.yaml';

  it('a node without allocatable is measured by its capacity', () => {
    const run = analyze('-f', POD, '--nodes', fixture('row-24-nodes-without-allocatable.json'), '-o', 'json');
    // batch-runner (1 CPU, 2Gi; prefers disktype=ssd, which neither node has) scores, by hand:
    //   node-a, capacity 4/16Gi: LeastAllocated (75+87)/2=81, Balanced (1-|.25-.125|/2)*100=93, 3x100 -> 474
    //   node-b, allocatable 3920m/15Gi: (74+86)/2=80, (1-|.2551-.1333|/2)*100=93, 3x100 -> 473
    const fit = JSON.parse(run.stdout).workloads[0].fit;
    expect(fit.nodes.map((v: { name: string; score: number }) => [v.name, v.score])).toEqual([
      ['node-a', 474],
      ['node-b', 473],
    ]);
    expect(fit.bestNodes).toEqual(['node-a', 'node-b']);
    expect(run.code).toBe(0);
  });

  it('a node with `cpu: "abc"` rejects the inventory, at its path', () => {
    const file = fixture('row-24-nodes-bad-quantity.json');
    expect(analyze('-f', POD, '--nodes', file)).toEqual({
      stdout: '',
      stderr: `error: ${file}: document 0: items[3].status.allocatable.cpu: invalid quantity "abc": ${REGEX_MESSAGE}\n`,
      code: 1,
    });
  });
});

describe('coverage of test/fixtures/bad', () => {
  it('has a test for every file', () => {
    expect(readdirSync(BAD_FIXTURES).filter((name) => !covered.has(name))).toEqual([]);
  });

  it('never prints a stack trace, with any output format', () => {
    for (const name of readdirSync(BAD_FIXTURES)) {
      for (const output of ['table', 'json', 'yaml', 'wide']) {
        const run = analyze('-f', name, '-o', output);
        expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
        expect(run.code === 0 || run.code === 1 || run.code === 2).toBe(true);
      }
    }
  });
});
