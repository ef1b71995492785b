// `podfit inventory`: inventories as `kubectl get` prints objects (a table, or -o json|yaml of the server's
// own body), and the one line `inventory import` prints, as `kubectl apply` does.
import { dump } from 'js-yaml';
import { type InventoryList, type InventoryView } from '../client/api-types';
import { YAML_OPTIONS } from './structured.printer';
import { writeTable } from './tab-writer';

export const INVENTORY_OUTPUT_FORMATS = ['json', 'table', 'yaml'] as const;
export type InventoryOutputFormat = (typeof INVENTORY_OUTPUT_FORMATS)[number];

export interface InventoryPrintOptions {
  readonly output: InventoryOutputFormat;
  /** `--no-headers` makes this false. */
  readonly headers: boolean;
}

const HEADERS = ['NAME', 'VERSION', 'NODES', 'PODS', 'UPDATED'];

/** `inventory/prod imported: 6 nodes, 12 pods (version 3)` */
export function importedLine(view: InventoryView): string {
  return `inventory/${view.name} imported: ${count(view.nodeCount, 'node')}, ${count(view.podCount, 'pod')} (version ${view.version})\n`;
}

/** Writes one inventory (`inventory get`) or a list of them (`inventory list`); a table has one row each. */
export function printInventories(
  body: InventoryView | InventoryList,
  options: InventoryPrintOptions,
  write: (text: string) => void,
): void {
  if (options.output === 'json') return write(`${JSON.stringify(body, null, 2)}\n`);
  if (options.output === 'yaml') return write(dump(body, YAML_OPTIONS));
  const items = 'items' in body ? body.items : [body];
  writeTable(options.headers ? HEADERS : null, items.map(row), write);
}

function row(view: InventoryView): string[] {
  return [view.name, String(view.version), String(view.nodeCount), String(view.podCount), view.updatedAt];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
