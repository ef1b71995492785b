// Rows from TestLabelSelectorAsSelector, k8s.io/apimachinery pkg/apis/meta/v1/helpers_test.go (its rows have
// no names; each is described here by its input), plus the matching rules of labels.Requirement.Matches.
import fc from 'fast-check';
import { type LabelSelector } from '../api/core-v1';
import {
  EVERYTHING,
  type Labels,
  labelSelectorAsSelector,
  mergeLabelKeys,
  NOTHING,
  selectorIsEmpty,
  selectorMatches,
} from './label-selector';

describe('TestLabelSelectorAsSelector', () => {
  const matchLabels = { foo: 'bar' };
  const matchExpressions = [{ key: 'baz', operator: 'In', values: ['qux', 'norf'] }];
  const samples: Labels[] = [{}, { foo: 'bar' }, { baz: 'qux' }, { foo: 'bar', baz: 'norf' }, { foo: 'baz', baz: 'qux' }];

  const cases: { name: string; in: LabelSelector | undefined; matches: boolean[] | 'error' }[] = [
    { name: 'nil: labels.Nothing()', in: undefined, matches: [false, false, false, false, false] },
    { name: 'empty: labels.Everything()', in: {}, matches: [true, true, true, true, true] },
    { name: 'matchLabels: foo=bar', in: { matchLabels }, matches: [false, true, false, true, false] },
    { name: 'matchExpressions: baz in (norf,qux)', in: { matchExpressions }, matches: [false, false, true, true, true] },
    { name: 'both: baz in (norf,qux),foo=bar', in: { matchLabels, matchExpressions }, matches: [false, false, false, true, false] },
    { name: 'Exists with values: error', in: { matchExpressions: [{ key: 'baz', operator: 'Exists', values: ['qux', 'norf'] }] }, matches: 'error' },
  ];

  it.each(cases)('$name', ({ in: selector, matches }) => {
    const result = labelSelectorAsSelector(selector);
    if (matches === 'error') {
      expect(result.error).toBe(
        'values: Invalid value: []string{"qux", "norf"}: values set must be empty for exists and does not exist',
      );
      return;
    }
    expect(samples.map((labels) => selectorMatches(result.selector!, labels))).toEqual(matches);
  });

  it('does not modify its input', () => {
    const input: LabelSelector = { matchLabels, matchExpressions };
    const copy = structuredClone(input);
    labelSelectorAsSelector(input);
    expect(input).toEqual(copy);
  });
});

describe('LabelSelectorAsSelector errors, worded as upstream', () => {
  it.each([
    {
      name: 'an unknown operator',
      in: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] },
      want: '"Gt" is not a valid label selector operator',
    },
    {
      name: 'In without values',
      in: { matchExpressions: [{ key: 'a', operator: 'In' }] },
      want: "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    },
    {
      name: 'an invalid key and an invalid value at once',
      in: { matchExpressions: [{ key: 'a/b/c', operator: 'In', values: ['-x'] }] },
      want:
        '[key: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\') with an optional DNS subdomain prefix and \'/\' (e.g. \'example.com/MyName\'), ' +
        'values[0][a/b/c]: Invalid value: "-x": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')]',
    },
    {
      name: 'a prefix that is not a DNS subdomain',
      in: { matchLabels: { 'Example.com/app': 'web' } },
      want:
        'key: Invalid value: "Example.com/app": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
    },
  ])('$name', ({ in: selector, want }) => {
    expect(labelSelectorAsSelector(selector as LabelSelector).error).toBe(want);
  });
});

describe('selectors', () => {
  it('tells Everything from Nothing (labels.Selector.Empty)', () => {
    expect(selectorIsEmpty(EVERYTHING)).toBe(true);
    expect(selectorIsEmpty(NOTHING)).toBe(false);
    expect(selectorIsEmpty(labelSelectorAsSelector({ matchLabels: { a: 'b' } }).selector!)).toBe(false);
  });

  it('reads no label off the prototype of a plain object', () => {
    const exists = labelSelectorAsSelector({ matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }).selector!;
    expect(selectorMatches(exists, {})).toBe(false);
    expect(selectorMatches(exists, { constructor: '' })).toBe(true);
  });

  it('leaves a nil selector nil when merging label keys (strategy.go: nil matches none)', () => {
    expect(mergeLabelKeys(undefined, { app: 'web' }, ['app'], ['app'])).toBeUndefined();
  });
});

const key = fc.constantFrom('a', 'b', 'c');
const value = fc.constantFrom('', 'x', 'y');
const labelsArb = fc.dictionary(key, value, { maxKeys: 3 });

describe('selector properties', () => {
  it('NotIn holds exactly when In does not, a missing key included', () => {
    fc.assert(
      fc.property(labelsArb, key, fc.array(value, { minLength: 1, maxLength: 3 }), (labels, k, values) => {
        const inSel = labelSelectorAsSelector({ matchExpressions: [{ key: k, operator: 'In', values }] }).selector!;
        const notInSel = labelSelectorAsSelector({ matchExpressions: [{ key: k, operator: 'NotIn', values }] }).selector!;
        expect(selectorMatches(notInSel, labels)).toBe(!selectorMatches(inSel, labels));
      }),
    );
  });

  it('matchLabels of a set matches exactly the label sets that contain it', () => {
    fc.assert(
      fc.property(labelsArb, labelsArb, (wanted, labels) => {
        const selector = labelSelectorAsSelector({ matchLabels: wanted }).selector!;
        const contains = Object.entries(wanted).every(([k, v]) => labels[k] === v);
        expect(selectorMatches(selector, labels)).toBe(contains);
      }),
    );
  });

  it('merging matchLabelKeys never changes whether the pod matches its own selector', () => {
    fc.assert(
      fc.property(labelsArb, labelsArb, fc.array(key, { maxLength: 3 }), (podLabels, wanted, keys) => {
        const original: LabelSelector = { matchLabels: wanted };
        const merged = mergeLabelKeys(original, podLabels, keys, undefined);
        expect(selectorMatches(labelSelectorAsSelector(merged).selector!, podLabels)).toBe(
          selectorMatches(labelSelectorAsSelector(original).selector!, podLabels),
        );
      }),
    );
  });
});
