import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_NESTING, NESTING_TOO_DEEP, parseDocuments, type SourceText } from './documents';
import { ManifestError, type ManifestProblem } from './errors';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'bad');
const fixture = (name: string): SourceText => ({ name, content: readFileSync(join(FIXTURES, name)) });

function documents(content: string | Uint8Array, name = 'm.yaml') {
  return parseDocuments({ name, content }).map(({ index, line, value }) => ({ index, line, value }));
}

function malformed(source: SourceText): ManifestProblem {
  try {
    parseDocuments(source);
  } catch (error) {
    if (error instanceof ManifestError && error.code === 'malformed-input' && error.problems.length === 1) {
      return error.problems[0]!;
    }
    throw error;
  }
  throw new Error(`${source.name} was read`);
}

describe('documents: splitting as apimachinery YAMLReader, numbering among non-empty documents', () => {
  it('splits on lines that start with ---, and lets a comment follow the marker', () => {
    expect(documents('a: 1\n---\nb: 2\n--- # two\nc: 3\n---   \nd: 4')).toEqual([
      { index: 0, line: 1, value: { a: 1 } },
      { index: 1, line: 3, value: { b: 2 } },
      { index: 2, line: 5, value: { c: 3 } },
      { index: 3, line: 7, value: { d: 4 } },
    ]);
  });

  it('skips and does not count empty, comment-only and null documents; a leading --- and a trailing ... are fine', () => {
    expect(
      documents('---\n\n---\n# only a comment\n---\nnull\n---\n~\n---\na: 1\n...\n---\n---\nb: 2\n'),
    ).toEqual([
      { index: 0, line: 10, value: { a: 1 } },
      { index: 1, line: 14, value: { b: 2 } },
    ]);
  });

  it('starts a document at its content, after comments and blank lines', () => {
    expect(documents('# header\n\n  # more\napiVersion: v1\n')).toEqual([
      { index: 0, line: 4, value: { apiVersion: 'v1' } },
    ]);
  });

  it('reads CRLF line ends', () => {
    expect(documents('a: 1\r\n---\r\nb: 2\r\n')).toEqual([
      { index: 0, line: 1, value: { a: 1 } },
      { index: 1, line: 3, value: { b: 2 } },
    ]);
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(documents(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a: 1')]))).toEqual([
      { index: 0, line: 1, value: { a: 1 } },
    ]);
    expect(documents('\ufeffa: 1')).toEqual([{ index: 0, line: 1, value: { a: 1 } }]);
  });

  it('reads text that starts with { or [ as a stream of JSON values', () => {
    expect(documents('\n  {"a": 1}\n{"b":\n 2}\nnull', 'm.json')).toEqual([
      { index: 0, line: 2, value: { a: 1 } },
      { index: 1, line: 3, value: { b: 2 } },
    ]);
  });

  it('keeps big JSON integers exact', () => {
    expect(documents('{"memory": 9007199254740993}')).toEqual([
      { index: 0, line: 1, value: { memory: 9007199254740993n } },
    ]);
  });

  it('finds the start lines of a List’s items, in YAML and in JSON', () => {
    const yaml = parseDocuments({
      name: 'l.yaml',
      content: 'kind: List\nmetadata:\n  items: [9]\nitems:\n- a: 1\n\n- {b: 2}\n- c',
    });
    expect(yaml[0]!.itemLines()).toEqual([5, 7, 8]);
    const json = parseDocuments({
      name: 'l.json',
      content: '{"kind": "List",\n "items": [\n  {"a": 1},\n  {"b": 2}]}',
    });
    expect(json[0]!.itemLines()).toEqual([3, 4]);
  });

  it('tells whether a document may repeat a key (per file when read in one pass)', () => {
    expect(
      parseDocuments({ name: 'd.yaml', content: 'a: 1\n---\nb: 1\nc: 2' }).map((d) => d.hasDuplicates),
    ).toEqual([false, false]);
    expect(parseDocuments({ name: 'd.yaml', content: 'a: 1\n---\nb: 1\nb: 2' })[1]!.hasDuplicates).toBe(true);
  });

  it('splits as YAMLReader where js-yaml alone would not: `...` followed by more, %directives, `---#`', () => {
    expect(documents('a: 1\n...\n---\nb: 2\n')).toEqual([
      { index: 0, line: 1, value: { a: 1 } },
      { index: 1, line: 4, value: { b: 2 } },
    ]);
    expect(documents('a: 1\n---#comment\nb: 2\n')).toEqual([
      { index: 0, line: 1, value: { a: 1 } },
      { index: 1, line: 3, value: { b: 2 } },
    ]);
    expect(malformed({ name: 'v.yaml', content: '%YAML 1.1\n---\na: 1\n' })).toEqual({
      file: 'v.yaml',
      document: 0,
      path: '',
      line: 2,
      column: 1,
      message: 'directives end mark is expected',
    });
  });
});

