// Table cells and lists the report sections share.
import { type Warning } from '@podfit/scheduling';
import { type Html, markup } from './html-escape';
import { countOf } from './format';

export interface WorkloadName {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** The most warnings listed on a page; the JSON output has them all. */
export const WARNING_LIMIT = 200;

/** A workload's name in bold, its kind and namespace under it. */
export function workloadCell(workload: WorkloadName): Html {
  return markup`<td>
    <span class="name">${workload.name}</span>
    <span class="sub">${workload.kind} · ${workload.namespace}</span>
  </td>`;
}

/** A table cell of resource names, or a dash. */
export function listCell(items: readonly string[]): Html {
  return items.length === 0 ? markup`<td class="muted">—</td>` : markup`<td>${items.join(', ')}</td>`;
}

/** A section listing the workloads' warnings; nothing when there are none. */
export function warningsSection(
  workloads: readonly (WorkloadName & { readonly warnings: readonly Warning[] })[],
): Html | null {
  const items: Html[] = [];
  let total = 0;
  for (const workload of workloads) {
    for (const warning of workload.warnings) {
      total += 1;
      if (items.length >= WARNING_LIMIT) continue;
      items.push(
        markup`<li><span class="name">${workload.namespace}/${workload.name}</span> <code>${warning.path}</code> ${warning.message}</li>`,
      );
    }
  }
  if (total === 0) return null;
  const note =
    total > items.length
      ? `Showing ${items.length} of ${countOf(total, 'warning')}; the JSON output has them all.`
      : 'What the simulation could not evaluate as kube-scheduler would.';
  return markup`<section class="warnings">
    <h2>Warnings</h2>
    <p class="note">${note}</p>
    <ul class="warnings">${items}</ul>
  </section>`;
}
