// The name rules kube-scheduler relies on when it parses selectors and resource names.
// k8s.io/apimachinery pkg/util/validation/validation.go: IsQualifiedName, IsValidLabelValue, IsDNS1123Subdomain.

const QUALIFIED_NAME_MAX_LENGTH = 63;
const LABEL_VALUE_MAX_LENGTH = 63;
const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

// qualifiedNameFmt: "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
// labelValueFmt: "(" + qualifiedNameFmt + ")?"
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
// dns1123SubdomainFmt: dns1123LabelFmt ("." dns1123LabelFmt)*
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `IsDNS1123Subdomain`: lower-case RFC 1123 labels joined by dots, at most 253 characters. */
export function isDNS1123Subdomain(value: string): boolean {
  return value.length <= DNS1123_SUBDOMAIN_MAX_LENGTH && DNS1123_SUBDOMAIN.test(value);
}

/** `IsQualifiedName`: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
export function isQualifiedName(value: string): boolean {
  const slash = value.indexOf('/');
  let name = value;
  if (slash >= 0) {
    if (value.indexOf('/', slash + 1) >= 0) return false;
    const prefix = value.slice(0, slash);
    if (prefix.length === 0 || !isDNS1123Subdomain(prefix)) return false;
    name = value.slice(slash + 1);
  }
  return name.length > 0 && name.length <= QUALIFIED_NAME_MAX_LENGTH && QUALIFIED_NAME.test(name);
}

/** `IsValidLabelValue`: empty, or a qualified name part of at most 63 characters. */
export function isValidLabelValue(value: string): boolean {
  return value.length <= LABEL_VALUE_MAX_LENGTH && LABEL_VALUE.test(value);
}
