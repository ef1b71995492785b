// The Plan report's page body (also the second half of a Scale-out page): the what-fits table, cluster
// utilisation per resource before and after, and per-node stacked allocation bars.
import { type PlanNode, type PlanReport, type PlanWorkload, type ResourceUsage } from '@podfit/scheduling';
import { type Html, type HtmlValue, markup } from './html-escape';
import { type Verdict, legend } from './html-page';
import { listCell, num, tableSection, warningsSection, workloadCell } from './html-parts';
import { countOf, formatCount } from './format';
import { resourceOrder, usageOf } from './resource-order';
import { type BarRow, barChart } from './svg-charts';
import { isUnused, usageFraction } from './usage-fraction';

/**
 * The most nodes drawn per chart. The page stays small whatever the inventory (a 5,000-node plan is about
 * 70 KB); the CSV has every node.
 */
export const NODE_CHART_LIMIT = 60;

/** `Fits: 3 of 3 workloads placed`, or `Does not fit: web placed 4 of 10`. */
export function planVerdict(plan: PlanReport): Verdict {
  const total = plan.workloads.length;
  if (plan.fits)
    return { tone: 'good', text: `Fits: ${formatCount(total)} of ${countOf(total, 'workload')} placed` };
  const short = plan.workloads.filter((workload) => !workload.fits);
  const named = short
    .slice(0, 2)
    .map((w) => `${w.name} placed ${formatCount(w.placed)} of ${formatCount(w.wanted)}`);
  const more = short.length - named.length;
  if (more > 0) named.push(`${countOf(more, 'more workload')} short`);
  return { tone: 'bad', text: named.length === 0 ? 'Does not fit' : `Does not fit: ${named.join('; ')}` };
}

/** The plan's sections; `intro` goes above the what-fits table (a scale-out says which nodes it added). */
export function planSections(plan: PlanReport, intro: HtmlValue = null): Html {
  return markup`${whatFitsSection(plan, intro)}
    ${utilisationSection(plan)}
    ${nodesSection(plan)}
    ${warningsSection(plan.workloads)}`;
}

function whatFitsSection(plan: PlanReport, intro: HtmlValue): Html {
  return tableSection({
    className: 'what-fits',
    tableClass: 'fits',
    title: 'What fits',
    intro: markup`${intro}
      <p class="note">
        Workloads placed together in order, DaemonSets first, one replica at a time as kube-scheduler would
        place them.
      </p>`,
    head: [
      'Workload',
      num('Wanted'),
      num('Placed'),
      'Fits',
      'Limited by',
      'Why the next replica does not fit',
    ],
    rows: plan.workloads.map(workloadRow),
    empty: 'No workload to place.',
  });
}

function workloadRow(w: PlanWorkload): Html {
  const fits = w.fits
    ? markup`<td class="yes">✓ fits</td>`
    : markup`<td class="no">✗ ${formatCount(w.wanted - w.placed)} short</td>`;
  return markup`<tr>
    ${workloadCell(w)}
    <td class="num">${formatCount(w.wanted)}</td>
    <td class="num">${formatCount(w.placed)}</td>
    ${fits}
    ${listCell(w.limitedBy)}
    <td class="message">${w.stopMessage ?? ''}</td>
  </tr>`;
}

function utilisationSection(plan: PlanReport): Html {
  const { before, after } = plan.cluster;
  const resources = resourceOrder([before, after]);
  const chartRows: BarRow[] = [];
  const tableRows: Html[] = [];
  for (const resource of resources) {
    const b = usageOf(before, resource);
    const a = usageOf(after, resource);
    if (!isUnused(a ?? b)) {
      chartRows.push(
        utilisationRow(resource, 'before', 'bar-before', b, chartRows.length > 0),
        utilisationRow(resource, 'after', 'bar-after', a, false),
      );
    }
    tableRows.push(
      markup`<tr>
        <td class="name">${resource}</td>
        <td class="num">${(a ?? b)?.allocatable ?? '—'}</td>
        <td class="num">${b?.requested ?? '—'}</td>
        <td class="num">${a?.requested ?? '—'}</td>
        <td class="num">${a?.free ?? '—'}</td>
        <td class="num">${percentText(b)}</td>
        <td class="num">${percentText(a)}</td>
      </tr>`,
    );
  }
  const chart = barChart('Cluster utilisation per resource, before and after the plan', chartRows, {
    width: 720,
    labelWidth: 190,
  });
  const colours = legend([
    ['before', 'before the plan'],
    ['after', 'after the plan'],
  ]);
  return markup`<section class="utilisation">
    <h2>Cluster utilisation</h2>
    <p class="note">
      Requested of allocatable over the cluster's ${countOf(plan.nodes.length, 'node')}, before and after the
      plan's pods are placed.
    </p>
    ${colours}
    ${chart}
    <div class="table-wrap">
      <table class="utilisation">
        <thead>
          <tr>
            <th>Resource</th>
            <th class="num">Allocatable</th>
            <th class="num">Requested before</th>
            <th class="num">Requested after</th>
            <th class="num">Free after</th>
            <th class="num">Before</th>
            <th class="num">After</th>
          </tr>
        </thead>
        <tbody>${tableRows}</tbody>
      </table>
    </div>
  </section>`;
}

