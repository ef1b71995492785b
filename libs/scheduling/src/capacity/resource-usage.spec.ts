// ResourceUsage rows as `kubectl describe node` prints "Allocated resources" (k8s.io/kubectl pkg/describe/
// describe.go, describeNodeResource), plus the pods row; exact sums; `times` against repeated Quantity.Add.
import fc from 'fast-check';
import { makeNode, makePod } from '../framework/testing/wrappers';
import { Quantity } from '../quantity/quantity';
import { addPods, copyUsage, nodeUsage, sumUsage, times, usageRowNames, usageRows } from './resource-usage';

const q = (s: string) => Quantity.parse(s);

describe('times', () => {
  it.each([
    { quantity: '250m', count: 2, want: '500m' },
    { quantity: '1500m', count: 2, want: '3' },
    { quantity: '64Mi', count: 18, want: '1152Mi' },
    { quantity: '100M', count: 0, want: '0' },
    { quantity: '1Ei', count: 1000, want: '1000Ei' },
    { quantity: '0.1', count: 3, want: '300m' },
  ])('$count × $quantity is $want', ({ quantity, count, want }) => {
    expect(times(q(quantity), count).toString()).toBe(want);
  });

  it('gives what adding the quantity count times gives: value, format and string', () => {
    const quantities = ['1n', '7m', '250m', '1', '1.5', '64Mi', '1Gi', '100M', '1e3', '3Ki', '999999999999'];
    fc.assert(
      fc.property(fc.constantFrom(...quantities), fc.integer({ min: 0, max: 300 }), (text, count) => {
        const quantity = q(text);
        let sum: Quantity | null = null;
        for (let i = 0; i < count; i++) sum = sum === null ? quantity : sum.add(quantity);
        const product = times(quantity, count);
        if (sum === null) {
          expect(product.isZero()).toBe(true);
        } else {
          expect(product.cmp(sum)).toBe(0);
          expect(product.format).toBe(sum.format);
          expect(product.toString()).toBe(sum.toString());
        }
      }),
    );
  });

  it('rejects a count that is not a whole number', () => {
    expect(() => times(q('1'), 1.5)).toThrow(RangeError);
    expect(() => times(q('1'), -1)).toThrow(RangeError);
  });
});

describe('usage rows', () => {
  const node = makeNode()
    .name('n1')
    .capacity({
      cpu: '2',
      memory: '4Gi',
      pods: '110',
      'example.com/gpu': '2',
      'hugepages-1Gi': '2Gi',
      'hugepages-2Mi': '0',
    })
    .obj();

  it("sums the node's running pods exactly, leaves out terminated pods and other nodes' pods, and orders the rows", () => {
    const bound = [
      makePod().node('n1').req({ cpu: '850m', memory: '1Gi' }).obj(),
      makePod().node('n1').req({ cpu: '100m', 'example.com/gpu': '1', 'acme.io/fpga': '1' }).obj(),
      makePod().node('n1').req({ cpu: '1' }).phase('Failed').obj(),
      makePod().node('n1').req({ cpu: '1' }).phase('Succeeded').obj(),
      makePod().node('n2').req({ cpu: '1' }).obj(),
    ];
    const totals = nodeUsage(node, bound);
    expect(usageRows(totals, usageRowNames([totals]))).toEqual([
      { resource: 'cpu', allocatable: '2', requested: '950m', free: '1050m', percent: 47 },
      { resource: 'memory', allocatable: '4Gi', requested: '1Gi', free: '3Gi', percent: 25 },
      { resource: 'ephemeral-storage', allocatable: '0', requested: '0', free: '0', percent: 0 },
      { resource: 'hugepages-1Gi', allocatable: '2Gi', requested: '0', free: '2Gi', percent: 0 },
      { resource: 'hugepages-2Mi', allocatable: '0', requested: '0', free: '0', percent: 0 },
      { resource: 'acme.io/fpga', allocatable: '0', requested: '1', free: '-1', percent: 0 },
      { resource: 'example.com/gpu', allocatable: '2', requested: '1', free: '1', percent: 50 },
      { resource: 'pods', allocatable: '110', requested: '2', free: '108', percent: 1 },
    ]);
  });

  it('adds count × request to a copy, leaving the totals it was copied from as they were', () => {
    const before = nodeUsage(node, [makePod().node('n1').req({ cpu: '1500m' }).obj()]);
    const after = copyUsage(before);
    addPods(after, { cpu: q('250m'), memory: q('64Mi') }, 2);
    const names = usageRowNames([after]);
    expect(usageRows(before, names).map((r) => [r.resource, r.requested])).toEqual([
      ['cpu', '1500m'],
      ['memory', '0'],
      ['ephemeral-storage', '0'],
      ['hugepages-1Gi', '0'],
      ['hugepages-2Mi', '0'],
      ['example.com/gpu', '0'],
      ['pods', '1'],
    ]);
    expect(usageRows(after, names).map((r) => [r.resource, r.requested, r.percent])).toEqual([
      ['cpu', '2', 100],
      ['memory', '128Mi', 3],
      ['ephemeral-storage', '0', 0],
      ['hugepages-1Gi', '0', 0],
      ['hugepages-2Mi', '0', 0],
      ['example.com/gpu', '0', 0],
      ['pods', '3', 2],
    ]);
  });

  it('sums nodes: allocatable and requested added exactly, percent recomputed on the sums', () => {
    const small = makeNode().name('a').capacity({ cpu: '50m', memory: '1Gi', pods: '10' }).obj();
    const other = makeNode().name('b').capacity({ cpu: '50m', memory: '512Mi', pods: '10' }).obj();
    const total = sumUsage([
      nodeUsage(small, [makePod().node('a').req({ cpu: '14m', memory: '100M' }).obj()]),
      nodeUsage(other, [makePod().node('b').req({ cpu: '15m' }).obj()]),
    ]);
    expect(usageRows(total, usageRowNames([total]))).toEqual([
      // 29 / 100 * 100 is 28.999999999999996 in doubles: kubectl prints 28%.
      { resource: 'cpu', allocatable: '100m', requested: '29m', free: '71m', percent: 28 },
      // 1.5Gi = 1610612736 bytes less 100M = 1510612736, printed in the first term's format (BinarySI).
      { resource: 'memory', allocatable: '1536Mi', requested: '100M', free: '1510612736', percent: 6 },
      { resource: 'ephemeral-storage', allocatable: '0', requested: '0', free: '0', percent: 0 },
      { resource: 'pods', allocatable: '20', requested: '2', free: '18', percent: 10 },
    ]);
  });
});
