// The Scale-out page body: the options table, the recommended one highlighted, then the plan with the added
// nodes (marked new in the per-node charts).
import { type ScaleOutOption, type ScaleOutReport } from '@podfit/scheduling';
import { type Html, markup } from './html-escape';
import { type Verdict } from './html-page';
import { countOf, formatCount } from './format';
import { num, tableSection } from './html-parts';
import { planSections } from './plan-section';

/** The most added nodes named in the text above the plan. */
const ADDED_NAMES_LIMIT = 12;

/** `Fits as is: no node to add`, `Add 2 m5.xlarge nodes (0.384 per hour) so every workload fits`, … */
export function scaleOutVerdict(report: ScaleOutReport): Verdict {
  if (report.fitsAsIs) return { tone: 'good', text: 'Fits as is: no node to add' };
  const option = report.options.find((o) => o.template === report.recommended);
  if (option === undefined || option.nodesToAdd === null) {
    return { tone: 'bad', text: 'Does not fit: no node template makes every workload fit' };
  }
  const cost = option.hourlyCost === null ? '' : ` (${option.hourlyCost} per hour)`;
  return {
    tone: 'info',
    text: `Add ${countOf(option.nodesToAdd, `${option.template} node`)}${cost} so every workload fits`,
  };
}

export function scaleOutBody(report: ScaleOutReport): Html {
  const note = report.fitsAsIs
    ? 'The plan fits the inventory as it is: no node needs adding.'
    : 'The fewest nodes of each template that make every workload fit. Recommended: the cheapest where ' +
      'every template that fits has a price, else the fewest nodes; ties go to the first given.';
  const options = tableSection({
    className: 'options',
    title: 'Nodes to add',
    intro: markup`<p class="note">${note}</p>`,
    head: ['Template', num('Nodes to add'), num('Price per hour'), num('Cost per hour'), 'Why no count fits'],
    rows: report.options.map((option) => optionRow(option, option.template === report.recommended)),
    empty: 'No node template given.',
  });
  return markup`${options}${planSections(report.plan, planIntro(report))}`;
}

function optionRow(option: ScaleOutOption, isRecommended: boolean): Html {
  const badge = isRecommended ? markup`<span class="badge">recommended</span>` : '';
  return markup`<tr${isRecommended ? markup` class="recommended"` : ''}>
    <td><span class="name">${option.template}</span>${badge}</td>
    <td class="num">${option.nodesToAdd === null ? '—' : formatCount(option.nodesToAdd)}</td>
    <td class="num">${option.hourlyPrice ?? '—'}</td>
    <td class="num">${option.hourlyCost ?? '—'}</td>
    <td class="message">${option.reason ?? ''}</td>
  </tr>`;
}

function planIntro(report: ScaleOutReport): Html {
  const added = report.plan.nodes.filter((node) => node.template !== null);
  if (added.length === 0) {
    const text = report.fitsAsIs
      ? 'The plan on the inventory as it is.'
      : 'No template makes the plan fit: this is the plan on the inventory as it is.';
    return markup`<p class="note">${text}</p>`;
  }
  const names = added.slice(0, ADDED_NAMES_LIMIT).map((node) => node.name);
  const more = added.length - names.length;
  const rest = more > 0 ? `, and ${formatCount(more)} more` : '';
  return markup`<p class="note">With ${countOf(added.length, 'added node')}: ${names.join(', ')}${rest}.</p>`;
}