describe('documents: malformed input (RELIABILITY.md section 8)', () => {
  const problem = (
    file: string,
    document: number,
    line: number,
    column: number,
    message: string,
  ): ManifestProblem => ({
    file,
    document,
    path: '',
    line,
    column,
    message,
  });

  it('row 3: a YAML syntax error in document 3 of 5 names document 2 and the line', () => {
    expect(malformed(fixture('row-03-yaml-syntax-error.yaml'))).toEqual(
      problem('row-03-yaml-syntax-error.yaml', 2, 31, 7, 'bad indentation of a mapping entry'),
    );
  });

  it('row 4: tab indentation', () => {
    expect(malformed(fixture('row-04-tab-indentation.yaml'))).toEqual(
      problem('row-04-tab-indentation.yaml', 0, 7, 1, 'tab characters must not be used in indentation'),
    );
  });

  it('row 4: `--- foo` as a separator, worded as apimachinery words it', () => {
    expect(malformed(fixture('row-04-invalid-separator.yaml'))).toEqual(
      problem('row-04-invalid-separator.yaml', 1, 35, 5, 'invalid Yaml document separator: foo'),
    );
    expect(malformed({ name: 's.yaml', content: 'a: 1\n----\n' })).toEqual(
      problem('s.yaml', 0, 2, 4, 'invalid Yaml document separator: -'),
    );
  });

  it('row 5: the #83253 ConfigMap bomb after a Deployment', () => {
    expect(malformed(fixture('row-05-configmap-bomb.yaml'))).toEqual(
      problem('row-05-configmap-bomb.yaml', 1, 19, 1, 'document contains excessive aliasing'),
    );
  }, 1000);

  it('row 6: a doubling bomb of 60 aliases', () => {
    expect(malformed(fixture('row-06-doubling-bomb.yaml'))).toEqual(
      problem('row-06-doubling-bomb.yaml', 0, 2, 1, 'document contains excessive aliasing'),
    );
  }, 1000);

  it('reads a document whose aliases expand to little', () => {
    const text = `base: &r {cpu: 100m}\nc: [${Array.from({ length: 200 }, () => '*r').join(', ')}]`;
    expect(documents(text)[0]!.value['c']).toHaveLength(200);
  });

  it('row 7: 10,000 levels of [', () => {
    expect(malformed(fixture('row-07-deep-brackets.json'))).toEqual(
      problem('row-07-deep-brackets.json', 0, 1, MAX_NESTING + 1, NESTING_TOO_DEEP),
    );
    expect(NESTING_TOO_DEEP).toBe('nesting too deep: more than 500 levels');
  }, 1000);

  it('row 7: a 5,000-level block mapping', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(malformed({ name: 'deep.yaml', content: text })).toEqual(
      problem('deep.yaml', 0, 500, 500, NESTING_TOO_DEEP),
    );
    expect(malformed(fixture('row-07-deep-block-mapping.yaml'))).toEqual(
      problem('row-07-deep-block-mapping.yaml', 0, 500, 500, NESTING_TOO_DEEP),
    );
  }, 1000);

  it('row 7: 3 MB of {"": in JSON', () => {
    expect(malformed({ name: 'deep.json', content: '{"":'.repeat((3 * 2 ** 20) / 4) })).toEqual(
      problem('deep.json', 0, 1, 4 * MAX_NESTING + 1, NESTING_TOO_DEEP),
    );
    expect(malformed(fixture('row-07-deep-json-objects.json'))).toEqual(
      problem('row-07-deep-json-objects.json', 0, 1, 4 * MAX_NESTING + 1, NESTING_TOO_DEEP),
    );
  }, 1000);

  it('row 7: deep valid JSON is rejected too, never a RangeError', () => {
    const text = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    expect(malformed({ name: 'deep.json', content: text })).toEqual(
      problem('deep.json', 0, 1, MAX_NESTING + 1, NESTING_TOO_DEEP),
    );
  });

  it('row 15: PNG bytes', () => {
    expect(malformed(fixture('row-15-png.yaml'))).toEqual(
      problem('row-15-png.yaml', 0, 1, 1, 'input is not UTF-8 text: invalid byte 0x89'),
    );
  });

  it('row 15: a NUL character', () => {
    expect(malformed(fixture('row-15-nul.yaml'))).toEqual(
      problem('row-15-nul.yaml', 0, 6, 7, 'null byte is not allowed in input'),
    );
  });

  it('row 15: invalid UTF-8', () => {
    expect(malformed(fixture('row-15-invalid-utf8.yaml'))).toEqual(
      problem('row-15-invalid-utf8.yaml', 0, 4, 12, 'input is not UTF-8 text: invalid byte 0xe9'),
    );
  });

  it('row 15: a 3 MB single-line string', () => {
    const expected = 'cannot unmarshal string into Go value of type map[string]interface {}';
    expect(malformed({ name: 'line.yaml', content: 'x'.repeat(3 * 2 ** 20) })).toEqual(
      problem('line.yaml', 0, 1, 1, expected),
    );
    expect(malformed({ name: 'line.yaml', content: `"${'x'.repeat(3 * 2 ** 20)}"` })).toEqual(
      problem('line.yaml', 0, 1, 1, expected),
    );
  }, 1000);

  it('rejects a document that is a list, not an object', () => {
    expect(malformed({ name: 'l.yaml', content: 'a: 1\n---\n- a\n- b' })).toEqual(
      problem('l.yaml', 1, 3, 1, 'cannot unmarshal array into Go value of type map[string]interface {}'),
    );
  });

  it('rejects .inf and .nan, which JSON cannot carry', () => {
    expect(malformed({ name: 'i.yaml', content: 'spec:\n  cpu: .inf' })).toEqual(
      problem('i.yaml', 0, 1, 1, "json: unsupported value: +Inf (YAML's .inf and .nan have no JSON form)"),
    );
  });

  it('reports JSON syntax errors as Go words them, with line and column', () => {
    expect(malformed({ name: 'p.json', content: '{"a": 1}\n{"b":\n  2,}' })).toEqual(
      problem('p.json', 1, 3, 5, "invalid character '}' looking for beginning of object key string"),
    );
  });

  it('reports an undefined alias, at its name', () => {
    expect(malformed({ name: 'a.yaml', content: 'a: *x' })).toEqual(
      problem('a.yaml', 0, 1, 5, 'unidentified alias "x"'),
    );
  });
});

