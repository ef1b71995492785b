import { type ResourceUsage, parseQuantity } from '@podfit/scheduling';

/**
 * `requested / allocatable` as a number, for drawing only (tables print the report's own quantities and
 * percents): 0 when allocatable is zero or either quantity does not parse.
 */
export function usageFraction(requested: string, allocatable: string): number {
  try {
    const total = parseQuantity(allocatable).milliValueNumber();
    if (!(total > 0)) return 0;
    const used = parseQuantity(requested).milliValueNumber() / total;
    return Number.isFinite(used) && used > 0 ? used : 0;
  } catch {
    return 0;
  }
}

/**
 * Neither allocatable nor requested anywhere (hugepages on nodes without them): nothing to draw or compare.
 * A report's quantities are canonical, and the canonical zero is `0`.
 */
export function isUnused(usage: ResourceUsage | undefined): boolean {
  return usage === undefined || (usage.allocatable === '0' && usage.requested === '0');
}
