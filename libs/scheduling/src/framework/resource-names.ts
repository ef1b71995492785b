// Which resources the scheduler tracks and how it classes them.
// k8s.io/kubernetes pkg/apis/core/v1/helper/helpers.go and pkg/scheduler/util/utils.go.
import { RESOURCE_HUGEPAGES_PREFIX } from '../api/core-v1';
import { isQualifiedName } from './name-validation';

const DEFAULT_NAMESPACE_PREFIX = 'kubernetes.io/';
const REQUESTS_PREFIX = 'requests.';
const ATTACHABLE_VOLUMES_PREFIX = 'attachable-volumes-';

/** `IsPrefixedNativeResource`: the name lies in a `*kubernetes.io/` namespace. */
export function isPrefixedNativeResource(name: string): boolean {
  return name.includes(DEFAULT_NAMESPACE_PREFIX);
}

/** `IsNativeResource`: unprefixed, or in a `*kubernetes.io/` namespace. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || isPrefixedNativeResource(name);
}

/**
 * `IsExtendedResourceName`: outside the kubernetes.io namespaces, not `requests.`-prefixed, and a valid
 * qualified name once quota's `requests.` prefix is put in front (`example.com/gpu` yes, `foo` no).
 */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith(REQUESTS_PREFIX)) return false;
  return isQualifiedName(REQUESTS_PREFIX + name);
}

/** `IsHugePageResourceName`. */
export function isHugePageResourceName(name: string): boolean {
  return name.startsWith(RESOURCE_HUGEPAGES_PREFIX);
}

/** `IsAttachableVolumeResourceName`. */
export function isAttachableVolumeResourceName(name: string): boolean {
  return name.startsWith(ATTACHABLE_VOLUMES_PREFIX);
}

/**
 * `IsScalarResourceName`: the resources beyond cpu, memory, ephemeral-storage and pods that the scheduler
 * counts (extended, hugepages, `kubernetes.io/` prefixed, attachable volumes); any other name is ignored.
 */
export function isScalarResourceName(name: string): boolean {
  return (
    isExtendedResourceName(name) ||
    isHugePageResourceName(name) ||
    isPrefixedNativeResource(name) ||
    isAttachableVolumeResourceName(name)
  );
}