describe('documents: one pass or chunk by chunk', () => {
  it('reads the same documents either way (a trailing `...` line makes the reader go chunk by chunk)', () => {
    const document = fc.constantFrom(
      'a: 1',
      '',
      '# comment',
      'null',
      'kind: List\nitems:\n- {a: 1}\n-   b: 2',
      'x: &a {p: 1}\ny: *a\nz: {<<: *a, q: 2}',
      'k: yes\nk: no',
      'big: 9007199254740993',
      '  nested:\n    deep: [1, 2, {c: d}]',
    );
    fc.assert(
      fc.property(
        fc.array(document, { maxLength: 6 }),
        fc.constantFrom('---', '--- # sep', '---   '),
        (docs, separator) => {
          const text = docs.join(`\n${separator}\n`);
          const read = (t: string) =>
            parseDocuments({ name: 'p.yaml', content: t }).map((d) => ({
              index: d.index,
              line: d.line,
              value: d.value,
              items: d.itemLines(),
            }));
          expect(read(`${text}\n...\n`)).toEqual(read(text));
        },
      ),
    );
  });
});

describe('documents: any input', () => {
  const readsOrRejects = (content: string | Uint8Array) => {
    try {
      parseDocuments({ name: 'f', content });
    } catch (error) {
      expect(error).toBeInstanceOf(ManifestError);
      expect((error as ManifestError).code).toBe('malformed-input');
    }
  };

  it('is read, or rejected with one malformed-input problem: bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), readsOrRejects));
  });

  it('is read, or rejected with one malformed-input problem: YAML-ish text', () => {
    const token = fc.constantFrom(
      '---',
      '\n',
      ' ',
      '- ',
      ': ',
      'a',
      '&x',
      '*x',
      '<<',
      '[',
      ']',
      '{',
      '}',
      ',',
      '"',
      "'",
      '#',
      '|',
      '>',
      '\t',
      '...',
      'yes',
      '0x1F',
      '1e3',
      '~',
      '!t',
      '%YAML 1.1',
    );
    fc.assert(fc.property(fc.array(token, { maxLength: 40 }), (tokens) => readsOrRejects(tokens.join(''))));
  });
});
