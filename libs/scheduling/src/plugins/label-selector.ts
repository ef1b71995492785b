// Label selectors as kube-scheduler compiles and matches them for pod (anti-)affinity and topology spread.
// k8s.io/apimachinery pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector) and pkg/labels/selector.go
// (NewRequirement, Requirement.Matches), with the validation messages of pkg/util/validation.
import { type LabelSelector } from '../api/core-v1';
import {
  DNS1123_SUBDOMAIN_ERR_MSG,
  DNS1123_SUBDOMAIN_FMT,
  DNS1123_SUBDOMAIN_RE,
  LABEL_VALUE_ERR_MSG,
  LABEL_VALUE_FMT,
  LABEL_VALUE_RE,
  QUALIFIED_NAME_ERR_MSG,
  QUALIFIED_NAME_FMT,
  QUALIFIED_NAME_RE,
  regexError,
} from '../framework/name-validation';

export type Labels = Readonly<Record<string, string>>;

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/**
 * A compiled selector: `labels.Nothing()` when `matchesNothing`, otherwise its requirements ANDed, where no
 * requirement at all is `labels.Everything()`.
 */
export interface Selector {
  readonly matchesNothing: boolean;
  readonly requirements: readonly Requirement[];
}

export type SelectorResult =
  | { readonly selector: Selector; readonly error?: undefined }
  | { readonly selector?: undefined; readonly error: string };

/** labels.Nothing(): what a nil LabelSelector compiles to. */
export const NOTHING: Selector = Object.freeze({ matchesNothing: true, requirements: Object.freeze([]) });
/** labels.Everything(): what an empty (non-nil) LabelSelector compiles to. */
export const EVERYTHING: Selector = Object.freeze({ matchesNothing: false, requirements: Object.freeze([]) });

/**
 * metav1.LabelSelectorAsSelector: nil matches nothing, `{}` matches everything, otherwise every matchLabels
 * entry (as `key = value`) and every matchExpressions entry must hold. Invalid keys, values or operators
 * give upstream's error text, e.g. `values[0][app]: Invalid value: "a b": a valid label must be ...`.
 */
export function labelSelectorAsSelector(labelSelector: LabelSelector | undefined): SelectorResult {
  if (labelSelector === undefined || labelSelector === null) return { selector: NOTHING };
  const matchLabels = labelSelector.matchLabels ?? {};
  const matchExpressions = labelSelector.matchExpressions ?? [];
  const labelKeys = Object.keys(matchLabels);
  if (labelKeys.length + matchExpressions.length === 0) return { selector: EVERYTHING };
  const requirements: Requirement[] = [];
  for (const key of labelKeys) {
    const values = [matchLabels[key]!];
    const error = validateRequirement(key, 'Equals', values, false);
    if (error !== null) return { error };
    requirements.push({ key, operator: 'In', values });
  }
  for (const expression of matchExpressions) {
    const operator = expression.operator;
    if (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist') {
      return { error: `${JSON.stringify(operator)} is not a valid label selector operator` };
    }
    const values = expression.values ?? [];
    const error = validateRequirement(expression.key, operator, values, values.length === 0);
    if (error !== null) return { error };
    requirements.push({ key: expression.key, operator, values });
  }
  return { selector: { matchesNothing: false, requirements } };
}

/** labels.Selector.Matches against a pod's or a namespace's labels (absent labels are an empty set). */
export function selectorMatches(selector: Selector, labels: Labels | undefined): boolean {
  if (selector.matchesNothing) return false;
  const requirements = selector.requirements;
  for (let i = 0; i < requirements.length; i++) {
    if (!requirementMatches(requirements[i]!, labels)) return false;
  }
  return true;
}

/** labels.Selector.Empty(): true only for Everything (a selector that does not restrict anything). */
export function selectorIsEmpty(selector: Selector): boolean {
  return !selector.matchesNothing && selector.requirements.length === 0;
}

function requirementMatches(requirement: Requirement, labels: Labels | undefined): boolean {
  // Label values are strings; anything else read off a plain object (a prototype member) is no label.
  const value = labels === undefined ? undefined : labels[requirement.key];
  if (typeof value !== 'string')
    return requirement.operator === 'NotIn' || requirement.operator === 'DoesNotExist';
  switch (requirement.operator) {
    case 'In':
      return requirement.values.includes(value);
    case 'NotIn':
      return !requirement.values.includes(value);
    case 'Exists':
      return true;
    case 'DoesNotExist':
      return false;
  }
}

