// `podfit capacity headroom -o table|wide`: what is left per node group (with --group-by) and in all,
// each free quantity with its share of allocatable (`2500m (62%)`), and how many reference pods still fit.
// `wide` adds one row per node.
import {
  parseQuantity,
  percentOf,
  RESOURCE_CPU,
  type HeadroomGroup,
  type HeadroomNode,
  type HeadroomReport,
  type ResourceUsage,
} from '@podfit/scheduling';
import { usageOf, type CapacityTableOptions } from './plan-table.printer';
import { writeTable } from './tab-writer';

const TOTAL = 'TOTAL';
const RESOURCES = ['cpu', 'memory', 'pods'];
const FREE_HEADERS = ['CPU FREE', 'MEMORY FREE', 'PODS FREE'];
const REFERENCE_HEADER = 'REFERENCE PODS';

/** Writes the groups and their TOTAL row; then (wide) a blank line and the nodes table. */
export function printHeadroomTable(
  report: HeadroomReport,
  options: CapacityTableOptions,
  write: (text: string) => void,
): void {
  const withReference = report.referencePod !== null;
  const reference = withReference ? [REFERENCE_HEADER] : [];
  const groupHeaders = ['GROUP', 'NODES', ...FREE_HEADERS, ...reference];
  const groupRows = [...report.groups, report.total].map((group, index, all) => [
    index === all.length - 1 ? TOTAL : (group.group ?? ''),
    String(group.nodes),
    ...freeCells(group, withReference),
  ]);
  writeTable(options.headers ? groupHeaders : null, groupRows, write);
  if (!options.wide || report.nodes.length === 0) return;

  const withGroups = report.groupBy !== null;
  const nodeHeaders = ['NODE', ...(withGroups ? ['GROUP'] : []), ...FREE_HEADERS, ...reference];
  const nodeRows = report.nodes.map((node: HeadroomNode) => [
    node.name,
    ...(withGroups ? [node.group ?? ''] : []),
    ...freeCells(node, withReference),
  ]);
  write('\n');
  writeTable(options.headers ? nodeHeaders : null, nodeRows, write);
}

function freeCells(entry: HeadroomNode | HeadroomGroup, withReference: boolean): string[] {
  const cells = RESOURCES.map((resource) => free(usageOf(entry.resources, resource)));
  if (withReference) cells.push(entry.referencePods === null ? '' : String(entry.referencePods));
  return cells;
}

/** `2500m (62%)`: free, and its share of allocatable by the rule of the report's percent (percentOf). */
function free(usage: ResourceUsage | undefined): string {
  if (usage === undefined) return '';
  const isCpu = usage.resource === RESOURCE_CPU;
  const share = percentOf(parseQuantity(usage.free), parseQuantity(usage.allocatable), isCpu);
  return `${usage.free} (${share}%)`;
}
