// A binary heap of node indices, best first: the highest total score, then the first name in byte order
// (the simulation's tie rule, see simulate-placement.ts).

/** Feasible nodes by total score; `pop` gives the node kube-scheduler's selectHost would pick, made deterministic. */
export class BestNodeQueue {
  private readonly heap: number[] = [];

  /**
   * `nameRank[i]`: node i's position among the nodes ordered by name (ClusterState.nameRank). `totals` holds
   * each queued node's total; queues over disjoint nodes may share one.
   */
  constructor(
    private readonly nameRank: Uint32Array,
    private readonly totals: Float64Array = new Float64Array(nameRank.length),
  ) {}

  get isEmpty(): boolean {
    return this.heap.length === 0;
  }

  get size(): number {
    return this.heap.length;
  }

  /** The best node, left queued. */
  peek(): number {
    return this.heap[0]!;
  }

  /** Adds node `nodeIndex`, not already queued, with its total score. */
  push(nodeIndex: number, total: number): void {
    this.totals[nodeIndex] = total;
    const heap = this.heap;
    let at = heap.length;
    heap.push(nodeIndex);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(nodeIndex, heap[parent]!)) break;
      heap[at] = heap[parent]!;
      at = parent;
    }
    heap[at] = nodeIndex;
  }

  /** Removes and returns the best node. */
  pop(): number {
    const heap = this.heap;
    const best = heap[0]!;
    const last = heap.pop()!;
    if (heap.length === 0) return best;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && this.before(heap[child + 1]!, heap[child]!)) child++;
      if (!this.before(heap[child]!, last)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = last;
    return best;
  }

  private before(a: number, b: number): boolean {
    const totalA = this.totals[a]!;
    const totalB = this.totals[b]!;
    return totalA > totalB || (totalA === totalB && this.nameRank[a]! < this.nameRank[b]!);
  }
}
