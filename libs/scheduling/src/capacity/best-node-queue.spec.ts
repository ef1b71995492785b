// The heap pops nodes in the simulation's order: highest total first, then the lower name rank.
import fc from 'fast-check';
import { BestNodeQueue } from './best-node-queue';

describe('BestNodeQueue', () => {
  it('pops by total, descending, then by name rank, and takes a popped node back', () => {
    const queue = new BestNodeQueue(Uint32Array.from([2, 0, 1, 3]));
    [180, 150, 180, 181].forEach((total, node) => queue.push(node, total));
    expect([queue.pop(), queue.pop()]).toEqual([3, 2]);
    queue.push(3, 100);
    expect([queue.pop(), queue.pop(), queue.pop()]).toEqual([0, 1, 3]);
    expect(queue.isEmpty).toBe(true);
  });

  it('agrees with a sort on random totals', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 40 }), (totals) => {
        const rank = Uint32Array.from(totals.keys()).reverse();
        const queue = new BestNodeQueue(rank);
        totals.forEach((total, node) => queue.push(node, total));
        const popped: number[] = [];
        while (!queue.isEmpty) popped.push(queue.pop());
        const sorted = [...totals.keys()].sort((a, b) => totals[b]! - totals[a]! || rank[a]! - rank[b]!);
        expect(popped).toEqual(sorted);
      }),
      { numRuns: 300 },
    );
  });
});
