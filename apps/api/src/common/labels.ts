// Analysis labels follow Kubernetes' label rules (keys: optional DNS prefix + name of 63 characters; values:
// 63 characters of the same alphabet), so they read and filter as `kubectl -l` users expect.
import { registerDecorator, type ValidationOptions } from 'class-validator';

const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const MAX_LABELS = 64;

/** Why `key` is not a valid label key, or null. (apimachinery validation.IsQualifiedName) */
export function labelKeyProblem(key: string): string | null {
  const parts = key.split('/');
  if (parts.length > 2) return 'a label key must be a name with an optional DNS prefix and one "/"';
  const name = parts[parts.length - 1]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) {
      return 'the prefix must be a DNS subdomain of at most 253 characters';
    }
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return "name part must be 63 characters or less, start and end with an alphanumeric character, and contain only alphanumerics, '-', '_' or '.'";
  }
  return null;
}

/** Why `value` is not a valid label value, or null. (apimachinery validation.IsValidLabelValue) */
export function labelValueProblem(value: string): string | null {
  if (value === '') return null;
  if (value.length > 63 || !NAME.test(value)) {
    return "must be 63 characters or less, empty or start and end with an alphanumeric character, and contain only alphanumerics, '-', '_' or '.'";
  }
  return null;
}

/** Every problem of a label map, one line each with its key. */
export function labelProblems(labels: unknown): string[] {
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) return ['must be an object'];
  const entries = Object.entries(labels);
  const problems: string[] = [];
  if (entries.length > MAX_LABELS) problems.push(`must have at most ${MAX_LABELS} labels`);
  for (const [key, value] of entries) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem !== null) problems.push(`key ${JSON.stringify(key.slice(0, 80))}: ${keyProblem}`);
    if (typeof value !== 'string')
      problems.push(`${JSON.stringify(key.slice(0, 80))}: value must be a string`);
    else {
      const valueProblem = labelValueProblem(value);
      if (valueProblem !== null) problems.push(`${JSON.stringify(key.slice(0, 80))}: value ${valueProblem}`);
    }
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
