// A binary heap of node indices, best first: the highest total score, then the first name in byte order
// (the simulation's tie rule, see simulate-placement.ts).

/** Feasible nodes by total score; `pop` gives the node kube-scheduler's selectHost would pick, made deterministic. */
export class BestNodeQueue {
  private readonly heap: Int32Array;
  private readonly totals: Float64Array;
  private size = 0;

  /** `nameRank[i]`: node i's position among the nodes ordered by name (ClusterState.nameRank). */
  constructor(private readonly nameRank: Uint32Array) {
    this.heap = new Int32Array(nameRank.length);
    this.totals = new Float64Array(nameRank.length);
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  /** Adds node `nodeIndex`, not already queued, with its total score. */
  push(nodeIndex: number, total: number): void {
    this.totals[nodeIndex] = total;
    let at = this.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(nodeIndex, this.heap[parent]!)) break;
      this.heap[at] = this.heap[parent]!;
      at = parent;
    }
    this.heap[at] = nodeIndex;
  }

  /** Removes and returns the best node. */
  pop(): number {
    const best = this.heap[0]!;
    const last = this.heap[--this.size]!;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.before(this.heap[child + 1]!, this.heap[child]!)) child++;
      if (!this.before(this.heap[child]!, last)) break;
      this.heap[at] = this.heap[child]!;
      at = child;
    }
    this.heap[at] = last;
    return best;
  }

  private before(a: number, b: number): boolean {
    const totalA = this.totals[a]!;
    const totalB = this.totals[b]!;
    return totalA > totalB || (totalA === totalB && this.nameRank[a]! < this.nameRank[b]!);
  }
}
