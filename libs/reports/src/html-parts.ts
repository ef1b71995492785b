// Tables, cells and lists the report sections share.
import { type Warning } from '@podfit/scheduling';
import { Html, type HtmlValue, markup } from './html-escape';
import { countOf } from './format';

export interface WorkloadName {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** The most warnings listed on a page; the JSON output has them all. */
export const WARNING_LIMIT = 200;

/** A column header; a numeric column is right-aligned (`num('Wanted')`). */
export type Column = string | { readonly title: string; readonly isNumeric: true };

export function num(title: string): Column {
  return { title, isNumeric: true };
}

export interface TableSectionParts {
  /** The section's class, and the table's unless `tableClass` is given. */
  readonly className: string;
  readonly tableClass?: string;
  readonly title: string;
  /** Between the heading and the table: notes, or nothing. */
  readonly intro: HtmlValue;
  /** One header row of these columns, or a whole `<thead>`. */
  readonly head: readonly Column[] | Html;
  readonly rows: readonly Html[];
  /** With a header of columns, the one row across all of them when there are no rows. */
  readonly empty?: string;
}

/** A section holding one table: its heading, notes, and the table in a wrapper that scrolls sideways. */
export function tableSection(parts: TableSectionParts): Html {
  const { head, empty } = parts;
  let thead: Html;
  let body: HtmlValue = parts.rows;
  if (head instanceof Html) {
    thead = head;
  } else {
    thead = markup`<thead><tr>${head.map(headerCell)}</tr></thead>`;
    if (parts.rows.length === 0 && empty !== undefined) {
      body = markup`<tr><td colspan="${head.length}" class="muted">${empty}</td></tr>`;
    }
  }
  return markup`<section class="${parts.className}">
    <h2>${parts.title}</h2>
    ${parts.intro}
    <div class="table-wrap">
      <table class="${parts.tableClass ?? parts.className}">
        ${thead}
        <tbody>${body}</tbody>
      </table>
    </div>
  </section>`;
}

function headerCell(column: Column): Html {
  return typeof column === 'string'
    ? markup`<th>${column}</th>`
    : markup`<th class="num">${column.title}</th>`;
}

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
