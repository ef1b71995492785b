// `podfit capacity scale-out -o table|wide`: one row per node template (the fewest nodes of it that make
// the plan fit, and what they cost per hour), a line naming the option to take, then the plan as
// `capacity plan` prints it, with the recommended nodes added.
import { type ScaleOutOption, type ScaleOutReport } from '@podfit/scheduling';
import { printPlanTable, type CapacityTableOptions } from './plan-table.printer';
import { writeTable } from './tab-writer';

const OPTION_HEADERS = ['TEMPLATE', 'NODES TO ADD', 'PRICE/H', 'COST/H', 'REASON'];

/** Writes the options table, a blank line, the recommendation, a blank line, and the plan's tables. */
export function printScaleOutTable(
  report: ScaleOutReport,
  options: CapacityTableOptions,
  write: (text: string) => void,
): void {
  writeTable(options.headers ? OPTION_HEADERS : null, report.options.map(optionRow), write);
  write(`\n${recommendation(report)}\n`);
  if (report.plan.workloads.length === 0) return;
  write('\n');
  printPlanTable(report.plan, options, write);
}

function optionRow(option: ScaleOutOption): string[] {
  return [
    option.template,
    option.nodesToAdd === null ? '' : String(option.nodesToAdd),
    option.hourlyPrice ?? '',
    option.hourlyCost ?? '',
    option.reason ?? '',
  ];
}

/** `Recommended: add 3 × m5-xlarge (0.576/h).`, or why there is nothing to recommend. */
export function recommendation(report: ScaleOutReport): string {
  if (report.fitsAsIs) return 'The plan fits as it is: no nodes to add.';
  const option = report.options.find((candidate) => candidate.template === report.recommended);
  if (option === undefined || option.nodesToAdd === null) return 'No template makes the plan fit.';
  const cost = option.hourlyCost === null ? '' : ` (${option.hourlyCost}/h)`;
  return `Recommended: add ${option.nodesToAdd} × ${option.template}${cost}.`;
}
