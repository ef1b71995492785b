// Cases from k8s.io/apimachinery pkg/labels/selector_test.go (staging/src/k8s.io/apimachinery/pkg/labels in
// kubernetes/kubernetes): TestSelectorParse, TestDeterministicParse, TestSelectorMatches, TestLexer,
// TestLexerSequence, TestParserLookahead, TestToString (through Parse) and TestSetSelectorParser, inputs
// verbatim. The error messages asserted below are worked out by hand from selector.go, which upstream's
// tests do not pin; the properties at the end check parse, print and match against an independent model.
import fc from 'fast-check';
import {
  type Labels,
  LabelSelectorError,
  Lexer,
  parseLabelSelector,
  Parser,
  type SelectionOperator,
  type SelectorRequirement,
  type Token,
} from './label-selector';

function errorOf(text: string): LabelSelectorError {
  try {
    parseLabelSelector(text);
  } catch (error) {
    if (error instanceof LabelSelectorError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(text)} parsed`);
}

describe('TestSelectorParse', () => {
  const testGoodStrings = [
    'x=a,y=b,z=c',
    '',
    'x!=a,y=b',
    'x=',
    'x= ',
    'x=,z= ',
    'x= ,z= ',
    '!x',
    'x>1',
    'x>1,z<5',
  ];
  const testBadStrings = ['x=a||y=b', 'x==a==b', '!x=a', 'x<a'];

  it.each(testGoodStrings)('%j parses and prints back without its spaces', (test) => {
    expect(parseLabelSelector(test).toString()).toBe(test.replaceAll(' ', ''));
  });

  it.each(testBadStrings)('%j is rejected', (test) => {
    expect(() => parseLabelSelector(test)).toThrow(LabelSelectorError);
  });
});

describe('TestDeterministicParse', () => {
  it('prints x=a,a=x and a=x,x=a alike', () => {
    expect(parseLabelSelector('x=a,a=x').toString()).toBe(parseLabelSelector('a=x,x=a').toString());
    expect(parseLabelSelector('x=a,a=x').toString()).toBe('a=x,x=a');
  });
});

describe('TestSelectorMatches', () => {
  const labelset = { foo: 'bar', baz: 'blah' };
  const expectMatch: [string, Labels][] = [
    ['', { x: 'y' }],
    ['x=y', { x: 'y' }],
    ['x=y,z=w', { x: 'y', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'a' }],
    ['notin=in', { notin: 'in' }], // in and notin in exactMatch
    ['x', { x: 'z' }],
    ['!x', { y: 'z' }],
    ['x>1', { x: '2' }],
    ['x<1', { x: '0' }],
    ['foo=bar', labelset],
    ['baz=blah', labelset],
    ['foo=bar,baz=blah', labelset],
  ];
  const expectNoMatch: [string, Labels][] = [
    ['x=z', {}],
    ['x=y', { x: 'z' }],
    ['x=y,z=w', { x: 'w', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'w' }],
    ['x', { y: 'z' }],
    ['!x', { x: 'z' }],
    ['x>1', { x: '0' }],
    ['x<1', { x: '2' }],
    ['foo=blah', labelset],
    ['baz=bar', labelset],
    ['foo=bar,foobar=bar,baz=blah', labelset],
  ];

  it.each(expectMatch)('expectMatch(%j, %j)', (selector, labels) => {
    expect(parseLabelSelector(selector).matches(labels)).toBe(true);
  });

  it.each(expectNoMatch)('expectNoMatch(%j, %j)', (selector, labels) => {
    expect(parseLabelSelector(selector).matches(labels)).toBe(false);
  });
});

describe('TestLexer', () => {
  const testcases: [string, Token][] = [
    ['', 'EndOfStringToken'],
    [',', 'CommaToken'],
    ['notin', 'NotInToken'],
    ['in', 'InToken'],
    ['=', 'EqualsToken'],
    ['==', 'DoubleEqualsToken'],
    ['>', 'GreaterThanToken'],
    ['<', 'LessThanToken'],
    // Note that Lex returns the longest valid token found
    ['!', 'DoesNotExistToken'],
    ['!=', 'NotEqualsToken'],
    ['(', 'OpenParToken'],
    [')', 'ClosedParToken'],
    // Non-"special" characters are considered part of an identifier
    ['~', 'IdentifierToken'],
    ['||', 'IdentifierToken'],
  ];

  it.each(testcases)('%j is %s', (s, t) => {
    expect(new Lexer(s).lex()).toEqual({ tok: t, literal: s });
  });
});

const sequences: [string, Token[]][] = [
  ['key in ( value )', ['IdentifierToken', 'InToken', 'OpenParToken', 'IdentifierToken', 'ClosedParToken']],
  [
    'key notin ( value )',
    ['IdentifierToken', 'NotInToken', 'OpenParToken', 'IdentifierToken', 'ClosedParToken'],
  ],
  [
    'key in ( value1, value2 )',
    [
      'IdentifierToken',
      'InToken',
      'OpenParToken',
      'IdentifierToken',
      'CommaToken',
      'IdentifierToken',
      'ClosedParToken',
    ],
  ],
  ['key', ['IdentifierToken']],
  ['!key', ['DoesNotExistToken', 'IdentifierToken']],
  ['()', ['OpenParToken', 'ClosedParToken']],
  [
    'x in (),y',
    ['IdentifierToken', 'InToken', 'OpenParToken', 'ClosedParToken', 'CommaToken', 'IdentifierToken'],
  ],
  [
    '== != (), = notin',
    [
      'DoubleEqualsToken',
      'NotEqualsToken',
      'OpenParToken',
      'ClosedParToken',
      'CommaToken',
      'EqualsToken',
      'NotInToken',
    ],
  ],
  ['key>2', ['IdentifierToken', 'GreaterThanToken', 'IdentifierToken']],
  ['key<1', ['IdentifierToken', 'LessThanToken', 'IdentifierToken']],
];

describe('TestLexerSequence', () => {
  it.each(sequences)('%j', (s, t) => {
    const lexer = new Lexer(s);
    const tokens: Token[] = [];
    for (let item = lexer.lex(); item.tok !== 'EndOfStringToken'; item = lexer.lex()) tokens.push(item.tok);
    expect(tokens).toEqual(t);
  });
});

describe('TestParserLookahead', () => {
  const testcases: [string, Token[]][] = [
    ...sequences.slice(0, 6).map(([s, t]): [string, Token[]] => [s, [...t, 'EndOfStringToken']]),
    ['', ['EndOfStringToken']],
    ...sequences.slice(6).map(([s, t]): [string, Token[]] => [s, [...t, 'EndOfStringToken']]),
  ];

  it.each(testcases)('%j', (s, t) => {
    const parser = new Parser(new Lexer(s));
    expect(parser.scan().map((item) => item.tok)).toEqual(t);
    for (;;) {
      const ahead = parser.lookahead('KeyAndOperator');
      const consumed = parser.consume('KeyAndOperator');
      if (ahead.tok === 'EndOfStringToken') break;
      expect(consumed).toEqual(ahead);
    }
  });
});

describe('TestToString', () => {
  it.each([
    'x in (abc,def),y notin (jkl),z',
    'x notin (abc,def),y!=jkl,!z',
    'x notin (abc),y in (jkl,mno),z notin ()',
    'x=abc,y==jkl,z!=a,z',
    'x>2,y<8,z',
  ])('%j prints as it reads', (out) => {
    expect(parseLabelSelector(out).toString()).toBe(out);
  });
});

const req = (key: string, operator: SelectionOperator, values: string[] = []): SelectorRequirement => ({
  key,
  operator,
  values,
});

describe('TestSetSelectorParser', () => {
  // [In, Out (requirements, sorted by key), Match, Valid]
  const setSelectorParserTests: [string, SelectorRequirement[] | null, boolean, boolean][] = [
    ['', [], true, true],
    ['\rx', [req('x', 'exists')], true, true],
    [
      'this-is-a-dns.domain.com/key-with-dash',
      [req('this-is-a-dns.domain.com/key-with-dash', 'exists')],
      true,
      true,
    ],
    [
      'this-is-another-dns.domain.com/key-with-dash in (so,what)',
      [req('this-is-another-dns.domain.com/key-with-dash', 'in', ['so', 'what'])],
      true,
      true,
    ],
    [
      '0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)',
      [req('0.1.2.domain/99', 'notin', ['10.10.100.1', 'tick.tack.clock'])],
      true,
      true,
    ],
    ['foo  in\t (abc)', [req('foo', 'in', ['abc'])], true, true],
    ['x notin\n (abc)', [req('x', 'notin', ['abc'])], true, true],
    ['x  notin\t\t\t(abc,def)', [req('x', 'notin', ['abc', 'def'])], true, true],
    ['x in (abc,def)', [req('x', 'in', ['abc', 'def'])], true, true],
    ['x in (abc,)', [req('x', 'in', ['', 'abc'])], true, true],
    ['x in ()', [req('x', 'in', [''])], true, true],
    [
      'x notin (abc,,def),bar,z in (),w',
      [req('bar', 'exists'), req('w', 'exists'), req('x', 'notin', ['', 'abc', 'def']), req('z', 'in', [''])],
      true,
      true,
    ],
    ['x,y in (a)', [req('y', 'in', ['a']), req('x', 'exists')], false, true],
    ['x=a', [req('x', '=', ['a'])], true, true],
    ['x>1', [req('x', 'gt', ['1'])], true, true],
    ['x<7', [req('x', 'lt', ['7'])], true, true],
    ['x=a,y!=b', [req('x', '=', ['a']), req('y', '!=', ['b'])], true, true],
    [
      'x=a,y!=b,z in (h,i,j)',
      [req('x', '=', ['a']), req('y', '!=', ['b']), req('z', 'in', ['h', 'i', 'j'])],
      true,
      true,
    ],
    ['x=a||y=b', [], false, false],
    ['x,,y', null, true, false],
    [',x,y', null, true, false],
    ['x nott in (y)', null, true, false],
    ['x notin ( )', [req('x', 'notin', [''])], true, true],
    ['x notin (, a)', [req('x', 'notin', ['', 'a'])], true, true],
    ['a in (xyz),', null, true, false],
    ['a in (xyz)b notin ()', null, true, false],
    ['a ', [req('a', 'exists')], true, true],
    ['a in (x,y,notin, z,in)', [req('a', 'in', ['in', 'notin', 'x', 'y', 'z'])], true, true], // operator 'in' inside list of identifiers
    ['a in (xyz abc)', null, false, false], // no comma
    ['a notin(', null, true, false], // bad formed
    ['a (', null, false, false], // cpar
    ['(', null, false, false], // opar
  ];

  it.each(setSelectorParserTests)('%j', (input, out, match, valid) => {
    if (!valid) {
      expect(() => parseLabelSelector(input)).toThrow(LabelSelectorError);
      return;
    }
    const selector = parseLabelSelector(input);
    if (match) expect(selector.requirements).toEqual(out);
    else expect(selector.requirements).not.toEqual(out);
  });
});

describe('Parse errors, worded as upstream', () => {
  const valueRule =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  const keyRule =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  const notInteger = "for 'Gt', 'Lt' operators, the value must be an integer";

  it.each([
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${valueRule}`],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": ${notInteger}`],
    ['x,,y', "found ',', expected: identifier after ','"],
    [',x,y', "found ',', expected: !, identifier, or 'end of string'"],
    ['x nott in (y)', "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in (xyz),', "found '', expected: identifier after ','"],
    ['a in (xyz)b notin ()', "found 'b', expected: ',' or 'end of string'"],
    ['a in (xyz abc)', "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ['a notin(', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a (', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['x in in', "unable to parse requirement: found 'in' expected: '('"],
    ['x in (a,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['x=(', "unable to parse requirement: found '(', expected: identifier"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['x>', `unable to parse requirement: values[0]: Invalid value: "": ${notInteger}`],
    [
      'x>99999999999999999999',
      `unable to parse requirement: values[0]: Invalid value: "99999999999999999999": ${notInteger}`,
    ],
    [
      'x>a-',
      `unable to parse requirement: [values[0]: Invalid value: "a-": ${notInteger}, values[0][x]: Invalid value: "a-": ${valueRule}]`,
    ],
    // Values are sorted before they are checked, so "-a" is values[0].
    ['x in (b,-a)', `unable to parse requirement: values[0][x]: Invalid value: "-a": ${valueRule}`],
    [
      'x=' + 'v'.repeat(64),
      `unable to parse requirement: values[0][x]: Invalid value: "${'v'.repeat(64)}": must be no more than 63 bytes`,
    ],
    // Lengths are UTF-8 bytes, as Go's len: 32 × é is 64 bytes.
    [
      'x=' + 'é'.repeat(32),
      `unable to parse requirement: values[0][x]: Invalid value: "${'é'.repeat(32)}": must be no more than 63 bytes; ${valueRule}`,
    ],
    // The key is checked as it is read, with Parse's nil field path.
    ['-x', `unable to parse requirement: <nil>: Invalid value: "-x": name part ${keyRule}`],
    ['a\u0001=b', `unable to parse requirement: <nil>: Invalid value: "a\\x01": name part ${keyRule}`],
    [
      'a/b/c',
      `unable to parse requirement: <nil>: Invalid value: "a/b/c": a valid label key ${keyRule} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
    ['/a', 'unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty'],
    [
      'Example.com/app=web',
      "unable to parse requirement: <nil>: Invalid value: \"Example.com/app\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ],
    [
      'k'.repeat(64),
      `unable to parse requirement: <nil>: Invalid value: "${'k'.repeat(64)}": name part must be no more than 63 bytes`,
    ],
    [
      'a/',
      `unable to parse requirement: <nil>: Invalid value: "a/": name part must be non-empty; name part ${keyRule}`,
    ],
  ])('%j: %s', (input, message) => {
    expect(errorOf(input).message).toBe(message);
  });

  it('throws a typed error carrying the selector and a stable code', () => {
    const error = errorOf('x==a==b');
    expect(error).toBeInstanceOf(LabelSelectorError);
    expect(error).toMatchObject({
      name: 'LabelSelectorError',
      code: 'invalid-label-selector',
      selector: 'x==a==b',
    });
  });
});

describe('parseLabelSelector', () => {
  it('selects everything with an empty or blank selector', () => {
    for (const text of ['', ' ', '\t\r\n']) {
      const selector = parseLabelSelector(text);
      expect(selector.requirements).toEqual([]);
      expect(selector.toString()).toBe('');
      expect(selector.matches(undefined)).toBe(true);
      expect(selector.matches({ a: 'b' })).toBe(true);
    }
  });

  it('accepts consecutive commas before ) as empty values (kubernetes PR #133419)', () => {
    expect(parseLabelSelector('x in (a,,)').requirements).toEqual([req('x', 'in', ['', 'a'])]);
    expect(parseLabelSelector('x in (a,,)').toString()).toBe('x in (,a)');
  });

  it('reads a NUL as the end of the text, as the lexer does', () => {
    expect(parseLabelSelector('a \u0000,b').toString()).toBe('a');
  });

  it('sorts values byte-wise and keeps requirements on one key in input order', () => {
    expect(parseLabelSelector('b,a notin (z,y,y),a').toString()).toBe('a notin (y,z),a,b');
  });

  it('compares gt and lt as int64, a label that is no integer matching neither', () => {
    const gt = parseLabelSelector('x>1');
    const lt = parseLabelSelector('x<1');
    const samples: Labels[] = [
      { x: '+4' },
      { x: '007' },
      { x: '-3' },
      { x: '4.0' },
      { x: '99999999999999999999' },
      {},
    ];
    expect(samples.map((l) => gt.matches(l))).toEqual([true, true, false, false, false, false]);
    expect(
      [{ x: '-3' }, { x: '-9223372036854775808' }, { x: '-9223372036854775809' }, { x: '1' }].map((l) =>
        lt.matches(l),
      ),
    ).toEqual([true, true, false, false]);
  });

  it('reads no label off the prototype of a plain object', () => {
    expect(parseLabelSelector('constructor').matches({})).toBe(false);
    expect(parseLabelSelector('!constructor').matches({})).toBe(true);
    expect(parseLabelSelector('constructor').matches({ constructor: '' })).toBe(true);
  });
});

// --- Properties -----------------------------------------------------------------------------------------

type Model = { key: string; operator: SelectionOperator; values: readonly string[] };

const keyArb = fc.constantFrom('a', 'b', 'in', 'notin', 'example.com/c');
const valueArb = fc.constantFrom('', 'x', 'y', 'in', '1', '10');
const integerArb = fc.constantFrom('0', '1', '10', '007');
const modelArb: fc.Arbitrary<Model> = fc.oneof(
  fc.record({
    key: keyArb,
    operator: fc.constantFrom<SelectionOperator>('exists', '!'),
    values: fc.constant([]),
  }),
  fc.record({
    key: keyArb,
    operator: fc.constantFrom<SelectionOperator>('=', '==', '!='),
    values: valueArb.map((v) => [v]),
  }),
  fc.record({
    key: keyArb,
    operator: fc.constantFrom<SelectionOperator>('in', 'notin'),
    values: fc.array(valueArb, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    key: keyArb,
    operator: fc.constantFrom<SelectionOperator>('gt', 'lt'),
    values: integerArb.map((v) => [v]),
  }),
);
const selectorArb = fc.array(modelArb, { maxLength: 4 });
const spaceArb = fc.constantFrom('', ' ', '\t', ' \n ');
const labelsArb = fc.dictionary(
  keyArb,
  fc.constantFrom('', 'x', 'y', 'in', '1', '10', '7', '-3', '+4', 'z'),
  {
    maxKeys: 4,
  },
);

// Writes a requirement the way a user might, with `space` around every token.
function render(model: Model, space: string): string {
  const { key, operator, values } = model;
  switch (operator) {
    case 'exists':
      return `${space}${key}${space}`;
    case '!':
      return `${space}!${space}${key}${space}`;
    case 'in':
    case 'notin':
      return `${space}${key} ${space}${operator}${space}(${space}${values.join(`${space},${space}`)}${space})${space}`;
    case 'gt':
    case 'lt':
      return `${space}${key}${space}${operator === 'gt' ? '>' : '<'}${space}${values[0]}${space}`;
    default:
      return `${space}${key}${space}${operator}${space}${values[0]}${space}`;
  }
}

// The meaning of a requirement, written from the Parse grammar rather than from the code under test.
function holds(model: Model, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, model.key);
  const value = labels[model.key]!;
  switch (model.operator) {
    case 'exists':
      return has;
    case '!':
      return !has;
    case '=':
    case '==':
    case 'in':
      return has && model.values.includes(value);
    case '!=':
    case 'notin':
      return !has || !model.values.includes(value);
    case 'gt':
    case 'lt': {
      if (!has || !/^[+-]?\d+$/.test(value)) return false;
      const difference = BigInt(value) - BigInt(model.values[0]!);
      return model.operator === 'gt' ? difference > 0n : difference < 0n;
    }
  }
}

describe('selector properties', () => {
  it('a parsed selector matches exactly the label sets every written requirement holds for', () => {
    fc.assert(
      fc.property(selectorArb, spaceArb, labelsArb, (models, space, labels) => {
        const selector = parseLabelSelector(models.map((m) => render(m, space)).join(','));
        expect(selector.matches(labels)).toBe(models.every((m) => holds(m, labels)));
      }),
    );
  });

  it('toString() parses back to a selector that prints the same and agrees on any labels', () => {
    fc.assert(
      fc.property(selectorArb, spaceArb, fc.array(labelsArb, { maxLength: 5 }), (models, space, samples) => {
        const selector = parseLabelSelector(models.map((m) => render(m, space)).join(','));
        const reparsed = parseLabelSelector(selector.toString());
        expect(reparsed.toString()).toBe(selector.toString());
        expect(reparsed.requirements).toEqual(selector.requirements);
        for (const labels of samples) expect(reparsed.matches(labels)).toBe(selector.matches(labels));
      }),
    );
  });

  it('whitespace around tokens does not change the canonical form', () => {
    fc.assert(
      fc.property(selectorArb, spaceArb, (models, space) => {
        const spaced = models.map((m) => render(m, space)).join(',');
        const tight = models.map((m) => render(m, '')).join(',');
        expect(parseLabelSelector(spaced).toString()).toBe(parseLabelSelector(tight).toString());
      }),
    );
  });

  it('any text either parses or throws a LabelSelectorError', () => {
    const unit = fc.constantFrom(
      'a',
      'b',
      '1',
      '-',
      '.',
      '/',
      ' ',
      ',',
      '=',
      '!',
      '(',
      ')',
      '<',
      '>',
      'in',
      'notin',
      '\t',
      'é',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), (text) => {
        try {
          const selector = parseLabelSelector(text);
          expect(parseLabelSelector(selector.toString()).toString()).toBe(selector.toString());
        } catch (error) {
          expect(error).toBeInstanceOf(LabelSelectorError);
        }
      }),
    );
  });
});