/**
 * The API server's merge of `matchLabelKeys` (as `key In (value)`) and `mismatchLabelKeys` (as
 * `key NotIn (value)`) into a term's selector, using the pod's own labels; keys the pod lacks are skipped and
 * a nil selector stays nil. pkg/registry/core/pod/strategy.go, applyLabelKeysToLabelSelector.
 */
export function mergeLabelKeys(
  labelSelector: LabelSelector | undefined,
  podLabels: Labels | undefined,
  matchLabelKeys: readonly string[] | undefined,
  mismatchLabelKeys: readonly string[] | undefined,
): LabelSelector | undefined {
  if (labelSelector === undefined || labelSelector === null) return labelSelector;
  if ((matchLabelKeys?.length ?? 0) === 0 && (mismatchLabelKeys?.length ?? 0) === 0) return labelSelector;
  const matchExpressions = [...(labelSelector.matchExpressions ?? [])];
  const append = (keys: readonly string[] | undefined, operator: 'In' | 'NotIn'): void => {
    for (const key of keys ?? []) {
      const value = podLabels?.[key];
      if (typeof value === 'string') matchExpressions.push({ key, operator, values: [value] });
    }
  };
  append(matchLabelKeys, 'In');
  append(mismatchLabelKeys, 'NotIn');
  return { ...labelSelector, matchExpressions };
}

// labels.NewRequirement's checks, aggregated as utilerrors.NewAggregate prints them; null when valid.
// `valuesIsNil` tells how Go prints an empty list (`[]string(nil)` after LabelSelectorAsSelector's copy).
function validateRequirement(
  key: string,
  operator: SelectorOperator | 'Equals',
  values: readonly string[],
  valuesIsNil: boolean,
): string | null {
  const errors: string[] = [];
  const keyErrors = isQualifiedName(key);
  if (keyErrors.length > 0) errors.push(fieldInvalid('key', goString(key), keyErrors.join('; ')));
  const valuesRepr = (): string => goStringSlice(values, valuesIsNil);
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) {
        errors.push(
          fieldInvalid('values', valuesRepr(), "for 'in', 'notin' operators, values set can't be empty"),
        );
      }
      break;
    case 'Equals':
      if (values.length !== 1) {
        errors.push(
          fieldInvalid('values', valuesRepr(), 'exact-match compatibility requires one single value'),
        );
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) {
        errors.push(
          fieldInvalid('values', valuesRepr(), 'values set must be empty for exists and does not exist'),
        );
      }
      break;
  }
  values.forEach((value, i) => {
    const valueErrors = isValidLabelValue(value);
    if (valueErrors.length > 0) {
      errors.push(fieldInvalid(`values[${i}][${key}]`, goString(value), valueErrors.join('; ')));
    }
  });
  return aggregate(errors);
}

/** utilerrors.NewAggregate(...).Error(): one message as is, several deduplicated inside brackets. */
export function aggregate(messages: readonly string[]): string | null {
  const unique = [...new Set(messages)];
  if (unique.length === 0) return null;
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

function fieldInvalid(path: string, valueRepr: string, detail: string): string {
  return `${path}: Invalid value: ${valueRepr}: ${detail}`;
}

function goString(value: string): string {
  return JSON.stringify(value);
}

function goStringSlice(values: readonly string[], isNil: boolean): string {
  if (isNil) return '[]string(nil)';
  return `[]string{${values.map(goString).join(', ')}}`;
}

function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

function isQualifiedName(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) {
      errors.push('prefix part must be non-empty');
    } else {
      if (prefix.length > 253) errors.push(`prefix part ${maxLenError(253)}`);
      if (!DNS1123_SUBDOMAIN_RE.test(prefix)) {
        errors.push(
          `prefix part ${regexError(DNS1123_SUBDOMAIN_ERR_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com')}`,
        );
      }
    }
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errors.push('name part must be non-empty');
  else if (name.length > 63) errors.push(`name part ${maxLenError(63)}`);
  if (!QUALIFIED_NAME_RE.test(name)) {
    errors.push(
      `name part ${regexError(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`,
    );
  }
  return errors;
}

function isValidLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value))
    errors.push(regexError(LABEL_VALUE_ERR_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errors;
}
