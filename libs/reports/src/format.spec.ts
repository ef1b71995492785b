import { countOf, formatCount, listInWords, truncate, truncateMiddle } from './format';

describe('format', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [5000, '5,000'],
    [1234567, '1,234,567'],
    [-12345, '-12,345'],
  ])('formatCount(%d) is %s', (value, want) => {
    expect(formatCount(value)).toBe(want);
  });

  it('counts with the right noun', () => {
    expect([countOf(1, 'node'), countOf(5000, 'node'), countOf(0, 'replica')]).toEqual([
      '1 node',
      '5,000 nodes',
      '0 replicas',
    ]);
  });

  it('truncates at the end or in the middle, by code points', () => {
    expect(truncate('abcdefgh', 5)).toBe('abcd…');
    expect(truncate('abc', 5)).toBe('abc');
    expect(truncateMiddle('ip-10-0-3-17.eu-west-1.compute.internal', 21)).toBe('ip-10-0-3-17…internal');
    expect(truncateMiddle('😀😀😀😀😀😀', 4)).toBe('😀😀…😀');
  });

  it('lists in words', () => {
    expect([listInWords([]), listInWords(['cpu']), listInWords(['cpu', 'memory', 'pods'])]).toEqual([
      '',
      'cpu',
      'cpu, memory and pods',
    ]);
  });
});
