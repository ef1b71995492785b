import { formatProblem, malformedInput, ManifestError } from './errors';

describe('formatProblem', () => {
  it.each([
    {
      name: 'a field problem names the path',
      problem: {
        file: 'deploy.yaml',
        document: 3,
        path: 'spec.template.spec.containers[1].resources.requests.cpu',
        message: 'invalid quantity "12x": quantities must match the regular expression',
      },
      want: 'deploy.yaml: document 3: spec.template.spec.containers[1].resources.requests.cpu: invalid quantity "12x": quantities must match the regular expression',
    },
    {
      name: 'a syntax problem names the line',
      problem: {
        file: 'a.yaml',
        document: 2,
        path: '',
        line: 7,
        column: 5,
        message: 'bad indentation of a mapping entry',
      },
      want: 'a.yaml: document 2: line 7: bad indentation of a mapping entry',
    },
    {
      name: 'a document problem names only the document',
      problem: { file: '<stdin>', document: 0, path: '', message: "Object 'Kind' is missing in '{}'" },
      want: "<stdin>: document 0: Object 'Kind' is missing in '{}'",
    },
  ])('$name', ({ problem, want }) => {
    expect(formatProblem(problem)).toBe(want);
  });
});

describe('ManifestError', () => {
  it('carries its code and problems, and reads as its first problem', () => {
    const error = malformedInput('x.yaml', 1, 'document contains excessive aliasing', { line: 4, column: 1 });
    expect(error).toBeInstanceOf(ManifestError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('malformed-input');
    expect(error.problems).toEqual([
      {
        file: 'x.yaml',
        document: 1,
        path: '',
        line: 4,
        column: 1,
        message: 'document contains excessive aliasing',
      },
    ]);
    expect(error.message).toBe('x.yaml: document 1: line 4: document contains excessive aliasing');
  });
});
