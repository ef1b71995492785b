// The Max-replicas page body: one row per workload, then per workload a bar chart of its replicas per node.
import { type MaxReplicasReport, type MaxReplicasWorkload } from '@podfit/scheduling';
import { type Html, markup } from './html-escape';
import { type Verdict, legend } from './html-page';
import { listCell, num, tableSection, warningsSection, workloadCell } from './html-parts';
import { countOf, formatCount, listInWords } from './format';
import { barChart } from './svg-charts';

/** The most nodes drawn in one workload's chart. */
export const REPLICA_CHART_NODE_LIMIT = 30;
/** The most workloads given a chart. */
export const REPLICA_CHART_WORKLOAD_LIMIT = 40;

/** `14 replicas of web fit, limited by memory`, or `Replicas that fit: web 14, api 6`. */
export function maxReplicasVerdict(report: MaxReplicasReport): Verdict {
  const { workloads } = report;
  if (workloads.length === 0) return { tone: 'info', text: 'No workload to place' };
  const tone = workloads.some((w) => w.maxReplicas === 0) ? 'bad' : 'info';
  if (workloads.length === 1) {
    const [w] = workloads as [MaxReplicasWorkload];
    const why =
      w.limitedBy.length > 0
        ? `, limited by ${listInWords(w.limitedBy)}`
        : w.hitReplicaCap
          ? ', stopped at the replica cap'
          : '';
    return { tone, text: `${countOf(w.maxReplicas, 'replica')} of ${w.name} fit${why}` };
  }
  const named = workloads.slice(0, 4).map((w) => `${w.name} ${formatCount(w.maxReplicas)}`);
  const more = workloads.length - named.length;
  return {
    tone,
    text: `Replicas that fit: ${named.join(', ')}${more > 0 ? `, and ${formatCount(more)} more` : ''}`,
  };
}

export function maxReplicasBody(report: MaxReplicasReport): Html {
  return markup`${replicasSection(report)}
    ${chartsSection(report)}
    ${warningsSection(report.workloads)}`;
}

function replicasSection(report: MaxReplicasReport): Html {
  return tableSection({
    className: 'max-replicas',
    title: 'How many replicas fit',
    intro: markup`<p class="note">
      Each workload placed alone on the inventory as it is, one replica at a time as kube-scheduler would
      place them.
    </p>`,
    head: [
      'Workload',
      num('Max replicas'),
      num('Nodes used'),
      'Limited by',
      'Why the next replica does not fit',
    ],
    rows: report.workloads.map(
      (w) => markup`<tr>
        ${workloadCell(w)}
        <td class="num">${formatCount(w.maxReplicas)}</td>
        <td class="num">${formatCount(Object.keys(w.perNode).length)}</td>
        ${listCell(w.limitedBy)}
        ${stopCell(w)}
      </tr>`,
    ),
    empty: 'No workload to place.',
  });
}

function stopCell(w: MaxReplicasWorkload): Html {
  if (w.hitReplicaCap) {
    const message = w.stopMessage === null ? '' : markup`<span class="sub message">${w.stopMessage}</span>`;
    return markup`<td>Stopped at the replica cap: more replicas may fit.${message}</td>`;
  }
  return w.stopMessage === null
    ? markup`<td class="muted">—</td>`
    : markup`<td class="message">${w.stopMessage}</td>`;
}

function chartsSection(report: MaxReplicasReport): Html | null {
  const withReplicas = report.workloads.filter((w) => Object.keys(w.perNode).length > 0);
  if (withReplicas.length === 0) return null;
  const charted = withReplicas.slice(0, REPLICA_CHART_WORKLOAD_LIMIT);
  const note =
    withReplicas.length > charted.length
      ? markup`<p class="note">
          Charts for the first ${formatCount(charted.length)} of ${countOf(withReplicas.length, 'workload')};
          the CSV has every node of every workload.
        </p>`
      : '';
  return markup`<section class="per-node">
    <h2>Replicas per node</h2>
    ${note}
    ${legend([['replicas', 'replicas on the node']])}
    <div class="charts">${charted.map(workloadChart)}</div>
  </section>`;
}

function workloadChart(w: MaxReplicasWorkload): Html {
  const entries = Object.entries(w.perNode);
  // Object.entries keeps the report's inventory order, and sort is stable: ties stay in inventory order.
  const shown = [...entries].sort((a, b) => b[1] - a[1]).slice(0, REPLICA_CHART_NODE_LIMIT);
  const most = shown[0]?.[1] ?? 0;
  const caption =
    shown.length < entries.length
      ? `showing ${formatCount(shown.length)} of ${formatCount(entries.length)} nodes, most replicas first`
      : `${countOf(entries.length, 'node')}, most replicas first`;
  const chart = barChart(
    `Replicas of ${w.name} per node`,
    shown.map(([node, replicas]) => ({
      label: node,
      tooltip: `${node}: ${countOf(replicas, 'replica')} of ${w.name}`,
      segments: [{ className: 'bar-replicas', fraction: most === 0 ? 0 : replicas / most }],
      value: formatCount(replicas),
    })),
  );
  return markup`<figure>
    <figcaption>${w.name} <span class="muted">· ${caption}</span></figcaption>
    ${chart}
  </figure>`;
}
