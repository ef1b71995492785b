// The Headroom page body: per group (and in total) requested against free for cpu and memory, the groups'
// table with their reference-pod counts, and a table of nodes (the first NODE_TABLE_LIMIT).
import { type HeadroomGroup, type HeadroomReport, type ResourceUsage } from '@podfit/scheduling';
import { type Html, markup } from './html-escape';
import { type Verdict, legend } from './html-page';
import { countOf, formatCount } from './format';
import { tableSection } from './html-parts';
import { resourceOrder, usageOf } from './resource-order';
import { type BarRow, barChart } from './svg-charts';
import { isUnused, usageFraction } from './usage-fraction';

/** The most nodes listed in the nodes table; the CSV has every node. */
export const NODE_TABLE_LIMIT = 100;
/** The most groups drawn in a chart and listed in the groups table. */
export const GROUP_LIMIT = 60;

const CHARTED = ['cpu', 'memory'];

/** `12 more reference pods fit on 4 nodes (cpu 42%, memory 61% requested)`. */
export function headroomVerdict(report: HeadroomReport): Verdict {
  const { total } = report;
  const shares = CHARTED.flatMap((resource) => {
    const usage = usageOf(total.resources, resource);
    return usage === undefined ? [] : [`${resource} ${usage.percent}%`];
  });
  const requested = shares.length === 0 ? '' : `${shares.join(', ')} requested`;
  const nodes = countOf(total.nodes, 'node');
  if (total.referencePods === null) {
    return { tone: 'info', text: requested === '' ? nodes : `${nodes}: ${requested}` };
  }
  return {
    tone: total.referencePods > 0 ? 'info' : 'bad',
    text: `${countOf(total.referencePods, 'more reference pod')} fit on ${nodes}${requested === '' ? '' : ` (${requested})`}`,
  };
}

export function headroomBody(report: HeadroomReport): Html {
  return markup`${groupsChartSection(report)}${groupsTableSection(report)}${nodesTableSection(report)}`;
}

function groupName(report: HeadroomReport, group: HeadroomGroup): string {
  if (group === report.total) return 'All nodes';
  return group.group ?? 'no label';
}

function groupsChartSection(report: HeadroomReport): Html {
  const groups = report.groups.slice(0, GROUP_LIMIT);
  const shown =
    report.groups.length > groups.length
      ? `, the first ${formatCount(groups.length)} of ${countOf(report.groups.length, 'group')} shown`
      : '';
  const about =
    report.groupBy === null
      ? markup`All nodes together.`
      : markup`Nodes grouped by <code>${report.groupBy}</code>${shown}.`;
  const reference =
    report.referencePod === null
      ? ''
      : ` Reference pod: ${Object.entries(report.referencePod.requests)
          .map(([resource, quantity]) => `${resource} ${quantity}`)
          .join(', ')}.`;
  const charted = CHARTED.filter((resource) => usageOf(report.total.resources, resource) !== undefined);
  const figures = charted.map((resource) => {
    const rows = [...groups, report.total].map((group) =>
      groupRow(groupName(report, group), group, resource, group === report.total && groups.length > 0),
    );
    const chart = barChart(`${resource} requested and free per node group`, rows);
    return markup`<figure><figcaption>${resource}</figcaption>${chart}</figure>`;
  });
  const colours = legend([
    ['requested', 'requested'],
    ['free', 'free'],
  ]);
  return markup`<section class="headroom">
    <h2>Requested and free</h2>
    <p class="note">${about}${reference}</p>
    ${colours}
    <div class="charts">${figures}</div>
  </section>`;
}

function groupRow(name: string, group: HeadroomGroup, resource: string, isTotal: boolean): BarRow {
  const usage = usageOf(group.resources, resource);
  if (usage === undefined) {
    return { label: name, tooltip: `${name}: no ${resource}`, segments: [], value: '—', gapBefore: isTotal };
  }
  const requested = Math.min(1, usageFraction(usage.requested, usage.allocatable));
  return {
    label: name,
    labelClass: isTotal ? 'total' : undefined,
    tooltip:
      `${name} (${countOf(group.nodes, 'node')}): ${resource} ${usage.requested} requested of ` +
      `${usage.allocatable} (${usage.percent}%), ${usage.free} free`,
    segments: [
      { className: 'bar-requested', fraction: requested },
      { className: 'bar-free', fraction: 1 - requested },
    ],
    value: `${usage.percent}%`,
    gapBefore: isTotal,
  };
}

