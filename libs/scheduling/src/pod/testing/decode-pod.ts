// Test helper: a raw v1 Pod as JSON (quantities as strings) into the core Pod with parsed quantities.
import {
  type Container,
  type ContainerStatus,
  type Pod,
  type ResourceList,
  type ResourceRequirements,
} from '../../api/core-v1';
import { Quantity } from '../../quantity/quantity';

type Raw = Record<string, unknown>;
type RawList = Record<string, string | number>;

function decodeList(raw: unknown): ResourceList | undefined {
  if (raw === undefined || raw === null) return undefined;
  const list: Record<string, Quantity> = {};
  for (const [name, value] of Object.entries(raw as RawList)) list[name] = Quantity.parse(String(value));
  return list;
}

function decodeRequirements(raw: unknown): ResourceRequirements | undefined {
  if (raw === undefined || raw === null) return undefined;
  const { requests, limits, ...rest } = raw as Raw;
  const decoded: { -readonly [K in keyof ResourceRequirements]: ResourceRequirements[K] } = { ...rest };
  if (requests != null) decoded.requests = decodeList(requests);
  if (limits != null) decoded.limits = decodeList(limits);
  return decoded;
}

function decodeContainer(raw: Raw): Container {
  const { resources, ...rest } = raw;
  return { ...(rest as unknown as Container), ...(resources != null && { resources: decodeRequirements(resources) }) };
}

function decodeContainerStatus(raw: Raw): ContainerStatus {
  const { resources, allocatedResources, ...rest } = raw;
  return {
    ...(rest as unknown as ContainerStatus),
    ...(resources != null && { resources: decodeRequirements(resources) }),
    ...(allocatedResources != null && { allocatedResources: decodeList(allocatedResources) }),
  };
}

/** Parses every resource list of a raw v1 Pod (spec and status) with Quantity.parse. */
export function decodePod(raw: unknown): Pod {
  const { spec, status, metadata, ...rest } = raw as Raw;
  const { containers, initContainers, resources, overhead, ...specRest } = (spec ?? {}) as Raw;
  const pod: Raw = {
    ...rest,
    metadata: metadata ?? {},
    spec: {
      ...specRest,
      containers: ((containers ?? []) as Raw[]).map(decodeContainer),
      ...(initContainers != null && { initContainers: (initContainers as Raw[]).map(decodeContainer) }),
      ...(resources != null && { resources: decodeRequirements(resources) }),
      ...(overhead != null && { overhead: decodeList(overhead) }),
    },
  };
  if (status != null) {
    const { containerStatuses, initContainerStatuses, resources: podResources, allocatedResources, ...statusRest } =
      status as Raw;
    pod.status = {
      ...statusRest,
      ...(containerStatuses != null && { containerStatuses: (containerStatuses as Raw[]).map(decodeContainerStatus) }),
      ...(initContainerStatuses != null && {
        initContainerStatuses: (initContainerStatuses as Raw[]).map(decodeContainerStatus),
      }),
      ...(podResources != null && { resources: decodeRequirements(podResources) }),
      ...(allocatedResources != null && { allocatedResources: decodeList(allocatedResources) }),
    };
  }
  return pod as unknown as Pod;
}

/** Parses a map of quantity strings, e.g. a test's expected requests. */
export function decodeResourceList(raw: Record<string, string>): ResourceList {
  return decodeList(raw) ?? {};
}
