import { type ResourceUsage } from '@podfit/scheduling';

/**
 * The resources named by several row lists, each list's order kept: a resource first seen in a later list
 * goes right after the resource before it there (or, having none, before the first known one after it). Lists in the report's row order (cpu, memory, …, pods) give
 * that order back: [cpu, memory, pods] then [cpu, memory, nvidia.com/gpu, pods] give
 * [cpu, memory, nvidia.com/gpu, pods].
 */
export function resourceOrder(lists: Iterable<readonly ResourceUsage[]>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    let previous = -1;
    list.forEach(({ resource }, i) => {
      if (seen.has(resource)) {
        previous = order.indexOf(resource);
        return;
      }
      // Without a predecessor in this list, the resource goes before its first known successor.
      const at = previous >= 0 ? previous + 1 : firstKnown(list, i + 1, order, seen);
      order.splice(at, 0, resource);
      seen.add(resource);
      previous = at;
    });
  }
  return order;
}

function firstKnown(
  list: readonly ResourceUsage[],
  from: number,
  order: string[],
  seen: Set<string>,
): number {
  for (let i = from; i < list.length; i++) {
    if (seen.has(list[i]!.resource)) return order.indexOf(list[i]!.resource);
  }
  return order.length;
}

/** The row of one resource, if the list has one. */
export function usageOf(rows: readonly ResourceUsage[], resource: string): ResourceUsage | undefined {
  return rows.find((row) => row.resource === resource);
}
