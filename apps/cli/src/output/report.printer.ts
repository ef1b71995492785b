// `-o json` and `-o yaml` of a capacity report: the report itself, as its schema under schema/ describes it.
import { dump } from 'js-yaml';
import { YAML_OPTIONS } from './structured.printer';

/** Writes the report as `JSON.stringify(report, null, 2)`, `\n`-terminated. */
export function printReportJson(report: object, write: (text: string) => void): void {
  write(`${JSON.stringify(report, null, 2)}\n`);
}

/** Writes the report as YAML, in the same shape as the JSON. */
export function printReportYaml(report: object, write: (text: string) => void): void {
  write(dump(report, YAML_OPTIONS));
}
