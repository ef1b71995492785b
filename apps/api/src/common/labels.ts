// Analysis labels follow Kubernetes' label rules (keys: optional DNS prefix + name of 63 characters; values:
// 63 characters of the same alphabet), so they read and filter as `kubectl -l` users expect.
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isQualifiedName, isValidLabelValue } from '@podfit/scheduling';

const MAX_LABELS = 64;

/** A label filter, `key=value` (GET /v1/analyses?label=, GraphQL's AnalysisFilter.labels). */
export const LABEL_FILTER = /^[^=,\s]+=[^=,\s]*$/;

const KEY_RULE =
  "must be a name of at most 63 characters (alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric), with an optional DNS subdomain prefix and '/'";
const VALUE_RULE =
  "must be 63 characters or less, empty or start and end with an alphanumeric character, and contain only alphanumerics, '-', '_' or '.'";

/** Every problem of a label map, one line each with its key. */
export function labelProblems(labels: unknown): string[] {
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) return ['must be an object'];
  const entries = Object.entries(labels);
  const problems: string[] = [];
  if (entries.length > MAX_LABELS) problems.push(`must have at most ${MAX_LABELS} labels`);
  for (const [key, value] of entries) {
    const shown = JSON.stringify(key.slice(0, 80));
    if (!isQualifiedName(key)) problems.push(`key ${shown}: ${KEY_RULE}`);
    if (typeof value !== 'string') problems.push(`${shown}: value must be a string`);
    else if (!isValidLabelValue(value)) problems.push(`${shown}: value ${VALUE_RULE}`);
  }
  return problems;
}

export function IsLabels(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLabels',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args) => `${args.property} ${labelProblems(args.value).join('; ')}`,
        ...options,
      },
      validator: { validate: (value: unknown) => labelProblems(value).length === 0 },
    });
}

/** `key=value` (a label filter or flag) as its key and value. */
export function splitLabel(label: string): [string, string] {
  const at = label.indexOf('=');
  return [label.slice(0, at), label.slice(at + 1)];
}