function groupsTableSection(report: HeadroomReport): Html {
  const groups = report.groups.slice(0, GROUP_LIMIT);
  const resources = shownResources(report, groups);
  const hasReference = report.referencePod !== null;
  const rows = [...groups, report.total].map(
    (group) => markup`<tr${group === report.total ? markup` class="total"` : ''}>
      <td class="name">${groupName(report, group)}</td>
      <td class="num">${formatCount(group.nodes)}</td>
      ${resourceCells(group.resources, resources)}
      ${hasReference ? markup`<td class="num">${formatCount(group.referencePods ?? 0)}</td>` : ''}
    </tr>`,
  );
  return tableSection({
    className: 'groups',
    title: report.groupBy === null ? 'Cluster' : 'Groups',
    intro: hasReference
      ? markup`<p class="note">Reference pods: how many more pods of the reference size fit, node by node, summed.</p>`
      : null,
    head: tableHead(report.groupBy === null ? 'Nodes' : 'Group', resources, hasReference, true),
    rows,
  });
}

function nodesTableSection(report: HeadroomReport): Html {
  const nodes = report.nodes.slice(0, NODE_TABLE_LIMIT);
  const resources = shownResources(report, nodes);
  const hasReference = report.referencePod !== null;
  const note =
    nodes.length < report.nodes.length
      ? `The first ${formatCount(nodes.length)} of ${formatCount(report.nodes.length)} nodes in inventory ` +
        'order; the CSV has every node.'
      : `${countOf(report.nodes.length, 'node')} in inventory order.`;
  const rows = nodes.map((node) => {
    const cordoned = node.unschedulable ? markup`<span class="badge cordoned">cordoned</span>` : '';
    const group = report.groupBy === null ? '' : markup`<span class="sub">${node.group ?? 'no label'}</span>`;
    return markup`<tr>
      <td><span class="name">${node.name}</span>${cordoned}${group}</td>
      ${resourceCells(node.resources, resources)}
      ${hasReference ? markup`<td class="num">${formatCount(node.referencePods ?? 0)}</td>` : ''}
    </tr>`;
  });
  return tableSection({
    className: 'node-table',
    tableClass: 'nodes',
    title: 'Nodes',
    intro: markup`<p class="note">${note}</p>`,
    head: tableHead('Node', resources, hasReference, false),
    rows,
  });
}

/** The resources of the tables, leaving out those the cluster has none of (e.g. hugepages-2Mi of 0). */
function shownResources(
  report: HeadroomReport,
  rows: readonly { readonly resources: readonly ResourceUsage[] }[],
): string[] {
  const resources = resourceOrder([report.total.resources, ...rows.map((row) => row.resources)]);
  return resources.filter((resource) => !isUnused(usageOf(report.total.resources, resource)));
}

/** Two header rows: each resource spans its `free` and `requested` columns. */
function tableHead(
  first: string,
  resources: readonly string[],
  hasReference: boolean,
  hasNodes: boolean,
): Html {
  const spans = resources.map((resource) => markup`<th colspan="2" class="num">${resource}</th>`);
  const pairs = resources.map(
    () =>
      markup`<th class="num">free</th><th class="num"><abbr title="requested of allocatable">req.</abbr></th>`,
  );
  return markup`<thead>
    <tr>
      <th rowspan="2">${first}</th>
      ${hasNodes ? markup`<th rowspan="2" class="num">Nodes</th>` : ''}
      ${spans}
      ${hasReference ? markup`<th rowspan="2" class="num">Reference pods</th>` : ''}
    </tr>
    <tr class="subhead">${pairs}</tr>
  </thead>`;
}

function resourceCells(rows: readonly ResourceUsage[], resources: readonly string[]): Html[] {
  return resources.map((resource) => {
    const usage = usageOf(rows, resource);
    return usage === undefined
      ? markup`<td class="num muted">—</td><td class="num muted">—</td>`
      : markup`<td class="num">${usage.free}</td><td class="num">${usage.percent}%</td>`;
  });
}