function utilisationRow(
  resource: string,
  when: 'before' | 'after',
  className: string,
  usage: ResourceUsage | undefined,
  gapBefore: boolean,
): BarRow {
  return {
    heading: when === 'before' ? resource : undefined,
    label: when,
    tooltip:
      usage === undefined
        ? `${resource} ${when} the plan: no allocatable`
        : `${resource} ${when} the plan: ${usage.requested} of ${usage.allocatable} requested (${usage.percent}%)`,
    segments:
      usage === undefined ? [] : [{ className, fraction: usageFraction(usage.requested, usage.allocatable) }],
    value: percentText(usage),
    gapBefore,
  };
}

function nodesSection(plan: PlanReport): Html | null {
  if (plan.nodes.length === 0) return null;
  const clusterResources = resourceOrder([plan.cluster.before, plan.cluster.after]);
  const requested = new Set(['cpu', 'memory']);
  for (const workload of plan.workloads) {
    for (const [resource, quantity] of Object.entries(workload.requests)) {
      if (resource !== 'pods' && quantity !== '0') requested.add(resource);
    }
  }
  const drawn = clusterResources.filter((resource) => requested.has(resource));
  const shown = mostAllocated(plan.nodes, drawn, NODE_CHART_LIMIT);
  const total = plan.nodes.length;
  const note =
    shown.length < total
      ? `Showing ${formatCount(shown.length)} of ${formatCount(total)} nodes, most allocated first (by the ` +
        `larger share of ${drawn.join(' or ')} requested after the plan); the CSV has every node.`
      : `${countOf(total, 'node')}, most allocated first.`;
  const hasAdded = shown.some((node) => node.template !== null);
  const figures = drawn.map((resource) => {
    const chart = barChart(
      `${resource} per node: requested before the plan and placed by it, of allocatable`,
      shown.map((node) => nodeRow(node, resource)),
    );
    return markup`<figure><figcaption>${resource}</figcaption>${chart}</figure>`;
  });
  const colours = legend([
    ['before', 'requested before the plan'],
    ['placed', 'placed by the plan'],
    ['track', 'free'],
  ]);
  const addedNote = hasAdded
    ? markup`<p class="note">Nodes marked <span class="badge new">new</span> are added by the scale-out.</p>`
    : '';
  return markup`<section class="nodes">
    <h2>Allocation per node</h2>
    <p class="note">${note}</p>
    ${colours}
    ${addedNote}
    <div class="charts">${figures}</div>
  </section>`;
}

function nodeRow(node: PlanNode, resource: string): BarRow {
  const before = usageOf(node.before, resource);
  const after = usageOf(node.after, resource);
  const beforeFraction = before === undefined ? 0 : usageFraction(before.requested, before.allocatable);
  const afterFraction = after === undefined ? 0 : usageFraction(after.requested, after.allocatable);
  const marks = [
    node.template === null ? '' : ` (added, template ${node.template})`,
    node.unschedulable ? ' (unschedulable)' : '',
  ].join('');
  const numbers =
    after === undefined
      ? `no ${resource}`
      : `${resource} ${before?.requested ?? '0'} requested before, ${after.requested} after, of ${after.allocatable} allocatable (${after.percent}%)`;
  return {
    label: node.name,
    labelClass: node.template !== null ? 'added' : node.unschedulable ? 'cordoned' : undefined,
    tag: node.template !== null ? 'new' : node.unschedulable ? 'cordoned' : undefined,
    tooltip: `${node.name}${marks}: ${numbers}; ${countOf(node.placed, 'pod')} of the plan placed`,
    segments: [
      { className: 'bar-before', fraction: beforeFraction },
      { className: 'bar-placed', fraction: Math.max(0, afterFraction - beforeFraction) },
    ],
    value: percentText(after),
  };
}

/** The `limit` nodes with the largest share of any drawn resource requested after the plan; ties in inventory order. */
function mostAllocated(nodes: readonly PlanNode[], resources: readonly string[], limit: number): PlanNode[] {
  const scored = nodes.map((node, index) => {
    let share = 0;
    for (const resource of resources) {
      const after = usageOf(node.after, resource);
      if (after !== undefined) share = Math.max(share, usageFraction(after.requested, after.allocatable));
    }
    return { node, index, share };
  });
  scored.sort((a, b) => b.share - a.share || a.index - b.index);
  return scored.slice(0, limit).map(({ node }) => node);
}

function percentText(usage: ResourceUsage | undefined): string {
  return usage === undefined ? '—' : `${usage.percent}%`;
}
