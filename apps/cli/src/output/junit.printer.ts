// `-o junit`: the analysis as a JUnit XML report for CI (GitLab `artifacts:reports:junit`, Jenkins, test
// report actions). One testsuite `podfit analyze`; one testcase per workload, which fails as exitCode() in
// analyze.command.ts counts a finding; one failing testcase per document that could not be read as a workload.
// Warnings go to the testcase's system-out, one stderr line each.
import { type Builder, type TestCase } from 'junit-report-builder';
import { type ManifestProblem } from '@podfit/manifests';
import { fitsAsNeeded, type AnalysisResult, type Problem, type WorkloadResult } from '@podfit/scheduling';
import { warningLine } from './diagnostics.printer';

export const JUNIT_SUITE_NAME = 'podfit analyze';

export interface JunitPrintOptions {
  /** Documents that could not be read as workloads (readWorkloads' `problems`). */
  readonly problems: readonly ManifestProblem[];
}

/** The `<failure type>` of a workload the API server would reject, or of an unreadable document. */
export const FAILURE_INVALID = 'invalid';
/** The `<failure type>` of a workload whose pods kube-scheduler would leave pending. */
export const FAILURE_UNSCHEDULABLE = 'unschedulable';

/**
 * Writes the report: workloads in input order, then the unreadable documents in input order; the XML
 * declaration, two-space indents, `\n`-terminated.
 */
export function printJunit(
  result: AnalysisResult,
  options: JunitPrintOptions,
  write: (text: string) => void,
): void {
  // A builder of its own: the package's default export is one report shared by every caller.
  const builder = loadJunitReportBuilder().newBuilder();
  const suite = builder.testSuite().name(JUNIT_SUITE_NAME);

  for (const workload of result.workloads) {
    const testCase = suite
      .testCase()
      .className(workload.source)
      .name(workloadTitle(workload))
      .file(workload.source);
    setPlace(testCase, workload.document, workload.line);
    const failure = workloadFailure(workload);
    if (failure !== null) setFailure(testCase, failure.type, failure.lines);
    const warnings = workload.warnings.map((warning) =>
      warningLine(workload.source, workload.document, warning),
    );
    if (warnings.length > 0) testCase.standardOutput(cdata(warnings.join('\n')));
  }

  for (const problems of byDocument(options.problems)) {
    const { file, document, line } = problems[0]!;
    const testCase = suite.testCase().className(file).name(`document ${document}`).file(file);
    setPlace(testCase, document, line);
    setFailure(testCase, FAILURE_INVALID, problems.map(problemLine));
  }

  write(`${builder.build()}\n`);
}

// Loaded on first use, from node_modules (the CLI bundle leaves it out): it is half the bundle's size, and
// every other command, `podfit --version` first, must start fast.
function loadJunitReportBuilder(): Builder {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('junit-report-builder') as Builder;
}

/** `Deployment storefront/web`: the workload as a testcase (and a markdown row) names it. */
export function workloadTitle(workload: Pick<WorkloadResult, 'kind' | 'namespace' | 'name'>): string {
  return `${workload.kind} ${workload.namespace}/${workload.name}`;
}

function workloadFailure(workload: WorkloadResult): { type: string; lines: string[] } | null {
  const errors = workload.errors ?? [];
  if (errors.length > 0) return { type: FAILURE_INVALID, lines: errors.map(problemLine) };
  if (fitsAsNeeded(workload)) return null;
  const fit = workload.fit!;
  return {
    type: FAILURE_UNSCHEDULABLE,
    lines: [fit.message ?? `${fit.feasibleNodes}/${fit.totalNodes} nodes can take its pod`],
  };
}

function setPlace(testCase: TestCase, document: number, line: number | undefined): void {
  testCase.property('document', String(document));
  if (line !== undefined) testCase.property('line', String(line));
}

// The message attribute carries the whole text (newlines escaped as `&#xA;`); the element's text repeats it,
// as that is what GitLab and Jenkins show.
function setFailure(testCase: TestCase, type: string, lines: readonly string[]): void {
  const message = lines.join('\n');
  testCase.failure(message, type).stacktrace(cdata(message));
}

/** `path: message`, as the stderr line has it after `file: document N: `. */
function problemLine(problem: Problem | ManifestProblem): string {
  if (problem.path !== '') return `${problem.path}: ${problem.message}`;
  const line = 'line' in problem ? problem.line : undefined;
  return line !== undefined ? `line ${line}: ${problem.message}` : problem.message;
}

function byDocument(problems: readonly ManifestProblem[]): ManifestProblem[][] {
  const groups = new Map<string, ManifestProblem[]>();
  for (const problem of problems) {
    const key = JSON.stringify([problem.file, problem.document]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [problem]);
    else group.push(problem);
  }
  return [...groups.values()];
}

// junit-report-builder 5.1.2 bundles xmlbuilder 15, whose cdata() splits only the first `]]>` of a text
// (String.prototype.replace with a string pattern); a second one would end the CDATA section early and
// break the XML. Split every later one here, the way the library splits the first.
function cdata(text: string): string {
  const end = text.indexOf(']]>') + ']]>'.length;
  if (end < ']]>'.length) return text;
  return text.slice(0, end) + text.slice(end).replaceAll(']]>', ']]]]><![CDATA[>');
}
