// Exact prices: costs worked out by hand, never through a double.
import fc from 'fast-check';
import { compareHourlyCosts, hourlyCost, isHourlyPrice } from './hourly-price';

describe('isHourlyPrice', () => {
  it.each(['0', '12', '0.192', '1.10', '007.5', '123456789012345678901234567890.000000001'])(
    'takes %j',
    (text) => expect(isHourlyPrice(text)).toBe(true),
  );
  it.each(['', '.5', '5.', '-1', '+1', '1e3', ' 1', '1 ', '1.2.3', '1,5', '0x10', 'NaN', 'Infinity'])(
    'rejects %j',
    (text) => expect(isHourlyPrice(text)).toBe(false),
  );
});

describe('hourlyCost', () => {
  it.each([
    ['0.192', 3, '0.576'],
    ['1.10', 2, '2.20'],
    ['0.192', 0, '0.000'],
    ['12', 4, '48'],
    ['0', 7, '0'],
    ['0.1', 3, '0.3'],
    ['0.005', 2, '0.010'],
    ['0.0001', 1, '0.0001'],
    ['007.5', 1, '7.5'],
    ['0.192', 50, '9.600'],
    ['99999999999999999.99', 3, '299999999999999999.97'],
    ['0.01', 9007199254740991, '90071992547409.91'],
  ])('%s × %d = %s', (price, nodes, cost) => {
    expect(hourlyCost(price, nodes)).toBe(cost);
  });

  it('throws on an invalid price or count', () => {
    expect(() => hourlyCost('-1', 1)).toThrow('hourlyCost: invalid price "-1"');
    expect(() => hourlyCost('1', -1)).toThrow('hourlyCost: invalid node count -1');
    expect(() => hourlyCost('1', 1.5)).toThrow('hourlyCost: invalid node count 1.5');
  });

  it('is the sum of the price taken n times', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10 ** 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.nat({ max: 60 }),
        (units, scale, nodes) => {
          const price = (units / 10 ** scale).toFixed(scale);
          let sum = '0';
          for (let i = 0; i < nodes; i++) sum = addDecimals(sum, price);
          expect(compareHourlyCosts(hourlyCost(price, nodes), sum)).toBe(0);
          expect(hourlyCost(price, nodes).split('.')[1]?.length ?? 0).toBe(scale);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('compareHourlyCosts', () => {
  it.each([
    ['0.50', '0.5', 0],
    ['0.576', '1.0', -1],
    ['2', '1.999', 1],
    ['0', '0.000', 0],
    ['10', '9.99', 1],
  ])('%s vs %s is %d', (a, b, order) => {
    expect(compareHourlyCosts(a, b)).toBe(order);
  });

  it('throws on text that is not a decimal', () => {
    expect(() => compareHourlyCosts('1', 'x')).toThrow('compareHourlyCosts: invalid decimal "x"');
  });
});

// Schoolbook addition on the digits, independent of the code under test.
function addDecimals(a: string, b: string): string {
  const [ai, af = ''] = a.split('.');
  const [bi, bf = ''] = b.split('.');
  const scale = Math.max(af.length, bf.length);
  const x = ai! + af.padEnd(scale, '0');
  const y = bi! + bf.padEnd(scale, '0');
  const width = Math.max(x.length, y.length) + 1;
  const xs = x.padStart(width, '0');
  const ys = y.padStart(width, '0');
  let carry = 0;
  let out = '';
  for (let i = width - 1; i >= 0; i--) {
    const digit = Number(xs[i]) + Number(ys[i]) + carry;
    out = String(digit % 10) + out;
    carry = digit >= 10 ? 1 : 0;
  }
  const integer = out.slice(0, width - scale).replace(/^0+(?=\d)/, '');
  return scale === 0 ? integer : `${integer}.${out.slice(width - scale)}`;
}
